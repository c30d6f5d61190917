/**
 * The JSON schema of the functionConfig's fields, derived from the option
 * definitions. scripts/build.mjs compiles it with ajv into
 * options-validator.gen.js (standalone code, not committed), so that no
 * schema is compiled when the command starts.
 */
import { OPTION_DEFINITIONS, type OptionDefinition } from './definitions.js';

function schemaFor(def: OptionDefinition): object {
  switch (def.kind) {
    case 'boolean':
      return { enum: [true, false, 'true', 'false'] };
    case 'enum':
      return { type: 'string', enum: def.values };
    case 'string':
      return { type: 'string' };
  }
}

export const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(OPTION_DEFINITIONS.map((d) => [d.name, schemaFor(d)])),
};
