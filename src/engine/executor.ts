import { createReadStream } from 'node:fs'
import path from 'node:path'
import { LoadTestError, errorMessage } from '../errors.js'
import type { LoadTestConfig, Mode } from '../config/types.js'
import { attackInFlight } from '../load/sizing.js'
import { onProcessStarted, type ManagedProcess } from '../services/process.js'
import { servicePorts } from '../services/listeners.js'
import { stopWhatOutlivedServices } from '../services/strays.js'
import { runAttack } from '../load/attack.js'
import { AttackAccumulator, answeredRequests, type TargetResults } from '../load/results.js'
import { writeTargetsFile, type ChatTarget, type TargetName } from '../load/targets.js'
import { MOCKER_KEY } from '../services/launch.js'
import type { AttackRecord, PhaseRecord, RunRecord } from '../record.js'
import { formatPct, formatPhaseMs, formatRate } from '../report/format.js'
import { successPct } from '../analysis/verdict.js'
import { warmupFailure } from '../analysis/warmup.js'
import type { EngineEventListener } from './events.js'
import {
  probesOf,
  type AttackStep,
  type IdleStep,
  type PlanStep,
  type StartServicesStep
} from './plan.js'
import { ProbeSet } from './probes/probe-set.js'
import {
  gatewayBaseUrlOf,
  startServices,
  stopServices,
  type RunningServices,
  type ServiceBinaries,
  type ServicePorts
} from './services.js'

export interface ExecutionContext {
  config: LoadTestConfig
  vegetaPath: string
  binaries: ServiceBinaries
  /** Whether the mock provider takes -idle-timeout (ours does; upstream's does not). */
  mockerSupportsIdleTimeout: boolean
  ports: ServicePorts
  /** Scratch space for targets files; removed by the caller. */
  workDir: string
  /** Filled in as the plan runs: attacks, phases, probes' metrics, notes, processes, failure. */
  record: RunRecord
  emit: EngineEventListener
  abortSignal?: AbortSignal
  onProcessStarted?: (process: ManagedProcess) => void
  /** Replaces secrets in text quoted from responses. */
  redact: (text: string) => string
}

/**
 * Runs a plan step by step, with the measurement probes its steps name (engine/probes)
 * around them; their rows go to record.metrics. Whatever happens — a step fails, a service
 * dies, the run is interrupted — every process started meanwhile (services, vegeta) is
 * stopped before this returns, what completed stays in the record, and the reason is
 * recorded as its failure. Never throws for a failure of the run itself.
 */
export async function executePlan(plan: PlanStep[], context: ExecutionContext): Promise<void> {
  const { record, emit } = context
  const startedProcesses: ManagedProcess[] = []
  const stopWatchingStarts = onProcessStarted((process: ManagedProcess): void => {
    startedProcesses.push(process)
    context.onProcessStarted?.(process)
  })
  const interruption = interruptionOf(context.abortSignal)
  let services: RunningServices | undefined
  let currentStep = 'setup'
  // Why the running step must stop early: a service exited, or the run was interrupted.
  const stopReason = (): Promise<LoadTestError> =>
    services ? Promise.race([services.firstExit, interruption.promise]) : interruption.promise
  const probes = new ProbeSet(probesOf(plan), { config: context.config }, (note) =>
    record.notes.push(note)
  )
  const finishProbes = async (running: RunningServices): Promise<void> => {
    record.metrics.push(...(await probes.servicesStopping(running)))
  }

  try {
    for (const step of plan) {
      interruption.throwIfInterrupted()
      currentStep = step.label
      switch (step.kind) {
        case 'start-services':
          services = await startStep(step, context)
          await probes.servicesStarted(services)
          break
        case 'stop-services':
          if (services) {
            await finishProbes(services)
            await noteMockerLogging(services, context)
            const running = services
            services = undefined
            record.notes.push(...(await stopServices(running)))
          }
          break
        case 'idle':
          if (services) await probes.stepStarted(step, services)
          await idle(step, stopReason(), emit)
          break
        case 'attack': {
          if (!services) throw new Error(`attack ${step.id} planned with no services running`)
          await probes.stepStarted(step, services)
          const stoppedBy = await attackStep(step, services, stopReason(), context, probes)
          // What a cut-short attack measured is kept; then the run stops with the reason.
          if (stoppedBy) throw stoppedBy
          break
        }
      }
    }
  } catch (error) {
    record.failure = {
      kind: error instanceof LoadTestError ? error.kind : 'run',
      message: errorMessage(error),
      phase: currentStep,
      logFile: error instanceof LoadTestError ? error.logFile : undefined,
      logTail: error instanceof LoadTestError ? error.logTail : undefined
    }
  } finally {
    interruption.dispose()
    if (services) await finishProbes(services)
    stopWatchingStarts()
    await Promise.all(startedProcesses.map((process) => process.stop()))
    // What of ours outlived its process group (found by run token) is stopped; a stranger on
    // the services' ports is named (and never signalled).
    await stopWhatOutlivedServices(servicePorts(context.ports)).then(
      (stopped) => record.notes.push(...stopped),
      (error: unknown) => {
        record.failure ??= { kind: 'setup', message: errorMessage(error), phase: 'cleanup' }
      }
    )
    record.processes.push(
      ...startedProcesses.map((process) => ({
        name: process.name,
        pid: process.pid,
        logFile: process.logFile,
        ended: process.exitDescription()
      }))
    )
  }
}

