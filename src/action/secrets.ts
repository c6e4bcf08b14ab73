import type { LoadTestConfig } from '../config/types.js'
import { REDACTED, secretsOf } from '../report/redact.js'

/** "Bearer sk-1", "Basic dXNlcjpwdw==", "Token abc": an auth scheme, then the credential. */
const SCHEME_AND_CREDENTIAL = /^[A-Za-z][\w.+-]*\s+(\S.*)$/

/**
 * The strings the action must never upload or print, longest first: the run's secrets
 * (secretsOf: every gateway header value, since we cannot tell which are not credentials,
 * and the provider key written into the gateway's config), plus, for each, the credential
 * after an auth scheme on its own (a log may show only the token) and the form it takes
 * inside a JSON string.
 */
export function secretValues(config: LoadTestConfig): string[] {
  const secrets = new Set<string>()
  const add = (value: string): void => {
    if (value === '') return
    secrets.add(value)
    // Inside a JSON string, a quote or a backslash in the value is escaped.
    secrets.add(JSON.stringify(value).slice(1, -1))
  }
  for (const value of secretsOf(config)) {
    add(value)
    const credential = SCHEME_AND_CREDENTIAL.exec(value)?.[1]
    if (credential !== undefined) add(credential)
  }
  return [...secrets].sort((a, b) => b.length - a.length)
}

/**
 * `content` with every occurrence of each secret replaced by REDACTED. Works on bytes, so
 * that a binary file passes unchanged apart from the secrets. `secrets` should be longest
 * first (as secretValues gives them), so that a value is replaced whole before a part of it.
 */
export function redactBytes(content: Buffer, secrets: readonly string[]): Buffer {
  let result = content
  const replacement = Buffer.from(REDACTED)
  for (const secret of secrets) {
    if (secret === '') continue
    const needle = Buffer.from(secret)
    let index = result.indexOf(needle)
    if (index === -1) continue
    const parts: Buffer[] = []
    let start = 0
    while (index !== -1) {
      parts.push(result.subarray(start, index), replacement)
      start = index + needle.length
      index = result.indexOf(needle, start)
    }
    parts.push(result.subarray(start))
    result = Buffer.concat(parts)
  }
  return result
}

export { REDACTED }

/** `text` with every secret replaced by REDACTED; see redactBytes. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) {
    if (secret !== '') result = result.replaceAll(secret, REDACTED)
  }
  return result
}
