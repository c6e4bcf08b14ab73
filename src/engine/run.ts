import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { LoadTestError, errorMessage } from '../errors.js'
import type { LoadTestConfig } from '../config/types.js'
import { expectedInFlight } from '../config/resolve.js'
import { resolveVegeta, type VegetaDownloader } from '../tools/vegeta.js'
import { resolveMocker } from '../tools/mocker.js'
import { resolveGatewayBinary } from '../tools/gateway.js'
import { assertPortFree, findFreePort } from '../services/ports.js'
import { MOCKER_PROVIDER_KEY } from '../services/launch.js'
import { onProcessStarted, type ManagedProcess } from '../services/process.js'
import { runAttack } from '../load/attack.js'
import { writeTargetsFile, type ChatTarget } from '../load/targets.js'
import { readVegetaResults } from '../load/results.js'
import { overheadUs } from '../analysis/overhead.js'
import {
  decideVerdict,
  overheadChecks,
  rateShortfallWarning,
  successRateCheck,
  type Check
} from '../analysis/verdict.js'
import {
  RESULTS_JSON_FILE,
  RESULTS_MARKDOWN_FILE,
  clearPreviousResults,
  writeReports
} from '../report/write.js'
import type { PhaseRecord, RunRecord } from '../record.js'
import { formatPct, formatRate, formatUs } from '../report/format.js'
import type { EngineEventListener } from './events.js'
import {
  startServices,
  stopServices,
  type RunningServices,
  type ServiceBinaries,
  type ServicePorts
} from './services.js'

export interface RunOptions {
  onEvent?: EngineEventListener
  /** Tried before `go install` to obtain vegeta (the action downloads a release asset). */
  downloadVegeta?: VegetaDownloader
  /** Called for every process the run starts, so a front end can record it for cleanup. */
  onProcessStarted?: (process: ManagedProcess) => void
  /**
   * Stops the run early (Ctrl-C, a cancelled workflow): the running attack is cut short,
   * everything is stopped and what completed is written, with the reason.
   */
  abortSignal?: AbortSignal
}

interface PhasePlan {
  id: string
  label: string
  target: 'mocker' | 'gateway'
  durationS: number
  mockerLatencyMs: number
  timeoutS: number
}

/**
 * The seed's whole run: tools, calibration and overhead at the same rate, a restart, the
 * stress runs; then the verdict. Whatever happens, every process it started is stopped and
 * the results of what completed are written, with the reason when it stopped early.
 */
