import path from 'node:path'
import type { TargetName } from '../load/targets.js'
import { LoadTestError } from '../errors.js'
import type { GatewaySource, LoadTestConfig } from '../config/types.js'
import { expectedInFlight } from '../load/sizing.js'
import { startProcess, type ManagedProcess } from '../services/process.js'
import { waitUntilReady } from '../services/readiness.js'
import { describeListenersAfterExit, servicePorts } from '../services/listeners.js'
import { stopWhatOutlivedServices } from '../services/strays.js'
import {
  LOOPBACK_HOST,
  bifrostSchemaPath,
  gatewayArgv,
  gatewayLogLevel,
  mockerArgv,
  writeGatewayAppDir
} from '../services/launch.js'

/** A gateway ready to start: its source (a base ref resolved to its worktree) and binary. */
export interface GatewayToStart {
  source: GatewaySource
  binaryPath?: string
}

export interface ServiceBinaries {
  mockerPath: string
  gateway: GatewayToStart
  /** The base build head is compared with, when there is one. */
  base?: GatewayToStart
}

export interface ServicePorts {
  mocker: number
  gateway: number
  base?: number
}

/** How to start the services for one group of phases. */
export interface ServiceStart {
  mockerLatencyMs: number
  /** The mock provider closes connections idle this long; its default when undefined. */
  mockerIdleTimeoutS?: number
  /** Names the logs, so a restart never overwrites the logs of the first start. */
  generation: string
  /** Starts the base gateway too (only for the overhead phases). */
  withBase: boolean
}

/** The mock provider and the gateway (and the base gateway) of one phase group. */
export interface RunningServices {
  generation: string
  mocker: ManagedProcess
  gateway: ManagedProcess
  ports: ServicePorts
  mockerBaseUrl: string
  gatewayBaseUrl: string
  /** The base gateway, when started for a comparison. */
  base?: ManagedProcess
  baseGatewayBaseUrl?: string
  /**
   * Chat requests each gateway target has answered since it started, added after each
   * attack: what its telemetry should have counted (see readOverheadTotalsCovering).
   */
  answeredRequests: Map<TargetName, number>
  /** Settles when any service exits, with a message saying which and how. */
  firstExit: Promise<LoadTestError>
}

export const baseUrl = (port: number): string => `http://${LOOPBACK_HOST}:${port}`

/** ": <who listens on port>" when something does after a service exited, else "". */
const listenersAfterExit = (port: number): string => {
  const listening = describeListenersAfterExit(port)
  return listening === undefined ? '' : `: ${listening}`
}

/**
 * Starts the mock provider at the given latency, then the gateway (and the base gateway, for
 * a comparison) pointing at it, and waits for each to be ready. Throws LoadTestError('setup') for a service that
 * does not become ready, naming it and its log.
 */
export async function startServices(
  config: LoadTestConfig,
  binaries: ServiceBinaries,
  ports: ServicePorts,
  start: ServiceStart
): Promise<RunningServices> {
  const { mockerLatencyMs, generation } = start
  const resultsDir = config.resultsDir
  const readyTimeoutMs = config.readyTimeoutS * 1000
  const mockerBaseUrl = baseUrl(ports.mocker)
  const mocker = startProcess({
    name: 'mocker',
    argv: mockerArgv(binaries.mockerPath, ports.mocker, mockerLatencyMs, start.mockerIdleTimeoutS),
    logFile: path.join(resultsDir, `mocker-${generation}.log`)
  })
  await waitUntilReady(
    mocker,
    { healthUrl: `${mockerBaseUrl}/health`, port: ports.mocker },
    { timeoutMs: readyTimeoutMs }
  )

  // Interleaved or not, a gateway only sees its own target's share: `rate` per second.
  const startGateway = async (
    role: 'gateway' | 'base',
    toStart: GatewayToStart,
    port: number
  ): Promise<ManagedProcess> => {
    const prefix = role === 'base' ? 'base-' : ''
    const appDir = path.join(resultsDir, `${prefix}gateway-app`)
    await writeGatewayAppDir(
      appDir,
      mockerBaseUrl,
      expectedInFlight(config.rate, mockerLatencyMs),
      {
        userConfigPath: config.gateway.bifrostConfigPath,
        schemaPath: bifrostSchemaPath(toStart.source),
        mockerLatencyMs
      }
    )
    const process = startProcess({
      name: role === 'base' ? 'base gateway' : 'gateway',
      argv: gatewayArgv({
        source: toStart.source,
        binaryPath: toStart.binaryPath,
        port,
        appDir,
        mockerBaseUrl,
        logLevel: gatewayLogLevel(config.gateway)
      }),
      cwd: appDir,
      logFile: path.join(resultsDir, `${prefix}gateway-${generation}.log`)
    })
    const url = baseUrl(port)
    const readiness =
      config.gateway.healthPath !== ''
        ? { healthUrl: `${url}${config.gateway.healthPath}`, port }
        : { logPattern: new RegExp(config.gateway.readyLogPattern ?? ''), port }
    await waitUntilReady(process, readiness, { timeoutMs: readyTimeoutMs })
    return process
  }
  const gateway = await startGateway('gateway', binaries.gateway, ports.gateway)
  const gatewayBaseUrl = baseUrl(ports.gateway)
  let base: ManagedProcess | undefined
  if (start.withBase) {
    if (!binaries.base || ports.base === undefined) throw new Error('no base gateway to start')
    base = await startGateway('base', binaries.base, ports.base)
  }

  const exitOf = (service: ManagedProcess, name: string, port: number) =>
    service.exited.then(
      () =>
        new LoadTestError(
          'run',
          `the ${name} ${service.exitDescription()} while the run needed it${listenersAfterExit(port)}`,
          {
            logFile: service.logFile,
            logTail: service.logTail(20)
          }
        )
    )
  return {
    generation,
    mocker,
    gateway,
    ports,
    mockerBaseUrl,
    gatewayBaseUrl,
    ...(base && ports.base !== undefined ? { base, baseGatewayBaseUrl: baseUrl(ports.base) } : {}),
    answeredRequests: new Map(),
    firstExit: Promise.race([
      exitOf(gateway, 'gateway', ports.gateway),
      ...(base && ports.base !== undefined ? [exitOf(base, 'base gateway', ports.base)] : []),
      exitOf(mocker, 'mock provider', ports.mocker)
    ])
  }
}

/** Scheme, host and port of the gateway serving target `name` (head or base), if any. */
export function gatewayBaseUrlOf(name: TargetName, services: RunningServices): string | undefined {
  if (name === 'gateway') return services.gatewayBaseUrl
  if (name === 'base') return services.baseGatewayBaseUrl
  return undefined
}

/**
 * Stops the gateway, then the mock provider (the gateway's upstream last), then every
 * process of ours that outlived their process groups (by run token, listening or not:
 * stopWhatOutlivedServices). Returns a warning per such escaped process; throws naming a
 * listener on their ports that is not ours. Probes watching the services are told before (the
 * executor).
 */
export async function stopServices(services: RunningServices | undefined): Promise<string[]> {
  if (services === undefined) return []
  await Promise.all([services.gateway.stop(), services.base?.stop()])
  await services.mocker.stop()
  return stopWhatOutlivedServices(servicePorts(services.ports))
}