/**
 * The caller's abort signal as a promise of the interruption error. Its listener is removed
 * by dispose(), which the run calls when it ends, however it ends: a signal shared by many
 * runs (the bench) must not keep every finished run's closure alive.
 */
function interruptionOf(abortSignal: AbortSignal | undefined): {
  promise: Promise<LoadTestError>
  throwIfInterrupted: () => void
  dispose: () => void
} {
  const interrupted = (): LoadTestError =>
    new LoadTestError('run', `the run was interrupted (${String(abortSignal?.reason)})`)
  let onAbort: (() => void) | undefined
  const promise = new Promise<LoadTestError>((resolve) => {
    if (abortSignal?.aborted) {
      resolve(interrupted())
      return
    }
    onAbort = () => resolve(interrupted())
    abortSignal?.addEventListener('abort', onAbort, { once: true })
  })
  return {
    promise,
    throwIfInterrupted: () => {
      if (abortSignal?.aborted) throw interrupted()
    },
    dispose: () => {
      if (onAbort) abortSignal?.removeEventListener('abort', onAbort)
    }
  }
}

async function startStep(
  step: StartServicesStep,
  context: ExecutionContext
): Promise<RunningServices> {
  const idleTimeoutS = context.mockerSupportsIdleTimeout ? step.mockerIdleTimeoutS : undefined
  if (step.mockerIdleTimeoutS !== undefined && idleTimeoutS === undefined) {
    context.record.notes.push(
      'The mock provider takes no -idle-timeout, so it keeps idle connections open through the idle period between stress runs: connections that go stale while idle (maximhq/bifrost#4496) are not exercised.'
    )
  }
  return startServices(context.config, context.binaries, context.ports, {
    mockerLatencyMs: step.mockerLatencyMs,
    mockerIdleTimeoutS: idleTimeoutS,
    generation: step.generation,
    withBase: step.withBase
  })
}

/** The targets a step's phases name, as the running services serve them. */
function chatTargets(
  names: TargetName[],
  mode: Mode,
  services: RunningServices,
  config: LoadTestConfig
): ChatTarget[] {
  const stream = mode === 'streaming'
  return names.map((name): ChatTarget => {
    if (name === 'direct') {
      return {
        name,
        url: `${services.mockerBaseUrl}/v1/chat/completions`,
        model: config.mocker.model,
        headers: { Authorization: `Bearer ${MOCKER_KEY}` },
        stream
      }
    }
    // Head and base are reached alike: same path, model and headers, their own port.
    const gatewayUrl = gatewayBaseUrlOf(name, services)
    if (gatewayUrl !== undefined) {
      return {
        name,
        url: `${gatewayUrl}${config.gateway.requestPath}`,
        model: config.gateway.model,
        headers: config.gateway.headers,
        stream
      }
    }
    throw new Error(`no service serves target ${name} in this run`)
  })
}

/**
 * One attack step: vegeta against its targets, decoded while it runs, split into phases,
 * with the step's probes around it.
 */
