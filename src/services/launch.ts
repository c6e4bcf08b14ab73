import { existsSync } from 'node:fs'
import { copyFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  BIFROST_DEFAULT_CONNS_PER_HOST,
  BIFROST_MAX_CONNS_PER_HOST,
  loadBifrostConfig
} from '../config/bifrost-config.js'
import { LoadTestError } from '../errors.js'
import type { GatewayConfig, GatewaySource } from '../config/types.js'
import { ensureDirectory } from '../ensure-directory.js'

export const LOOPBACK_HOST = '127.0.0.1'

/**
 * The API key the gateway's config gives the mock provider (every key value of a user's
 * config becomes it), and calibration sends it. Not a real secret, but treated as one:
 * reports and uploaded logs show it redacted.
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

/** Our config's request timeout, and the margin above the mock provider's latency. */
const DEFAULT_REQUEST_TIMEOUT_S = 30
const REQUEST_TIMEOUT_MARGIN_S = 15

/**
 * How the gateway's provider settings are sized for a load: connections per host for every
 * request in flight plus a quarter (bifrost's default 5000 at least, its limit 10000 at
 * most: config validation refuses loads above it), provider concurrency and the client's
 * pool twice the requests in flight (upstream's script: 5000/10000, pool 5000, at least),
 * and a request timeout above the mock provider's latency.
 */
export function bifrostSizing(requestsInFlight: number, mockerLatencyMs = 0) {
  const concurrency = Math.max(5000, requestsInFlight * 2)
  return {
    maxConnsPerHost: Math.min(
      BIFROST_MAX_CONNS_PER_HOST,
      Math.max(BIFROST_DEFAULT_CONNS_PER_HOST, Math.ceil(requestsInFlight * 1.25))
    ),
    concurrency,
    bufferSize: concurrency * 2,
    initialPoolSize: concurrency,
    requestTimeoutS: Math.max(
      DEFAULT_REQUEST_TIMEOUT_S,
      Math.ceil(mockerLatencyMs / 1000) + REQUEST_TIMEOUT_MARGIN_S
    )
  }
}

/**
 * bifrost-http's config.json of our own: one OpenAI provider whose base URL is the mock
 * provider, stores and logging off so they do not weigh on the measurement, and the
 * provider's connections and concurrency sized by bifrostSizing so the gateway never queues.
 */
export function bifrostConfig(
  mockerBaseUrl: string,
  requestsInFlight: number,
  mockerLatencyMs = 0
) {
  const size = bifrostSizing(requestsInFlight, mockerLatencyMs)
  return {
    $schema: 'https://www.getbifrost.ai/schema',
    client: {
      enable_logging: false,
      initial_pool_size: size.initialPoolSize,
      drop_excess_requests: false,
      allow_direct_keys: false
    },
    config_store: { enabled: false },
    logs_store: { enabled: false },
    plugins: [],
    providers: {
      openai: {
        keys: [{ name: MOCKER_KEY, value: MOCKER_KEY, weight: 1, models: ['*'] }],
        network_config: {
          base_url: mockerBaseUrl,
          default_request_timeout_in_seconds: size.requestTimeoutS,
          max_conns_per_host: size.maxConnsPerHost
        },
        concurrency_and_buffer_size: { concurrency: size.concurrency, buffer_size: size.bufferSize }
      }
    }
  }
}

type JsonObject = Record<string, unknown>
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const objectAt = (parent: JsonObject, key: string): JsonObject => {
  const value = parent[key]
  if (isObject(value)) return value
  const created: JsonObject = {}
  parent[key] = created
  return created
}
const atLeast = (value: unknown, minimum: number): number =>
  typeof value === 'number' && value > minimum ? value : minimum

/**
 * The user's config.json (bifrost-config) made to run against the mock provider: the
 * OpenAI provider's base URL is the mock provider and its keys send our key for any model;
 * every provider's key values are replaced by our key, so no secret of theirs reaches the
 * results; connections, concurrency, pool size and timeout are raised to bifrostSizing
 * where theirs are lower (never lowered); everything else (plugins, governance, logging,
 * their other providers) is kept. The input is not modified.
 */
