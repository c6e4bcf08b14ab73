import type { LoadTestConfig, Mode } from '../config/types.js'
import type { TargetName } from '../load/targets.js'
import type { PhaseRole } from '../load/types.js'

/**
 * A measurement probe a step runs, by name (src/engine/probes/index.ts maps each name to its
 * factory). Kept here, below the probes, so the plan stays data that imports no probe.
 */
export type ProbeName = 'telemetry' | 'process-stats'

/** One target's share of an attack, recorded as a phase of its own. */
export interface PhaseOfTarget {
  target: TargetName
  /** e.g. "calibration", "overhead-streaming", "stress-2", "warmup-gateway". */
  id: string
  label: string
  role: PhaseRole
}

/** One vegeta attack: its targets alternate, each at `ratePerTarget`. */
export interface AttackStep {
  kind: 'attack'
  /** Names the attack's files (vegeta-<id>.bin, .log) and its results. */
  id: string
  label: string
  /** A warm-up is recorded but never measured; stress runs are checked for success only. */
  purpose: 'warmup' | 'measure' | 'stress'
  mode: Mode
  phases: PhaseOfTarget[]
  ratePerTarget: number
  durationS: number
  mockerLatencyMs: number
  timeoutS: number
  /** Names the gateway's CPU and RSS samples taken meanwhile (the seed's process_stats keys). */
  sampling: string
  /** The measurement probes run around this attack (engine/probes); none when absent. */
  probes?: ProbeName[]
}

export interface StartServicesStep {
  kind: 'start-services'
  /** Names the services' logs, so a restart never overwrites the first start's. */
  generation: string
  label: string
  mockerLatencyMs: number
  /** Closes the mock provider's idle connections after this long (when it supports it). */
  mockerIdleTimeoutS?: number
  /** Starts the base gateway beside the gateway (head), for a comparison. */
  withBase: boolean
}

export interface IdleStep {
  kind: 'idle'
  id: string
  label: string
  durationS: number
  sampling: string
  /** The measurement probes told of this idle period; none when absent. */
  probes?: ProbeName[]
}

export interface StopServicesStep {
  kind: 'stop-services'
  label: string
}

/** The schedule of a run, as plain values: the executor runs any such list in order. */
export type PlanStep = StartServicesStep | AttackStep | IdleStep | StopServicesStep

/** The seed's timeout for calibration and overhead requests: mocker latency + 5 s. */
export const overheadTimeoutS = (mockerLatencyMs: number): number => mockerLatencyMs / 1000 + 5
/** The seed's timeout for stress requests: 30 s, or mocker latency + 5 s if longer. */
export const stressTimeoutS = (mockerLatencyMs: number): number =>
  Math.max(30, mockerLatencyMs / 1000 + 5)

/** Every step is watched by the process-stats probe; measured attacks also read telemetry. */
const SAMPLED: ProbeName[] = ['process-stats']
const MEASURED: ProbeName[] = ['telemetry', 'process-stats']

const modeSuffix = (mode: Mode): string => (mode === 'streaming' ? '-streaming' : '')
const modeLabel = (mode: Mode): string => (mode === 'streaming' ? ' (streaming)' : '')

/**
 * The schedule for a config, after the seed with its known weaknesses fixed:
 *
 * 1. start the mock provider and the gateway;
 * 2. per mode: a warm-up against every target (not measured), then calibration (direct to
 *    the mock provider) and overhead (through the gateway, and through the base gateway when
 *    comparing), interleaved in one attack or, with `measurement: sequential`, one after the
 *    other as the seed does;
 * 3. restart both, so no pooled connection from the overhead phases survives, with the mock
 *    provider closing idle connections before the idle period ends (so pooled connections do
 *    go stale between stress runs, the case maximhq/bifrost#4496 was about);
 * 4. per mode: the stress runs, separated by the idle period; then stop.
 *
 * Stress runs get no warm-up: they exist to catch what happens to connections left idle.
 * Every attack and idle period is sampled by the process-stats probe; the measured attacks
 * also read the gateways' telemetry.
 */