async function attackStep(
  step: AttackStep,
  services: RunningServices,
  stopReason: Promise<LoadTestError>,
  context: ExecutionContext,
  probes: ProbeSet
): Promise<LoadTestError | undefined> {
  const { config, emit, record } = context
  const targets = chatTargets(
    step.phases.map((phase) => phase.target),
    step.mode,
    services,
    config
  )
  const targetsFile = path.join(context.workDir, `${step.id}-targets.json`)
  await writeTargetsFile(targetsFile, targets)
  const configuredRate = step.ratePerTarget * targets.length
  const workers = attackInFlight(step.ratePerTarget, targets.length, step.mockerLatencyMs)
  const totalS = step.durationS + step.mockerLatencyMs / 1000
  const destinations = targets.map((target) => target.url).join(' and ')
  emit({
    type: 'phase-start',
    phase: step.id,
    label: step.label,
    totalS,
    detail: `${step.ratePerTarget} RPS${targets.length > 1 ? ` to each of ${targets.length} targets, alternating,` : ''} for ${step.durationS}s → ${destinations} (mocker latency ${step.mockerLatencyMs} ms, ~${workers} in flight)`
  })
  const startedAt = new Date().toISOString()
  const abort = new AbortController()
  let stoppedBy: LoadTestError | undefined
  void stopReason.then((reason) => {
    stoppedBy = reason
    abort.abort()
  })
  const accumulator = new AttackAccumulator(
    step.id,
    targets.map(({ name, url, stream }) => ({ name, url, stream })),
    { maxBodyBytes: config.maxBodyBytes, redact: context.redact }
  )
  const resultsFile = path.join(config.resultsDir, `vegeta-${step.id}.bin`)
  const { outcome, rows } = await probes.measureAttack(step, services, async () => {
    const ran = await runAttack(
      context.vegetaPath,
      {
        name: step.id,
        targetsFile,
        resultsFile,
        logFile: path.join(config.resultsDir, `vegeta-${step.id}.log`),
        rate: configuredRate,
        durationS: step.durationS,
        timeoutS: step.timeoutS,
        workers,
        maxWorkers: config.maxWorkers,
        maxBodyBytes: config.maxBodyBytes
      },
      accumulator,
      {
        abortSignal: abort.signal,
        onProgress: (progress) =>
          emit({
            type: 'phase-progress',
            phase: step.id,
            label: step.label,
            elapsedS: progress.elapsedS,
            totalS,
            detail: `${progress.requests} responses, ${progress.requests === 0 ? '–' : formatPct((progress.successes * 100) / progress.requests)} valid`
          })
      }
    )
    // Before the probes' afterAttack: the telemetry probe waits for these to be counted.
    countAnswered(targets, services, ran.results.targets)
    return ran
  })
  const cutShort = outcome.aborted
  const attack: AttackRecord = {
    id: step.id,
    label: cutShort ? `${step.label} (cut short)` : step.label,
    purpose: step.purpose,
    mode: step.mode,
    targets: targets.map((target) => target.name),
    configuredRate,
    ratePerTarget: step.ratePerTarget,
    durationS: step.durationS,
    mockerLatencyMs: step.mockerLatencyMs,
    workers,
    maxWorkers: config.maxWorkers,
    timeoutS: step.timeoutS,
    startedAt,
    wallS: outcome.wallS,
    statisticsLagS: outcome.statisticsLagS,
    cutShort,
    resultsFile,
    statistics: outcome.results.attack
  }
  record.attacks.push(attack)
  const summaries: string[] = []
  const phases: PhaseRecord[] = []
  step.phases.forEach((phaseOfTarget, index) => {
    const target = targets[index] as ChatTarget
    const results = outcome.results.targets.get(target.name)
    if (!results) throw new Error(`attack ${step.id} has no results for ${target.name}`)
    const phase: PhaseRecord = {
      id: phaseOfTarget.id,
      label: cutShort ? `${phaseOfTarget.label} (cut short)` : phaseOfTarget.label,
      role: phaseOfTarget.role,
      mode: step.mode,
      target: target.name,
      attackId: step.id,
      url: target.url,
      configuredRate: step.ratePerTarget,
      durationS: step.durationS,
      mockerLatencyMs: step.mockerLatencyMs,
      timeoutS: step.timeoutS,
      startedAt,
      wallS: outcome.wallS,
      statistics: results.statistics,
      samples: results.samples
    }
    record.phases.push(phase)
    phases.push(phase)
    const stats = results.statistics
    summaries.push(
      `${phaseOfTarget.target}: ${stats.requests} requests, ${formatPct(stats.successRatio * 100)} valid, p50 ${formatPhaseMs(stats, 'p50')}, p99 ${formatPhaseMs(stats, 'p99')}`
    )
  })
  record.metrics.push(...rows)
  const minSuccessPct = config.minStressSuccessRatePct
  emit({
    type: 'phase-end',
    phase: step.id,
    label: step.label,
    summary: `${formatRate(outcome.results.attack.achievedRate)} RPS; ${summaries.join('; ')}`,
    ok: phases.every(
      (phase) => phase.statistics.requests === 0 || successPct(phase.statistics) >= minSuccessPct
    )
  })
  return stoppedBy ?? (step.purpose === 'warmup' ? warmupStop(phases, services, config) : undefined)
}