export async function runLoadTest(
  config: LoadTestConfig,
  options: RunOptions = {}
): Promise<RunRecord> {
  const emit = options.onEvent ?? (() => undefined)
  const info = (message: string): void => emit({ type: 'info', message })
  const resultsDir = config.resultsDir
  await mkdir(resultsDir, { recursive: true })
  await clearPreviousResults(resultsDir)
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bifrost-load-test-'))

  const record: RunRecord = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    config,
    tools: {},
    ports: {},
    phases: [],
    processStats: {},
    verdict: decideVerdict([], []),
    status: 'error',
    processes: [],
    files: {
      resultsDir,
      json: path.join(resultsDir, RESULTS_JSON_FILE),
      markdown: path.join(resultsDir, RESULTS_MARKDOWN_FILE),
      processStatsCsv: path.join(resultsDir, 'gateway-process-stats.csv')
    }
  }
  const checks: Check[] = []
  const warnings: string[] = []
  const startedProcesses: ManagedProcess[] = []
  let services: RunningServices | undefined
  let currentPhase = 'setup'

  const interruptedError = (): LoadTestError =>
    new LoadTestError('run', `the run was interrupted (${String(options.abortSignal?.reason)})`)
  const interruption = new Promise<LoadTestError>((resolve) => {
    if (options.abortSignal?.aborted) resolve(interruptedError())
    else {
      options.abortSignal?.addEventListener('abort', () => resolve(interruptedError()), {
        once: true
      })
    }
  })
  // Why the services' phases must stop early: one of them exited, or the run was interrupted.
  const stopReason = (running: RunningServices): Promise<LoadTestError> =>
    Promise.race([running.firstExit, interruption])
  const throwIfInterrupted = (): void => {
    if (options.abortSignal?.aborted) throw interruptedError()
  }
  // The sampler of each gateway process adds its phases' CPU and RSS to the record.
  const finishSampling = async (running: RunningServices): Promise<void> => {
    await running.sampler.stop()
    Object.assign(record.processStats, running.sampler.summary())
  }

  // Every process started while the run lasts is the run's: mocker, gateway and vegeta.
  const stopWatchingStarts = onProcessStarted((process: ManagedProcess): void => {
    startedProcesses.push(process)
    options.onProcessStarted?.(process)
  })

  try {
    const vegeta = await resolveVegeta(config.vegeta, {
      toolsDir: config.toolsDir,
      log: info,
      download: options.downloadVegeta
    })
    record.tools.vegeta = vegeta
    info(`vegeta ${vegeta.version} (${vegeta.source}): ${vegeta.path}`)
    const mocker = await resolveMocker(config.mocker.source, config.toolsDir, info)
    record.tools.mocker = mocker
    const gatewayBinary = await resolveGatewayBinary(config.gateway.source, config.toolsDir, info)
    record.tools.gateway = {
      kind: config.gateway.source.kind,
      binaryPath: gatewayBinary?.binaryPath,
      origin:
        gatewayBinary?.origin ??
        (config.gateway.source.kind === 'command'
          ? config.gateway.source.argvTemplate.join(' ')
          : ''),
      reused: gatewayBinary?.reused ?? false
    }
    const binaries: ServiceBinaries = {
      mockerPath: mocker.binaryPath,
      gatewayPath: gatewayBinary?.binaryPath
    }
    const ports = await choosePorts(config)
    record.ports = { ...ports }

    const runPhase = async (plan: PhasePlan, running: RunningServices): Promise<PhaseRecord> => {
      currentPhase = plan.label
      const target: ChatTarget =
        plan.target === 'mocker'
          ? {
              url: `${running.mockerBaseUrl}/v1/chat/completions`,
              model: config.mocker.model,
              headers: { Authorization: `Bearer ${MOCKER_PROVIDER_KEY}` }
            }
          : {
              url: `${running.gatewayBaseUrl}${config.gateway.requestPath}`,
              model: config.gateway.model,
              headers: config.gateway.headers
            }
      throwIfInterrupted()
      const { phase, stoppedBy } = await measurePhase(
        config,
        vegeta.path,
        workDir,
        plan,
        target,
        stopReason(running),
        emit
      )
      record.phases.push(phase)
      // What a cut-short phase measured is kept; then the run stops with the reason.
      if (stoppedBy) throw stoppedBy
      return phase
    }

    // Phase 1: calibration (direct) and overhead (through the gateway), same rate and duration.
    currentPhase = 'starting services'
    services = await startServices(
      config,
      binaries,
      ports,
      config.overheadMockerLatencyMs,
      'overhead'
    )
    services.sampler.start('calibration')
    const overheadTimeoutS = config.overheadMockerLatencyMs / 1000 + 5
    const calibration = await runPhase(
      {
        id: 'calibration',
        label: 'Calibration',
        target: 'mocker',
        durationS: config.overheadDurationS,
        mockerLatencyMs: config.overheadMockerLatencyMs,
        timeoutS: overheadTimeoutS
      },
      services
    )
    services.sampler.setPhase('overhead')
    const overhead = await runPhase(
      {
        id: 'overhead',
        label: 'Overhead',
        target: 'gateway',
        durationS: config.overheadDurationS,
        mockerLatencyMs: config.overheadMockerLatencyMs,
        timeoutS: overheadTimeoutS
      },
      services
    )
    record.overheadUs = overheadUs(calibration.statistics.latencyNs, overhead.statistics.latencyNs)
    checks.push(...overheadChecks(record.overheadUs, config))
    checks.push(
      successRateCheck(
        'overhead-success-rate',
        'Overhead phase success rate',
        overhead.statistics,
        config.minStressSuccessRatePct
      )
    )
    for (const phase of [calibration, overhead]) {
      const warning = rateShortfallWarning(phase.label, phase.statistics, config.rate)
      if (warning) warnings.push(warning)
    }
    emit({
      type: 'info',
      message: `overhead: mean ${formatUs(record.overheadUs.mean)}, p50 ${formatUs(record.overheadUs.p50)}, p99 ${formatUs(record.overheadUs.p99)}`
    })

    // Phase 2: restart both, so no pooled connection from phase 1 survives, then stress.
    currentPhase = 'restart'
    await finishSampling(services)
    await stopServices(services)
    services = undefined
    services = await startServices(config, binaries, ports, config.stressMockerLatencyMs, 'stress')
    services.sampler.start('stress')
    for (let run = 1; run <= config.stressRuns; run++) {
      if (run > 1) await idle(config.stressIdleS, run, stopReason(services), emit)
      const stress = await runPhase(
        {
          id: `stress-${run}`,
          label: `Stress #${run}`,
          target: 'gateway',
          durationS: config.stressDurationS,
          mockerLatencyMs: config.stressMockerLatencyMs,
          timeoutS: Math.max(30, config.stressMockerLatencyMs / 1000 + 5)
        },
        services
      )
      checks.push(
        successRateCheck(
          `stress-${run}-success-rate`,
          `Stress #${run} success rate`,
          stress.statistics,
          config.minStressSuccessRatePct
        )
      )
      const warning = rateShortfallWarning(stress.label, stress.statistics, config.rate)
      if (warning) warnings.push(warning)
    }
    currentPhase = 'stopping services'
  } catch (error) {
    record.failure = {
      kind: error instanceof LoadTestError ? error.kind : 'run',
      message: errorMessage(error),
      phase: currentPhase,
      logFile: error instanceof LoadTestError ? error.logFile : undefined,
      logTail: error instanceof LoadTestError ? error.logTail : undefined
    }
  } finally {
    if (services) await finishSampling(services)
    stopWatchingStarts()
    await Promise.all(startedProcesses.map((process) => process.stop()))
    record.processes = startedProcesses.map((process) => ({
      name: process.name,
      pid: process.pid,
      logFile: process.logFile,
      ended: process.exitDescription()
    }))
    await rm(workDir, { recursive: true, force: true })
  }

  record.verdict = decideVerdict(checks, warnings)
  record.status = record.failure ? 'error' : record.verdict.passed ? 'passed' : 'failed'
  if (record.failure) {
    // A run that stopped early failed: its checks cannot all have been made.
    record.verdict = { ...record.verdict, passed: false }
  }
  record.finishedAt = new Date().toISOString()
  await writeReports(record)
  return record
}

