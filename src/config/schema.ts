import { OPTIONS } from './options.js'
import type { JsonSchema } from './values.js'

/**
 * The JSON Schema of a `--config` file (schemas/config.schema.json), generated from the
 * option table: one property per option with its description, its default and the JSON
 * type of its value kind (src/config/values.ts), whose number ranges are the parser's;
 * numbers may also be written as strings, as flags and inputs are. Plus `$schema`, and no
 * other key. resolveOptions checks every value either way.
 */
export function configFileSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' }
  }
  for (const option of OPTIONS) {
    properties[option.name] = {
      description: option.description,
      ...('defaultValue' in option ? { default: option.defaultValue } : {}),
      ...option.value.schema
    }
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'bifrost-load-test config file',
    description:
      'Options of a load test, read by bifrost-load-test --config FILE. The keys are the CLI flags without -- and the action inputs; flags given on the command line win over the file.',
    type: 'object',
    properties,
    additionalProperties: false
  }
}
