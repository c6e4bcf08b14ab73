import path from 'node:path'

/**
 * Parsers for single option values, and the kinds of value the option table
 * (src/config/options.ts) gives each option: its parser with its range, and the JSON Schema
 * derived from the same range. A parser returns the value or a description of what is
 * allowed; the caller names the option and the offending value.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; allowed: string }

/** A JSON Schema (draft 2020-12) fragment. */
export type JsonSchema = Record<string, unknown>

/** Which chat requests a run measures. */
export type Mode = 'non-streaming' | 'streaming'
export const MODES: readonly Mode[] = ['non-streaming', 'streaming']

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const refuse = <T>(allowed: string): Parsed<T> => ({ ok: false, allowed })

export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const trimmed = text.trim()
  if (!/^\d+$/.test(trimmed)) return refuse(`a whole number from ${min} to ${max}`)
  const value = Number(trimmed)
  if (value < min || value > max) return refuse(`a whole number from ${min} to ${max}`)
  return ok(value)
}

export function parseDecimal(text: string, min: number, max: number): Parsed<number> {
  const trimmed = text.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return refuse(`a number from ${min} to ${max}`)
  const value = Number(trimmed)
  if (value < min || value > max) return refuse(`a number from ${min} to ${max}`)
  return ok(value)
}

const DURATION_UNIT_S: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 }
const DURATION_UNIT_ORDER = ['h', 'm', 's', 'ms']
const DURATION_TERM = /(\d+(?:\.\d+)?)(ms|h|m|s)/y

/**
 * Reads a duration as seconds: a bare number is seconds (as in the seed), else one or more
 * number-unit terms in decreasing units, as Go's time.Duration prints them and our reports
 * do: "30s", "1.5s", "500ms", "2m", "1m30s", "2h5m", "1m0.5s". Units: h, m, s, ms, each
 * at most once. Returns the seconds, or what is allowed when the text is malformed or
 * outside minS..maxS.
 */
export function parseDurationS(text: string, minS: number, maxS: number): Parsed<number> {
  const allowed = `a duration from ${minS}s to ${maxS}s, such as 30s, 500ms, 2m or 1m30s (a bare number is seconds)`
  const trimmed = text.trim()
  let seconds: number
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    seconds = Number(trimmed)
  } else {
    seconds = 0
    let unitIndex = -1
    DURATION_TERM.lastIndex = 0
    while (DURATION_TERM.lastIndex < trimmed.length) {
      const term = DURATION_TERM.exec(trimmed)
      const index = term ? DURATION_UNIT_ORDER.indexOf(term[2] as string) : -1
      // Each unit once, largest first, as a reader expects: "30s1m" is more likely a typo.
      if (!term || index <= unitIndex) return refuse(allowed)
      unitIndex = index
      seconds += Number(term[1]) * (DURATION_UNIT_S[term[2] as string] as number)
    }
    if (unitIndex === -1) return refuse(allowed)
  }
  // Float sums such as 1m0.1s: rounded to the microsecond, far below any timer's precision.
  seconds = Math.round(seconds * 1e6) / 1e6
  if (seconds < minS || seconds > maxS) return refuse(allowed)
  return ok(seconds)
}

export function parseVersion(text: string): Parsed<string> {
  const trimmed = text.trim().replace(/^v/, '')
  return /^\d+\.\d+\.\d+$/.test(trimmed) ? ok(trimmed) : refuse('a version X.Y.Z, such as 12.13.0')
}

export function parseUrlPath(text: string, allowEmpty: boolean): Parsed<string> {
  const trimmed = text.trim()
  if (trimmed === '' && allowEmpty) return ok('')
  return /^\/[^\s?#]*(\?[^\s#]*)?$/.test(trimmed)
    ? ok(trimmed)
    : refuse(allowEmpty ? 'a path starting with /, or empty' : 'a path starting with /')
}

export function parseRegex(text: string): Parsed<string> {
  try {
    new RegExp(text)
    return ok(text)
  } catch (error) {
    return refuse(`a valid regular expression (${(error as Error).message})`)
  }
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** "Name: value" lines, or a JSON object of names to string values. */
export function parseHeaders(text: string): Parsed<Record<string, string>> {
  const allowed = '"Name: value" lines, or a JSON object such as {"Authorization": "Bearer x"}'
  const trimmed = text.trim()
  if (trimmed === '') return ok({})
  const headers: Record<string, string> = {}
  if (trimmed.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      return refuse(allowed)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return refuse(allowed)
    for (const [name, value] of Object.entries(parsed)) {
      if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n]/.test(value)) {
        return refuse(allowed)
      }
      headers[name] = value
    }
    return ok(headers)
  }
  for (const line of trimmed.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim()
    if (colon <= 0 || !HEADER_NAME.test(name)) return refuse(allowed)
    headers[name] = line.slice(colon + 1).trim()
  }
  return ok(headers)
}

