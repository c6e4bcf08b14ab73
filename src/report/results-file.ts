import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { LoadTestError, errorMessage } from '../errors.js'
import { packageRoot } from '../package-root.js'
import type { CommentSource } from './comment.js'

export const RESULTS_SCHEMA_FILE = 'results.schema.json'

/** A results file larger than this is refused (a real one is well under 10 MB). */
const MAX_RESULTS_BYTES = 64 * 1024 * 1024

let validator: ValidateFunction | undefined

/** The validator of schemas/results.schema.json (JSON Schema 2020-12), compiled once. */
function resultsValidator(): ValidateFunction {
  if (!validator) {
    const schemaFile = path.join(packageRoot(), 'schemas', RESULTS_SCHEMA_FILE)
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object
    validator = new Ajv2020({ strict: true, allErrors: true }).compile(schema)
  }
  return validator
}

/** Where `document` departs from the results schema, one line each; empty when it does not. */
export function resultsSchemaProblems(document: unknown): string[] {
  const validate = resultsValidator()
  if (validate(document)) return []
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`
  )
}

/**
 * Reads a load-test-results.json written by a run (possibly another workflow's, from an
 * artifact: untrusted), and checks it against schemas/results.schema.json. Throws
 * LoadTestError('input') naming the file and what is wrong: unreadable, too large, not JSON,
 * or not matching the schema (the first problems listed). `redact` is applied to the text
 * before it is parsed (secrets inside JSON strings, as the artifact upload replaces them).
 */
export function readResultsFile(
  file: string,
  option = 'comment-from-results',
  redact: (text: string) => string = (text) => text
): CommentSource {
  const got = `${option}: got ${JSON.stringify(file)}`
  let text: string
  try {
    const size = statSync(file).size
    if (size > MAX_RESULTS_BYTES) {
      throw new Error(`${size} bytes, more than the ${MAX_RESULTS_BYTES} a results file can be`)
    }
    text = redact(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new LoadTestError(
      'input',
      `${got}, which cannot be read (${errorMessage(error)}); expected the load-test-results.json of a run.`
    )
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new LoadTestError(
      'input',
      `${got}, which is not valid JSON (${errorMessage(error)}); expected the load-test-results.json of a run.`
    )
  }
  const problems = resultsSchemaProblems(document)
  if (problems.length > 0) {
    throw new LoadTestError(
      'input',
      `${got}, which does not match schemas/${RESULTS_SCHEMA_FILE}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}.`
    )
  }
  return document as CommentSource
}