export function userBifrostConfig(
  userConfig: JsonObject,
  mockerBaseUrl: string,
  requestsInFlight: number,
  mockerLatencyMs = 0
): JsonObject {
  const size = bifrostSizing(requestsInFlight, mockerLatencyMs)
  const config = structuredClone(userConfig)
  const providers = objectAt(config, 'providers')
  for (const provider of Object.values(providers)) {
    if (!isObject(provider) || !Array.isArray(provider.keys)) continue
    for (const key of provider.keys) {
      if (isObject(key) && 'value' in key) key.value = MOCKER_KEY
    }
  }
  const openai = objectAt(providers, 'openai')
  const keys = Array.isArray(openai.keys) ? openai.keys.filter(isObject) : []
  openai.keys =
    keys.length > 0
      ? keys.map((key) => ({ ...key, value: MOCKER_KEY, models: ['*'] }))
      : [{ name: MOCKER_KEY, value: MOCKER_KEY, weight: 1, models: ['*'] }]
  const network = objectAt(openai, 'network_config')
  network.base_url = mockerBaseUrl
  network.max_conns_per_host = Math.min(
    BIFROST_MAX_CONNS_PER_HOST,
    atLeast(network.max_conns_per_host, size.maxConnsPerHost)
  )
  network.default_request_timeout_in_seconds = atLeast(
    network.default_request_timeout_in_seconds,
    size.requestTimeoutS
  )
  const concurrency = objectAt(openai, 'concurrency_and_buffer_size')
  concurrency.concurrency = atLeast(concurrency.concurrency, size.concurrency)
  concurrency.buffer_size = atLeast(concurrency.buffer_size, size.bufferSize)
  const client = objectAt(config, 'client')
  client.initial_pool_size = atLeast(client.initial_pool_size, size.initialPoolSize)
  return config
}

/** Where bifrost keeps config.schema.json in a checkout (bifrost-http reads it from its working directory). */
export const SCHEMA_IN_CHECKOUT = 'transports/config.schema.json'

/** The checkout's config.schema.json, if the gateway is built from a checkout that has one. */
export function bifrostSchemaPath(source: GatewaySource): string | undefined {
  if (source.kind !== 'bifrost-checkout') return undefined
  const candidate = path.join(source.path, SCHEMA_IN_CHECKOUT)
  return existsSync(candidate) ? candidate : undefined
}

export interface GatewayAppDirOptions {
  /** The user's config.json (bifrost-config); default: bifrostConfig's. */
  userConfigPath?: string
  /** config.schema.json to copy beside config.json, which is the gateway's working directory. */
  schemaPath?: string
  /** The mock provider's latency, for the request timeout. */
  mockerLatencyMs?: number
}

/**
 * Writes <appDir>/config.json (ours, or the user's pointed at the mock provider) and copies
 * config.schema.json beside it when given, so bifrost validates against the checkout's own
 * schema instead of downloading one. Returns the config's path.
 */
export async function writeGatewayAppDir(
  appDir: string,
  mockerBaseUrl: string,
  requestsInFlight: number,
  options: GatewayAppDirOptions = {}
): Promise<string> {
  await ensureDirectory(appDir)
  const configPath = path.join(appDir, 'config.json')
  let config: JsonObject = bifrostConfig(mockerBaseUrl, requestsInFlight, options.mockerLatencyMs)
  if (options.userConfigPath !== undefined) {
    // Checked when the config was resolved; read again here, so it is never kept in the config.
    const loaded = loadBifrostConfig(options.userConfigPath)
    if (!loaded.ok) {
      throw new LoadTestError(
        'setup',
        `bifrost-config: got ${options.userConfigPath}, ${loaded.problem}.`
      )
    }
    config = userBifrostConfig(
      loaded.document,
      mockerBaseUrl,
      requestsInFlight,
      options.mockerLatencyMs
    )
  }
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`)
  if (options.schemaPath !== undefined) {
    await copyFile(options.schemaPath, path.join(appDir, 'config.schema.json'))
  }
  return configPath
}

/**
 * bifrost-http's -log-level: warn, as upstream's load-test script runs it (at info it logs
 * every request), unless readiness is read from the log: the ready line is logged at info.
 */
export function gatewayLogLevel(gateway: Pick<GatewayConfig, 'healthPath'>): 'info' | 'warn' {
  return gateway.healthPath === '' ? 'info' : 'warn'
}

export interface GatewayLaunch {
  source: GatewaySource
  /** The built or given binary; undefined for a command-started gateway. */
  binaryPath?: string
  port: number
  appDir: string
  mockerBaseUrl: string
  /** bifrost-http's -log-level (see gatewayLogLevel); default warn. */
  logLevel?: 'info' | 'warn'
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
    launch.logLevel ?? 'warn'
  ]
}