/**
 * Splits a command like a POSIX shell splits words (single quotes, double quotes, backslash),
 * without expanding anything: the result is spawned as argv, never run by a shell.
 * A JSON array of strings is taken as argv directly.
 */
export function parseCommand(text: string): Parsed<string[]> {
  const allowed = 'a command line, or a JSON array of strings'
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      if (
        Array.isArray(parsed) &&
        parsed.length > 0 &&
        parsed.every((word) => typeof word === 'string')
      ) {
        return ok(parsed as string[])
      }
    } catch {
      // fall through to the refusal below
    }
    return refuse(allowed)
  }
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: "'" | '"' | undefined
  for (let index = 0; index < trimmed.length; index++) {
    const char = trimmed[index] as string
    if (quote === "'") {
      if (char === "'") quote = undefined
      else word += char
    } else if (quote === '"') {
      if (char === '"') quote = undefined
      else if (char === '\\' && /["\\$`]/.test(trimmed[index + 1] ?? '')) word += trimmed[++index]
      else word += char
    } else if (char === "'" || char === '"') {
      quote = char
      inWord = true
    } else if (char === '\\' && index + 1 < trimmed.length) {
      word += trimmed[++index]
      inWord = true
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }
  if (quote) return refuse(`${allowed} (a ${quote} quote is not closed)`)
  if (inWord) words.push(word)
  return words.length > 0 ? ok(words) : refuse(allowed)
}

/** One of a fixed set of words, e.g. "interleaved" or "sequential". */
export function parseChoice<T extends string>(text: string, choices: readonly T[]): Parsed<T> {
  const trimmed = text.trim()
  return (choices as readonly string[]).includes(trimmed)
    ? ok(trimmed as T)
    : refuse(`one of ${choices.join(', ')}`)
}

/** "non-streaming", "streaming" or "both" → the modes to measure, non-streaming first. */
export function parseMode(text: string): Parsed<Mode[]> {
  const choice = parseChoice(text, [...MODES, 'both'] as const)
  if (!choice.ok) return choice
  if (choice.value === 'both') return ok([...MODES])
  return ok([choice.value])
}

/** A branch, tag or commit name: no leading "-", nothing a shell or git would read as more. */
export const GIT_REF_PATTERN = /^(?!-)[\w./@^~-]+$/
/** mocker-ref's names, which `git clone --branch` takes: a narrower set than GIT_REF_PATTERN. */
const CLONE_REF_PATTERN = /^(?!-)[\w./-]+$/

/**
 * One kind of option value, as a row of the option table holds it: how the text is read
 * (with its range), what stands in for a refused value, and the JSON type a config file may
 * give it (schemas/config.schema.json), derived from the same range.
 */
export interface ValueKind<T> {
  parse: (text: string) => Parsed<T>
  /**
   * Taken in place of a refused value while the other options are still checked: a value
   * that trips no cross-option rule, since the refusal is already reported.
   */
  standIn: T
  schema: JsonSchema
}

/** Numbers may also be written as strings in a config file, as flags and inputs are. */
const numberOrText = (number: JsonSchema, pattern: string): JsonSchema => ({
  anyOf: [number, { type: 'string', pattern }]
})

/** A whole number from min to max; stands in as min. */
export const integer = (min: number, max: number): ValueKind<number> => ({
  parse: (text) => parseInteger(text, min, max),
  standIn: min,
  schema: numberOrText({ type: 'integer', minimum: min, maximum: max }, '^\\s*\\d+\\s*$')
})

/** A decimal number from min to max; stands in as min. */
export const decimal = (min: number, max: number): ValueKind<number> => ({
  parse: (text) => parseDecimal(text, min, max),
  standIn: min,
  schema: numberOrText({ type: 'number', minimum: min, maximum: max }, '^\\s*\\d+(\\.\\d+)?\\s*$')
})

const NUMBER = '\\d+(\\.\\d+)?'
/** A bare number (seconds) or number-unit terms, largest unit first: 30s, 500ms, 1m30s, 2h5m. */
const DURATION = `^\\s*(?=\\S)(${NUMBER}|(${NUMBER}h)?(${NUMBER}m)?(${NUMBER}s)?(${NUMBER}ms)?)\\s*$`

/** A duration from minS to maxS seconds (parseDurationS); a JSON number is seconds. */
export const duration = (minS: number, maxS: number): ValueKind<number> => ({
  parse: (text) => parseDurationS(text, minS, maxS),
  standIn: minS,
  schema: numberOrText({ type: 'number', minimum: minS, maximum: maxS }, DURATION)
})

/**
 * One of `choices`; stands in as the first. `allowed` words the refusal when the bare list
 * would not tell a user what each choice means.
 */
export const choice = <const T extends string>(
  choices: readonly [T, ...T[]],
  allowed?: string
): ValueKind<T> => ({
  parse: (text) => {
    const parsed = parseChoice(text, choices)
    return parsed.ok || allowed === undefined ? parsed : refuse(allowed)
  },
  standIn: choices[0],
  schema: { enum: [...choices] }
})

/** "non-streaming", "streaming" or "both" (parseMode). */
export const modes: ValueKind<Mode[]> = {
  parse: parseMode,
  standIn: [MODES[0] as Mode],
  schema: { enum: [...MODES, 'both'] }
}

/** Any text, trimmed: names, paths (resolved by the caller), URLs. */
export const text: ValueKind<string> = {
  parse: (value) => ok(value.trim()),
  standIn: '',
  schema: { type: 'string' }
}

/** A version X.Y.Z, with or without a leading v (parseVersion). */
export const version: ValueKind<string> = {
  parse: parseVersion,
  standIn: '',
  schema: { type: 'string', pattern: '^\\s*v?\\d+\\.\\d+\\.\\d+\\s*$' }
}

/** A URL path starting with / (or empty, when allowed: parseUrlPath); stands in as "/". */
export const urlPath = (allowEmpty: boolean): ValueKind<string> => ({
  parse: (value) => parseUrlPath(value, allowEmpty),
  standIn: '/',
  schema: {
    type: 'string',
    pattern: allowEmpty
      ? '^\\s*(/[^\\s?#]*(\\?[^\\s#]*)?)?\\s*$'
      : '^\\s*/[^\\s?#]*(\\?[^\\s#]*)?\\s*$'
  }
})

/** A JavaScript regular expression (parseRegex). */
export const regex: ValueKind<string> = { parse: parseRegex, standIn: '', schema: text.schema }

/** Request headers (parseHeaders): lines, or in a config file also an object. */
export const headers: ValueKind<Record<string, string>> = {
  parse: parseHeaders,
  standIn: {},
  schema: {
    anyOf: [text.schema, { type: 'object', additionalProperties: { type: 'string' } }]
  }
}

/** An argv (parseCommand); stands in as [], which rules read as "did not parse". */
export const command: ValueKind<string[]> = {
  parse: parseCommand,
  standIn: [],
  schema: { anyOf: [text.schema, { type: 'array', items: { type: 'string' }, minItems: 1 }] }
}

const refPattern = (pattern: RegExp): ValueKind<string> => ({
  parse: (value) =>
    pattern.test(value.trim()) ? ok(value.trim()) : refuse('a branch, tag or commit name'),
  standIn: 'HEAD',
  schema: { type: 'string', pattern: pattern.source }
})

/** A git ref that `git rev-parse` and `git fetch` are given (base-ref): GIT_REF_PATTERN. */
export const gitRef = refPattern(GIT_REF_PATTERN)
/** A git ref that `git clone --branch` is given (mocker-ref). */
export const cloneRef = refPattern(CLONE_REF_PATTERN)

/** A relative path that stays inside its directory: not absolute, no "..". */
export const relativePath: ValueKind<string> = {
  parse: (value) => {
    const trimmed = value.trim()
    return path.isAbsolute(trimmed) || trimmed.split(/[\\/]/).includes('..')
      ? refuse('a relative path inside the repository')
      : ok(trimmed)
  },
  standIn: '.',
  schema: text.schema
}