/**
 * A warm-up that a target failed (see warmupFailure) stops the run at once, naming the
 * service that failed, with its log; undefined when the run may go on to measure.
 */
function warmupStop(
  phases: PhaseRecord[],
  services: RunningServices,
  config: LoadTestConfig
): LoadTestError | undefined {
  const failure = warmupFailure(phases, config.minStressSuccessRatePct)
  if (failure === undefined) return undefined
  const service =
    failure.target === 'direct'
      ? services.mocker
      : failure.target === 'base'
        ? services.base
        : services.gateway
  return new LoadTestError('run', failure.message, {
    logFile: service?.logFile,
    logTail: service?.logTail(20)
  })
}

/** Adds each gateway target's answered requests of one attack to services.answeredRequests. */
function countAnswered(
  targets: ChatTarget[],
  services: RunningServices,
  results: Map<string, TargetResults>
): void {
  for (const target of targets) {
    const statistics = results.get(target.name)?.statistics
    if (gatewayBaseUrlOf(target.name, services) === undefined || !statistics) continue
    const answeredBefore = services.answeredRequests.get(target.name) ?? 0
    services.answeredRequests.set(target.name, answeredBefore + answeredRequests(statistics))
  }
}

/** The idle period between stress runs, watching that the services stay up. */
async function idle(
  step: IdleStep,
  stopReason: Promise<LoadTestError>,
  emit: EngineEventListener
): Promise<void> {
  const { id, label, durationS } = step
  emit({
    type: 'phase-start',
    phase: id,
    label,
    totalS: durationS,
    detail: `waiting ${durationS}s`
  })
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
          totalS: durationS
        }),
      1000
    )
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, durationS * 1000)
    })
    const exit = await Promise.race([waited.then(() => undefined), stopReason])
    if (exit) throw exit
  } finally {
    clearTimeout(timer)
    clearInterval(progress)
  }
  emit({ type: 'phase-end', phase: id, label, summary: 'done' })
}

/**
 * The upstream mock provider logs one line per request, with no flag to stop it: say so,
 * since that work lands on the machine during the measurement.
 */
async function noteMockerLogging(
  services: RunningServices,
  context: ExecutionContext
): Promise<void> {
  const generation = services.generation
  const inGeneration = (phase: PhaseRecord): boolean =>
    generation === 'stress' ? phase.role === 'stress' : phase.role !== 'stress'
  const requests = context.record.phases
    .filter(inGeneration)
    .reduce((sum, phase) => sum + phase.statistics.requests, 0)
  if (requests < 100) return
  const lines = await countLines(services.mocker.logFile)
  if (lines >= requests / 2) {
    context.record.notes.push(
      `The mock provider logged ${lines} lines for ${requests} requests (${path.basename(services.mocker.logFile)}): it logs per request. That work falls on direct and gateway requests alike, but adds CPU load and noise on a small runner.`
    )
  }
}

async function countLines(file: string): Promise<number> {
  let lines = 0
  try {
    for await (const chunk of createReadStream(file)) {
      for (const byte of chunk as Buffer) if (byte === 0x0a) lines++
    }
  } catch {
    return 0
  }
  return lines
}
