import { OPTIONS, type OptionName } from './options.js'

/** A JSON Schema (draft 2020-12) fragment. */
export type JsonSchema = Record<string, unknown>

const DIGITS = '^\\s*\\d+\\s*$'
const DECIMAL = '^\\s*\\d+(\\.\\d+)?\\s*$'
const NUMBER = '\\d+(\\.\\d+)?'
/** A bare number (seconds) or number-unit terms, largest unit first: 30s, 500ms, 1m30s, 2h5m. */
const DURATION = `^\\s*(?=\\S)(${NUMBER}|(${NUMBER}h)?(${NUMBER}m)?(${NUMBER}s)?(${NUMBER}ms)?)\\s*$`

const integer = (minimum: number, maximum: number): JsonSchema => ({
  anyOf: [
    { type: 'integer', minimum, maximum },
    { type: 'string', pattern: DIGITS }
  ]
})
const decimal = (minimum: number, maximum: number): JsonSchema => ({
  anyOf: [
    { type: 'number', minimum, maximum },
    { type: 'string', pattern: DECIMAL }
  ]
})
const duration: JsonSchema = {
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: DURATION }
  ]
}
const text: JsonSchema = { type: 'string' }
const urlPath = (allowEmpty: boolean): JsonSchema => ({
  type: 'string',
  pattern: allowEmpty
    ? '^\\s*(/[^\\s?#]*(\\?[^\\s#]*)?)?\\s*$'
    : '^\\s*/[^\\s?#]*(\\?[^\\s#]*)?\\s*$'
})
const port = integer(0, 65_535)
const threshold = decimal(0, 60_000_000)

/**
 * The JSON type of each option's value in a config file, from the parser that
 * resolveConfig (src/config/resolve.ts) applies to it; numbers may also be written as
 * strings, as flags and inputs are. A Record over every option name, so a new option cannot
 * be left out. Ranges are checked here only where a JSON number is given; resolveConfig
 * checks every value either way.
 */
const VALUE_SCHEMAS: Record<OptionName, JsonSchema> = {
  rate: integer(1, 100_000),
  'overhead-duration': duration,
  'stress-duration': duration,
  'overhead-mocker-latency-ms': integer(0, 600_000),
  'stress-mocker-latency-ms': integer(0, 600_000),
  'stress-runs': integer(1, 20),
  'stress-idle': duration,
  'max-workers': integer(1, 1_000_000),
  mode: { enum: ['non-streaming', 'streaming', 'both'] },
  measurement: { enum: ['interleaved', 'sequential'] },
  'warmup-duration': duration,
  'min-achieved-rate-pct': decimal(0, 100),
  'max-calibration-excess-us': threshold,
  'max-body-bytes': integer(1024, 64 * 1024 * 1024),
  'max-overhead-mean-us': threshold,
  'max-overhead-p50-us': threshold,
  'max-overhead-p90-us': threshold,
  'max-overhead-p95-us': threshold,
  'max-overhead-p99-us': threshold,
  'max-regression-mean-us': threshold,
  'max-regression-p50-us': threshold,
  'max-regression-p90-us': threshold,
  'max-regression-p95-us': threshold,
  'max-regression-p99-us': threshold,
  'max-regression-pct': decimal(0, 10_000),
  'fail-on': { enum: ['checks', 'never'] },
  'baseline-results': text,
  'min-stress-success-rate': decimal(0, 100),
  'ready-timeout': duration,
  'vegeta-version': { type: 'string', pattern: '^\\s*v?\\d+\\.\\d+\\.\\d+\\s*$' },
  'vegeta-path': text,
  'bifrost-path': text,
  'bifrost-modules': { enum: ['local', 'published'] },
  'bifrost-config': text,
  'gateway-binary': text,
  'base-bifrost-path': text,
  'base-ref': { type: 'string', pattern: '^(?!-)[\\w./@^~-]+$' },
  'base-gateway-binary': text,
  'base-gateway-command': {
    anyOf: [text, { type: 'array', items: { type: 'string' }, minItems: 1 }]
  },
  'gateway-command': {
    anyOf: [text, { type: 'array', items: { type: 'string' }, minItems: 1 }]
  },
  'gateway-port': port,
  'gateway-health-path': urlPath(true),
  'gateway-ready-log': text,
  'gateway-request-path': urlPath(false),
  'gateway-model': text,
  'gateway-headers': {
    anyOf: [text, { type: 'object', additionalProperties: { type: 'string' } }]
  },
  'mocker-path': text,
  'mocker-binary': text,
  'mocker-repository': text,
  'mocker-ref': text,
  'mocker-subdirectory': text,
  'mocker-port': port,
  'mocker-model': text,
  'results-dir': text,
  'tools-dir': text
}

/**
 * The JSON Schema of a `--config` file (schemas/config.schema.json), generated from the
 * option table: one property per option with its description and default, plus `$schema`,
 * and no other key.
 */
export function configFileSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' }
  }
  for (const option of OPTIONS) {
    properties[option.name] = {
      description: option.description,
      ...('defaultValue' in option ? { default: option.defaultValue } : {}),
      ...VALUE_SCHEMAS[option.name]
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