async function choosePorts(config: LoadTestConfig): Promise<ServicePorts> {
  if (config.mocker.port !== 0) await assertPortFree(config.mocker.port, 'mocker-port')
  if (config.gateway.port !== 0) await assertPortFree(config.gateway.port, 'gateway-port')
  const mocker = config.mocker.port || (await findFreePort())
  let gateway = config.gateway.port || (await findFreePort())
  while (gateway === mocker) gateway = await findFreePort()
  return { mocker, gateway }
}

/** One attack: targets, vegeta, then exact statistics from every result. */
async function measurePhase(
  config: LoadTestConfig,
  vegetaPath: string,
  workDir: string,
  plan: PhasePlan,
  target: ChatTarget,
  stopReason: Promise<LoadTestError>,
  emit: EngineEventListener
): Promise<{ phase: PhaseRecord; stoppedBy?: LoadTestError }> {
  const targetsFile = path.join(workDir, `${plan.id}-targets.json`)
  const resultsFile = path.join(workDir, `${plan.id}.bin`)
  await writeTargetsFile(targetsFile, target)
  const workers = expectedInFlight(config.rate, plan.mockerLatencyMs)
  const totalS = plan.durationS + plan.mockerLatencyMs / 1000
  emit({
    type: 'phase-start',
    phase: plan.id,
    label: plan.label,
    totalS,
    detail: `${config.rate} RPS for ${plan.durationS}s → ${target.url} (mocker latency ${plan.mockerLatencyMs} ms, ~${workers} in flight)`
  })
  const startedAt = new Date().toISOString()
  // A service that exits mid-attack, or an interruption, stops the attack at once.
  const abort = new AbortController()
  let stoppedBy: LoadTestError | undefined
  void stopReason.then((exit) => {
    stoppedBy = exit
    abort.abort()
  })
  const outcome = await runAttack(
    vegetaPath,
    {
      name: plan.id,
      targetsFile,
      resultsFile,
      logFile: path.join(config.resultsDir, `vegeta-${plan.id}.log`),
      rate: config.rate,
      durationS: plan.durationS,
      timeoutS: plan.timeoutS,
      workers,
      maxWorkers: config.maxWorkers
    },
    {
      abortSignal: abort.signal,
      onProgress: (elapsedS) =>
        emit({ type: 'phase-progress', phase: plan.id, label: plan.label, elapsedS, totalS })
    }
  )
  const statistics = await readVegetaResults(vegetaPath, resultsFile)
  const phase: PhaseRecord = {
    id: plan.id,
    label: outcome.aborted ? `${plan.label} (cut short)` : plan.label,
    target: plan.target,
    url: target.url,
    configuredRate: config.rate,
    durationS: plan.durationS,
    mockerLatencyMs: plan.mockerLatencyMs,
    workers,
    timeoutS: plan.timeoutS,
    startedAt,
    wallS: outcome.wallS,
    statistics
  }
  emit({
    type: 'phase-end',
    phase: plan.id,
    label: plan.label,
    summary: `${statistics.requests} requests, ${formatRate(statistics.achievedRate)} RPS, success ${formatPct(statistics.successRatio * 100)}, p50 ${(statistics.latencyNs.p50 / 1e6).toFixed(2)} ms, p99 ${(statistics.latencyNs.p99 / 1e6).toFixed(2)} ms`
  })
  return { phase, stoppedBy }
}

/** The seed's idle period between stress runs, watching that the gateway stays up. */
async function idle(
  idleS: number,
  nextRun: number,
  stopReason: Promise<LoadTestError>,
  emit: EngineEventListener
): Promise<void> {
  const id = `idle-${nextRun - 1}`
  const label = `Idle before stress #${nextRun}`
  emit({ type: 'phase-start', phase: id, label, totalS: idleS, detail: `waiting ${idleS}s` })
  const startedMs = Date.now()
  let timer: NodeJS.Timeout | undefined
  let progress: NodeJS.Timeout | undefined
  try {
    progress = setInterval(
      () =>
        emit({
          type: 'phase-progress',
          phase: id,
          label,
          elapsedS: (Date.now() - startedMs) / 1000,
          totalS: idleS
        }),
      1000
    )
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, idleS * 1000)
    })
    const exit = await Promise.race([waited.then(() => undefined), stopReason])
    if (exit) throw exit
  } finally {
    clearTimeout(timer)
    clearInterval(progress)
  }
  emit({ type: 'phase-end', phase: id, label, summary: 'done' })
}
