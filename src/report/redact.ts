import type { LoadTestConfig } from '../config/types.js'

export const REDACTED = '***'

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
