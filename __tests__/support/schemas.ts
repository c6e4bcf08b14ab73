import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'

const SCHEMAS_DIR = path.resolve(import.meta.dirname, '../../schemas')

/** A validator for one of schemas/*.json (JSON Schema 2020-12, strict mode). */
export function schemaValidator(
  file: 'config.schema.json' | 'results.schema.json'
): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as object
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema)
}

/** Ajv's errors as lines, for a readable test failure. */
export function schemaErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? ''}`
  )
}
