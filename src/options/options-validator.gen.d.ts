// Types of src/options/options-validator.gen.js, which scripts/build.mjs generates (and git ignores):
// the functionConfig schema (src/options/schema.ts) compiled by ajv into standalone code.
import type { ErrorObject } from 'ajv';

declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
