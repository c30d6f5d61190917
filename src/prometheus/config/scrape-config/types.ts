/** The ScrapeConfig spec as the job builder and the checks read it. */
import type { ScrapeConfig } from '../../../api/types.js';

export type ScrapeConfigSpec = ScrapeConfig['spec'];
