import { readFileSync } from 'node:fs'
import { LoadTestError, errorMessage } from '../errors.js'
import { isOptionName, OPTION_NAMES, type RawOptions } from './options.js'
import { readableFileProblem } from './paths.js'

/** A config file may name its JSON Schema (schemas/config.schema.json) for editors. */
const SCHEMA_KEY = '$schema'

/**
 * Reads a JSON config file whose keys are the option names, and `$schema` (a string, for
 * editors; ignored). Numbers and booleans are taken as their text; gateway-command may be
 * an array and gateway-headers an object. Throws LoadTestError('input') naming the file for
 * one that is not a readable regular file, does not parse, or holds unknown keys.
 */
export function loadConfigFile(filePath: string): RawOptions {
  // A FIFO or a device would block or never end: only a regular, readable file is read.
  const unreadable = readableFileProblem('config', filePath)
  if (unreadable !== undefined) throw new LoadTestError('input', unreadable)
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'))
  } catch (error) {
    throw new LoadTestError('input', `config file ${filePath}: ${errorMessage(error)}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LoadTestError(
      'input',
      `config file ${filePath}: expected a JSON object of option names to values.`
    )
  }
  const options: RawOptions = {}
  const problems: string[] = []
  for (const [key, value] of Object.entries(parsed)) {
    if (key === SCHEMA_KEY) {
      if (typeof value !== 'string') {
        problems.push(`${key}: got ${JSON.stringify(value)}; expected the URL or path of a schema.`)
      }
      continue
    }
    if (!isOptionName(key)) {
      problems.push(unknownOptionMessage(key))
      continue
    }
    if (typeof value === 'string') options[key] = value
    else if (typeof value === 'number' || typeof value === 'boolean') options[key] = String(value)
    else if (value !== null && typeof value === 'object') options[key] = JSON.stringify(value)
    else problems.push(`${key}: got ${JSON.stringify(value)}; expected a string or a number.`)
  }
  if (problems.length > 0) {
    throw new LoadTestError(
      'input',
      `config file ${filePath}:\n${problems.map((p) => `  - ${p}`).join('\n')}`
    )
  }
  return options
}

/** "unknown option X" with the nearest known name, if one is close. */
export function unknownOptionMessage(name: string, prefix = ''): string {
  const nearest = OPTION_NAMES.map((known) => ({
    known,
    distance: editDistance(name, known)
  })).sort((a, b) => a.distance - b.distance)[0]
  const hint =
    nearest && nearest.distance <= Math.max(2, Math.floor(name.length / 4))
      ? ` Did you mean ${prefix}${nearest.known}?`
      : ''
  return `unknown option ${JSON.stringify(prefix + name)}.${hint} Known options are listed by --help.`
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
