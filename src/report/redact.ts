import type { LoadTestConfig } from '../config/types.js'
import { MOCKER_KEY } from '../services/launch.js'

/**
 * The one redactor of the project: which configured values are secrets, and how every output
 * (console, reports, job summary, comment, artifact, baseline cache; CLI and action alike)
 * replaces them. Pure: text and bytes in, text and bytes out.
 */

export const REDACTED = '***'

/**
 * Words of a header name that mark its value as a credential: `Authorization`,
 * `Proxy-Authorization`, `api-key`, `x-api-key`, `x-goog-api-key`, `x-auth-token`,
 * `Cookie`, bifrost's virtual key `x-bf-vk`… A name is split into words at `-` and `_`, so
 * `x-portkey-provider` holds none (its "key" is inside "portkey").
 */
const CREDENTIAL_NAME_WORDS = new Set([
  'apikey',
  'auth',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'key',
  'passwd',
  'password',
  'secret',
  'session',
  'signature',
  'token',
  'vk'
])

/** `Bearer sk-1`, `Basic dXNlcjpwdw==`: an auth scheme, then the credential. */
const SCHEME_AND_CREDENTIAL = /^([A-Za-z][\w.+-]*)\s+(\S.*)$/
/** Schemes that make a value a credential whatever its header is called (RFC 9110 §11). */
const AUTH_SCHEMES = new Set(['basic', 'bearer', 'digest', 'token'])

/**
 * A value this long with no space is taken for a key whatever its header is called: such a
 * value cannot be mistaken for an ordinary word, so redacting it costs nothing.
 */
export const KEY_LIKE_CHARS = 20

/**
 * Secrets shorter than this are redacted (as whole words only) but named in a warning, and
 * not handed to the Actions runner's masker, which replaces every occurrence of the letters
 * in the log, inside words too.
 */
export const MIN_SECRET_CHARS = 8

/**
 * Characters that continue a word, a key or an identifier: a secret only matches where
 * neither of its ends touches one of these. So the key `k` does not hit "checks" or
 * `mocker_latency_ms`, and `sk-1` does not hit `sk-12`.
 */
const WORD_CHAR = '[\\p{L}\\p{N}_-]'
/** In a binary file, read byte by byte, only ASCII letters and digits make words. */
const BYTE_WORD_CHAR = '[A-Za-z0-9_-]'

/** Whether a gateway header's value is a secret; see secretsOf for the rule. */
export function isSecretHeader(name: string, value: string): boolean {
  if (value === '') return false
  const words = name.toLowerCase().split(/[-_]+/)
  if (words.some((word) => CREDENTIAL_NAME_WORDS.has(word))) return true
  const scheme = SCHEME_AND_CREDENTIAL.exec(value)?.[1]
  if (scheme !== undefined && AUTH_SCHEMES.has(scheme.toLowerCase())) return true
  return value.length >= KEY_LIKE_CHARS && !/\s/.test(value)
}

/** The credential inside a secret header value: the part after an auth scheme, or all of it. */
function credentialOf(value: string): string {
  return SCHEME_AND_CREDENTIAL.exec(value)?.[2] ?? value
}

/**
 * The run's secrets, longest first, as every output replaces them:
 * - each gateway header value that is a secret (isSecretHeader): the header's name says it
 *   is a credential (CREDENTIAL_NAME_WORDS), or the value starts with an auth scheme
 *   (`Bearer …`, `Basic …`), or it is KEY_LIKE_CHARS or longer with no space; with, on its
 *   own, the credential after an auth scheme (a log may show only the token). Other header
 *   values (a provider's name, an API version) are not secrets: shown as they are;
 * - the key the gateway's config gives the mock provider (MOCKER_KEY);
 * - for each, the form it takes inside a JSON string, when quotes or backslashes differ.
 */
export function secretsOf(config: LoadTestConfig): string[] {
  const secrets = new Set<string>()
  const add = (value: string): void => {
    if (value === '') return
    secrets.add(value)
    secrets.add(JSON.stringify(value).slice(1, -1))
  }
  for (const [name, value] of Object.entries(config.gateway.headers)) {
    if (!isSecretHeader(name, value)) continue
    add(value)
    add(credentialOf(value))
  }
  add(MOCKER_KEY)
  return [...secrets].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
}

/**
 * One warning per secret header whose credential is shorter than MIN_SECRET_CHARS, naming
 * the header, never the value.
 */
export function shortSecretWarnings(config: LoadTestConfig): string[] {
  return Object.entries(config.gateway.headers)
    .filter(([name, value]) => isSecretHeader(name, value))
    .filter(([, value]) => credentialOf(value).length < MIN_SECRET_CHARS)
    .map(
      ([name, value]) =>
        `gateway-headers ${name}: its credential is ${credentialOf(value).length} characters long, fewer than ${MIN_SECRET_CHARS}. It is replaced by ${REDACTED} wherever it stands as a word of its own (so an ordinary word equal to it is hidden too), and the Actions runner is not asked to mask it (that would hide those letters inside every word of the log). Use a test key of ${MIN_SECRET_CHARS} characters or more.`
    )
}

