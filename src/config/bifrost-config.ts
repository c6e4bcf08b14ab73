import { readFileSync } from 'node:fs'
import { errorMessage } from '../errors.js'

/**
 * bifrost's limits on a provider's connections (network_config.max_conns_per_host): the
 * default, and the most it accepts. A request beyond the limit waits for a free
 * connection; in a load test that wait would be counted as the gateway's overhead.
 */
export const BIFROST_DEFAULT_CONNS_PER_HOST = 5000
export const BIFROST_MAX_CONNS_PER_HOST = 10_000

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads a user's bifrost config.json for bifrost-config: it must be a JSON object with a
 * `providers.openai` object (the provider the load goes through). Returns the document or
 * the problem, worded for "bifrost-config: got <path>, <problem>".
 */
export function loadBifrostConfig(
  filePath: string
): { ok: true; document: Record<string, unknown> } | { ok: false; problem: string } {
  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (error) {
    return { ok: false, problem: `which cannot be read (${errorMessage(error)})` }
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    return { ok: false, problem: `which is not valid JSON (${errorMessage(error)})` }
  }
  if (!isObject(document)) {
    return { ok: false, problem: 'which is not a JSON object; expected a bifrost config.json' }
  }
  const providers = document.providers
  if (!isObject(providers) || !isObject(providers.openai)) {
    return {
      ok: false,
      problem:
        'which has no providers.openai object; expected a bifrost config.json with an openai provider (its base URL and keys are pointed at the mock provider)'
    }
  }
  return { ok: true, document }
}