export function planRun(config: LoadTestConfig): PlanStep[] {
  const compared = config.base !== undefined
  const steps: PlanStep[] = [
    {
      kind: 'start-services',
      generation: 'overhead',
      label: compared
        ? 'Starting the mock provider, the gateway and the base gateway'
        : 'Starting the mock provider and the gateway',
      mockerLatencyMs: config.overheadMockerLatencyMs,
      withBase: compared
    }
  ]
  const latencyMs = config.overheadMockerLatencyMs
  const common = {
    kind: 'attack' as const,
    ratePerTarget: config.rate,
    mockerLatencyMs: latencyMs,
    timeoutS: overheadTimeoutS(latencyMs)
  }
  for (const mode of config.modes) {
    const suffix = modeSuffix(mode)
    const sampling = `overhead${suffix}`
    if (config.warmupDurationS > 0) {
      steps.push({
        ...common,
        id: `warmup${suffix}`,
        label: `Warm-up${modeLabel(mode)}`,
        purpose: 'warmup',
        mode,
        durationS: config.warmupDurationS,
        sampling: 'warmup',
        probes: SAMPLED,
        phases: [
          {
            target: 'direct',
            id: `warmup${suffix}-direct`,
            label: `Warm-up, direct${modeLabel(mode)}`,
            role: 'warmup'
          },
          ...(compared
            ? [
                {
                  target: 'base' as const,
                  id: `warmup${suffix}-base`,
                  label: `Warm-up, through the base gateway${modeLabel(mode)}`,
                  role: 'warmup' as const
                }
              ]
            : []),
          {
            target: 'gateway',
            id: `warmup${suffix}-gateway`,
            label: `Warm-up, through the gateway${modeLabel(mode)}`,
            role: 'warmup'
          }
        ]
      })
    }
    const calibration: PhaseOfTarget = {
      target: 'direct',
      id: `calibration${suffix}`,
      label: `Calibration${modeLabel(mode)}`,
      role: 'calibration'
    }
    const overhead: PhaseOfTarget = {
      target: 'gateway',
      id: `overhead${suffix}`,
      label: `Overhead${modeLabel(mode)}`,
      role: 'overhead'
    }
    const base: PhaseOfTarget = {
      target: 'base',
      id: `overhead${suffix}-base`,
      label: `Overhead of the base${modeLabel(mode)}`,
      role: 'base-overhead'
    }
    const measuredPhases = compared ? [calibration, base, overhead] : [calibration, overhead]
    const measured = {
      ...common,
      purpose: 'measure' as const,
      mode,
      durationS: config.overheadDurationS,
      sampling,
      probes: MEASURED
    }
    if (config.measurement === 'interleaved') {
      steps.push({
        ...measured,
        id: `overhead${suffix}`,
        label: `Calibration and overhead${compared ? ', base and head' : ''}, interleaved${modeLabel(mode)}`,
        phases: measuredPhases
      })
    } else {
      steps.push(
        ...measuredPhases.map((phase) => ({
          ...measured,
          id: phase.id,
          label: phase.label,
          phases: [phase]
        }))
      )
    }
  }

  steps.push(
    { kind: 'stop-services', label: 'Restarting the mock provider and the gateway' },
    {
      kind: 'start-services',
      generation: 'stress',
      label: 'Restarting the mock provider and the gateway',
      mockerLatencyMs: config.stressMockerLatencyMs,
      // Stress runs are about the code under test: the base is not restarted for them.
      withBase: false,
      ...(config.stressRuns > 1 && config.stressIdleS > 0
        ? { mockerIdleTimeoutS: mockerIdleTimeoutS(config.stressIdleS) }
        : {})
    }
  )
  for (const mode of config.modes) {
    const suffix = modeSuffix(mode)
    for (let run = 1; run <= config.stressRuns; run++) {
      if (run > 1) {
        steps.push({
          kind: 'idle',
          id: `idle${suffix}-${run - 1}`,
          label: `Idle before stress #${run}${modeLabel(mode)}`,
          durationS: config.stressIdleS,
          sampling: `stress${suffix}`,
          probes: SAMPLED
        })
      }
      const id = `stress${suffix}-${run}`
      const label = `Stress #${run}${modeLabel(mode)}`
      steps.push({
        kind: 'attack',
        id,
        label,
        purpose: 'stress',
        mode,
        phases: [{ target: 'gateway', id, label, role: 'stress' }],
        ratePerTarget: config.rate,
        durationS: config.stressDurationS,
        mockerLatencyMs: config.stressMockerLatencyMs,
        timeoutS: stressTimeoutS(config.stressMockerLatencyMs),
        sampling: `stress${suffix}`,
        probes: SAMPLED
      })
    }
  }
  steps.push({ kind: 'stop-services', label: 'Stopping the mock provider and the gateway' })
  return steps
}

/**
 * The mock provider's idle timeout during the stress runs: half the idle period, so every
 * connection pooled during a run is closed by the provider well before the next run starts.
 */
export function mockerIdleTimeoutS(stressIdleS: number): number {
  return stressIdleS / 2
}

/** Every probe some step of the plan names, each once, in the order first named. */
export function probesOf(plan: PlanStep[]): ProbeName[] {
  const names = plan.flatMap((step) =>
    step.kind === 'attack' || step.kind === 'idle' ? (step.probes ?? []) : []
  )
  return [...new Set(names)]
}

/** The attack steps of a plan, in order. */
export function attackSteps(plan: PlanStep[]): AttackStep[] {
  return plan.filter((step): step is AttackStep => step.kind === 'attack')
}