/** The secrets a runner's masker may be given: those long enough not to hide ordinary text. */
export function maskableSecrets(secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secret.length >= MIN_SECRET_CHARS)
}

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')

/**
 * One pattern for all the secrets, longest first (so a value is replaced whole before a part
 * of it), each bounded as a whole word where its end is a word character; undefined for none.
 */
function secretsPattern(
  secrets: readonly string[],
  wordChar: string = WORD_CHAR
): RegExp | undefined {
  const ordered = [...new Set(secrets)]
    .filter((secret) => secret !== '')
    .sort((a, b) => b.length - a.length)
  if (ordered.length === 0) return undefined
  const wordCharOnly = new RegExp(`^${wordChar}$`, 'u')
  const isWordChar = (char: string | undefined): boolean =>
    char !== undefined && wordCharOnly.test(char)
  const alternatives = ordered.map((secret) => {
    const chars = [...secret]
    const before = isWordChar(chars[0]) ? `(?<!${wordChar})` : ''
    const after = isWordChar(chars.at(-1)) ? `(?!${wordChar})` : ''
    return `${before}${escapeRegExp(secret)}${after}`
  })
  return new RegExp(alternatives.join('|'), 'gu')
}

/**
 * A function replacing each secret in a text by ***, where it stands as a whole word (see
 * WORD_CHAR): with the secret `k`, "key k." → "key ***." and "checks" stays. Build it once
 * per set of secrets.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const pattern = secretsPattern(secrets)
  if (pattern === undefined) return (text) => text
  return (text) => text.replace(pattern, REDACTED)
}

/** `text` with every secret replaced (see redactor). */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactor(secrets)(text)
}

/** A JSON string literal, escapes included; outside strings, valid JSON has no quote. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/gs

/**
 * A JSON document with the secrets replaced inside its string values only: keys, numbers
 * and layout are left byte for byte, and each changed value is written back as a JSON
 * string, so the result is valid JSON that parses to the same structure. Returns undefined
 * when `text` is not JSON.
 */
export function redactJsonText(text: string, secrets: readonly string[]): string | undefined {
  try {
    JSON.parse(text)
  } catch {
    return undefined
  }
  const redact = redactor(secrets)
  const colon = /\s*:/y
  return text.replace(JSON_STRING, (literal, offset: number) => {
    // A key is followed by a colon; its name is not a secret and stays as it is.
    colon.lastIndex = offset + literal.length
    if (colon.test(text)) return literal
    const value = JSON.parse(literal) as string
    const redacted = redact(value)
    return redacted === value ? literal : JSON.stringify(redacted)
  })
}

/** What the artifact holds of one file: a redacted copy, the file as it is, or nothing. */
export type RedactedFile =
  { content: Buffer; changed: boolean } | { leftOut: string; content?: undefined }

/**
 * One file as an upload may carry it:
 * - JSON (the name ends in .json and the content parses): redactJsonText, still valid JSON;
 * - other UTF-8 text: every secret replaced as a whole word;
 * - binary (a NUL byte, or not UTF-8; vegeta's .bin results are Go gob): never rewritten. It
 *   holds no request header (vegeta records the response's), but a response body or header
 *   may echo a key; so it goes as it is when no secret occurs in its bytes as a whole word,
 *   and is left out otherwise (leftOut says why, without the secret).
 */
export function redactFile(
  fileName: string,
  content: Buffer,
  secrets: readonly string[]
): RedactedFile {
  const text = utf8Text(content)
  if (text === undefined) {
    const pattern = secretsPattern(
      secrets.map((secret) => Buffer.from(secret).toString('latin1')),
      BYTE_WORD_CHAR
    )
    if (pattern?.test(content.toString('latin1'))) {
      return {
        leftOut:
          'a binary file holding a secret (a response may echo a key), which cannot be redacted without corrupting it'
      }
    }
    return { content, changed: false }
  }
  const redacted =
    (fileName.endsWith('.json') ? redactJsonText(text, secrets) : undefined) ??
    redactText(text, secrets)
  return redacted === text
    ? { content, changed: false }
    : { content: Buffer.from(redacted), changed: true }
}

/** The content as text, or undefined for binary content (a NUL byte, or invalid UTF-8). */
function utf8Text(content: Buffer): string | undefined {
  if (content.includes(0)) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content)
  } catch {
    return undefined
  }
}

/**
 * The config as reports show it: secret header values (isSecretHeader) replaced by ***,
 * since results files, artifacts and job summaries are readable by anyone who can see the
 * run; other header values shown, as they help read a failure.
 */
export function publicConfig(config: LoadTestConfig): LoadTestConfig {
  const headers = Object.fromEntries(
    Object.entries(config.gateway.headers).map(([name, value]) => [
      name,
      isSecretHeader(name, value) ? REDACTED : value
    ])
  )
  return { ...config, gateway: { ...config.gateway, headers } }
}
