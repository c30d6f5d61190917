/**
 * The answers that need no render: `--help` and `--version`. Bundled on its
 * own (dist/quick.cjs), so that bin/prometheus-krm can print them without
 * loading the whole command; main.ts gives the same answers through here.
 */
import { helpText } from './help.js';

declare const PROMETHEUS_KRM_VERSION: string | undefined;
export const VERSION = typeof PROMETHEUS_KRM_VERSION === 'string' ? PROMETHEUS_KRM_VERSION : 'dev';

/** What `prometheus-krm <command>` prints on stdout when the command needs no input, else undefined. */
export function quickAnswer(command: string | undefined): string | undefined {
  if (command === '--help' || command === '-h' || command === 'help') return helpText();
  if (command === '--version') return `${VERSION}\n`;
  return undefined;
}
