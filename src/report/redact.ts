import type { LoadTestConfig } from '../config/types.js'
import { MOCKER_KEY } from '../services/launch.js'

export const REDACTED = '***'

/**
 * The values a report or an uploaded log must never show: every configured header value
 * (API keys, tokens) and the key written into the gateway's config for the mock provider.
 */
export function secretsOf(config: LoadTestConfig): string[] {
  return [...Object.values(config.gateway.headers), MOCKER_KEY].filter((value) => value !== '')
}

/**
 * A function replacing every occurrence of the secrets in a text with ***, longest first
 * (so a secret containing another is replaced whole). Secrets shorter than 4 characters
 * are still replaced: a header value is a secret whatever its length.
 */
export function redactor(secrets: string[]): (text: string) => string {
  const ordered = [...new Set(secrets)].sort((a, b) => b.length - a.length)
  if (ordered.length === 0) return (text) => text
  return (text) => ordered.reduce((result, secret) => result.replaceAll(secret, REDACTED), text)
}

/**
 * The config as reports show it: header values (API keys, tokens) are replaced, since
 * results files, artifacts and job summaries are readable by anyone who can see the run.
 */
export function publicConfig(config: LoadTestConfig): LoadTestConfig {
  const headers = Object.fromEntries(
    Object.keys(config.gateway.headers).map((name) => [name, REDACTED])
  )
  return { ...config, gateway: { ...config.gateway, headers } }
}
