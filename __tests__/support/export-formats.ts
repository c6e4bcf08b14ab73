import { Ajv, type ValidateFunction } from 'ajv'

/**
 * The documented shapes of the two export formats, as JSON Schemas (draft-07), written from
 * their documentation:
 *
 * - Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format, its
 *   "BMF JSON Schema", https://bencher.dev/bmf.json): an object of benchmark names to
 *   objects of measure slugs to a metric `{ value, lower_value?, upper_value? }`, all
 *   numbers, `value` required. A benchmark name is at most 1024 characters. The built-in
 *   `latency` measure is in nanoseconds.
 * - github-action-benchmark's `customSmallerIsBetter` (README, "Examples"; its
 *   BenchmarkResult in src/extract.ts): an array of `{ name, unit, value, range?, extra? }`,
 *   strings but `value`, a number. An empty array is refused by the tool ("No benchmark
 *   result was found").
 */

export const BENCHER_METRIC_FORMAT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  propertyNames: { maxLength: 1024 },
  patternProperties: {
    '.+': {
      type: 'object',
      patternProperties: {
        '.+': {
          type: 'object',
          properties: {
            value: { type: 'number' },
            lower_value: { type: 'number' },
            upper_value: { type: 'number' }
          },
          required: ['value']
        }
      }
    }
  }
}

export const CUSTOM_SMALLER_IS_BETTER_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      unit: { type: 'string' },
      value: { type: 'number' },
      range: { type: 'string' },
      extra: { type: 'string' }
    },
    required: ['name', 'unit', 'value'],
    additionalProperties: false
  }
}

export function formatValidator(schema: object): ValidateFunction {
  return new Ajv({ strict: true, allErrors: true }).compile(schema)
}
