import path from 'node:path'
import { LoadTestError } from '../errors.js'
import type { LoadTestConfig } from '../config/types.js'
import { expectedInFlight } from '../config/resolve.js'
import { startProcess, type ManagedProcess } from '../services/process.js'
import { waitUntilReady } from '../services/readiness.js'
import { ProcessTreeSampler } from '../services/proc-stats.js'
import { LOOPBACK_HOST, gatewayArgv, mockerArgv, writeGatewayAppDir } from '../services/launch.js'

export interface ServiceBinaries {
  mockerPath: string
  gatewayPath?: string
}

export interface ServicePorts {
  mocker: number
  gateway: number
}

/** How to start the services for one group of phases. */
export interface ServiceStart {
  mockerLatencyMs: number
  /** The mock provider closes connections idle this long; its default when undefined. */
  mockerIdleTimeoutS?: number
  /** Names the logs, so a restart never overwrites the logs of the first start. */
  generation: string
}

/** The mock provider and the gateway of one phase group, and the gateway's stats sampler. */
export interface RunningServices {
  generation: string
  mocker: ManagedProcess
  gateway: ManagedProcess
  sampler: ProcessTreeSampler
  mockerBaseUrl: string
  gatewayBaseUrl: string
  /** Settles when either service exits, with a message saying which and how. */
  firstExit: Promise<LoadTestError>
}

export const baseUrl = (port: number): string => `http://${LOOPBACK_HOST}:${port}`

/**
 * Starts the mock provider at the given latency, then the gateway pointing at it, waits for
 * both to be ready, and prepares a sampler of the gateway's process tree (not started).
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
    { healthUrl: `${mockerBaseUrl}/health` },
    { timeoutMs: readyTimeoutMs }
  )

  const appDir = path.join(resultsDir, 'gateway-app')
  // Interleaved or not, the gateway only sees its own target's share: `rate` per second.
  await writeGatewayAppDir(appDir, mockerBaseUrl, expectedInFlight(config.rate, mockerLatencyMs))
  const gatewayBaseUrl = baseUrl(ports.gateway)
  const gateway = startProcess({
    name: 'gateway',
    argv: gatewayArgv({
      source: config.gateway.source,
      binaryPath: binaries.gatewayPath,
      port: ports.gateway,
      appDir,
      mockerBaseUrl
    }),
    cwd: appDir,
    logFile: path.join(resultsDir, `gateway-${generation}.log`)
  })
  const readiness =
    config.gateway.healthPath !== ''
      ? { healthUrl: `${gatewayBaseUrl}${config.gateway.healthPath}` }
      : { logPattern: new RegExp(config.gateway.readyLogPattern ?? '') }
  await waitUntilReady(gateway, readiness, { timeoutMs: readyTimeoutMs })

  const sampler = new ProcessTreeSampler({
    rootPid: gateway.pid,
    csvPath: path.join(resultsDir, 'gateway-process-stats.csv')
  })
  const exitOf = (service: ManagedProcess, name: string) =>
    service.exited.then(
      () =>
        new LoadTestError(
          'run',
          `the ${name} ${service.exitDescription()} while the run needed it`,
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
    sampler,
    mockerBaseUrl,
    gatewayBaseUrl,
    firstExit: Promise.race([exitOf(gateway, 'gateway'), exitOf(mocker, 'mock provider')])
  }
}

/** Stops sampling, then the gateway, then the mock provider (the gateway's upstream last). */
export async function stopServices(services: RunningServices | undefined): Promise<void> {
  if (services === undefined) return
  await services.sampler.stop()
  await services.gateway.stop()
  await services.mocker.stop()
}
