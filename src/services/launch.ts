import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { GatewaySource } from '../config/types.js'

export const LOOPBACK_HOST = '127.0.0.1'

/**
 * The API key the gateway's config gives the mock provider, and calibration sends it.
 * Not a real secret, but treated as one: reports and uploaded logs show it redacted.
 */
export const MOCKER_KEY = 'mocker-key'

/**
 * The mock provider's argv: the upstream mocker's flags, bound to loopback; -idle-timeout
 * (ours only) when asked for.
 */
export function mockerArgv(
  binaryPath: string,
  port: number,
  latencyMs: number,
  idleTimeoutS?: number
): string[] {
  const argv = [
    binaryPath,
    '-host',
    LOOPBACK_HOST,
    '-port',
    String(port),
    '-latency',
    String(latencyMs)
  ]
  if (idleTimeoutS !== undefined) argv.push('-idle-timeout', `${Math.round(idleTimeoutS * 1000)}ms`)
  return argv
}

/**
 * bifrost-http's config.json: one OpenAI provider whose base URL is the mock provider,
 * stores and logging off so they do not weigh on the measurement, and provider
 * concurrency sized well above the requests in flight so the gateway never queues.
 */
export function bifrostConfig(mockerBaseUrl: string, requestsInFlight: number) {
  const concurrency = Math.max(5000, requestsInFlight * 2)
  return {
    $schema: 'https://www.getbifrost.ai/schema',
    client: {
      enable_logging: false,
      initial_pool_size: concurrency,
      drop_excess_requests: false,
      allow_direct_keys: false
    },
    config_store: { enabled: false },
    logs_store: { enabled: false },
    plugins: [],
    providers: {
      openai: {
        keys: [{ name: MOCKER_KEY, value: MOCKER_KEY, weight: 1, models: ['*'] }],
        network_config: { base_url: mockerBaseUrl, default_request_timeout_in_seconds: 30 },
        concurrency_and_buffer_size: { concurrency, buffer_size: concurrency * 2 }
      }
    }
  }
}

export async function writeGatewayAppDir(
  appDir: string,
  mockerBaseUrl: string,
  requestsInFlight: number
): Promise<string> {
  await mkdir(appDir, { recursive: true })
  const configPath = path.join(appDir, 'config.json')
  await writeFile(
    configPath,
    `${JSON.stringify(bifrostConfig(mockerBaseUrl, requestsInFlight), null, 2)}\n`
  )
  return configPath
}

export interface GatewayLaunch {
  source: GatewaySource
  /** The built or given binary; undefined for a command-started gateway. */
  binaryPath?: string
  port: number
  appDir: string
  mockerBaseUrl: string
}

/**
 * The gateway's argv. A bifrost checkout or binary gets bifrost-http's flags; a command's
 * placeholders are substituted word by word, so a value can never become a new word.
 */
export function gatewayArgv(launch: GatewayLaunch): string[] {
  if (launch.source.kind === 'command') {
    const values: Record<string, string> = {
      host: LOOPBACK_HOST,
      port: String(launch.port),
      upstream: launch.mockerBaseUrl,
      app_dir: launch.appDir
    }
    return launch.source.argvTemplate.map((word) =>
      word.replace(/\{(host|port|upstream|app_dir)\}/g, (_, name: string) => values[name] ?? '')
    )
  }
  if (launch.binaryPath === undefined) throw new Error('a bifrost gateway needs its binary')
  return [
    launch.binaryPath,
    '-app-dir',
    launch.appDir,
    '-port',
    String(launch.port),
    '-host',
    LOOPBACK_HOST,
    '-log-level',
    'info'
  ]
}
