import type { LoadTestConfig, Mode } from '../config/types.js'
import {
  LATENCY_STAT_KEYS,
  type AttackStatistics,
  type LatencyStatKey,
  type PhaseRole,
  type PhaseStatistics,
  type TargetSamples
} from '../load/types.js'
import {
  DEFAULT_CONFIDENCE,
  DEFAULT_REPLICATES,
  blockCountFor,
  bootstrapIntervals,
  cutIntoBlocks,
  type Interval,
  type SampleSet
} from './interval.js'
import { overheadUs, type OverheadUs } from './overhead.js'
import { makeCheck, successPct, type Check } from './verdict.js'

/** The statistics checked against limits; min, p99.9 and max rest on a few requests each. */
export const CHECKED_STATS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const
export type CheckedStat = (typeof CHECKED_STATS)[number]

const STAT_LABEL: Record<LatencyStatKey, string> = {
  min: 'Min',
  mean: 'Mean',
  p50: 'P50',
  p90: 'P90',
  p95: 'P95',
  p99: 'P99',
  p999: 'P99.9',
  max: 'Max'
}

/** What evaluate reads of an attack as it ran; the run record's AttackRecord is one. */
export interface MeasuredAttack {
  id: string
  label: string
  purpose: 'warmup' | 'measure' | 'stress'
  mode: Mode
  /** Requests per second asked of vegeta, over all its targets. */
  configuredRate: number
  maxWorkers: number
  /** True when the run was stopped during the attack. */
  cutShort: boolean
  statistics: AttackStatistics
}

/** What evaluate reads of one target's share of an attack; the run record's PhaseRecord is one. */
export interface MeasuredPhase {
  id: string
  label: string
  role: PhaseRole
  mode: Mode
  attackId: string
  durationS: number
  mockerLatencyMs: number
  statistics: PhaseStatistics
  /** Latencies of the successful requests with their send times, when kept. */
  samples?: TargetSamples
}

/** The overhead of one mode: estimate per statistic and its confidence interval, in µs. */
export interface OverheadEstimate {
  mode: Mode
  calibrationPhaseId: string
  overheadPhaseId: string
  estimateUs: OverheadUs
  /** Undefined when the samples were not at hand (e.g. a record read back from JSON). */
  intervalUs?: Record<LatencyStatKey, Interval>
  /** e.g. 0.95. */
  confidence: number
  /** How the interval was computed, in a sentence for the report. */
  intervalMethod: string
}

/**
 * Head against base in one attack, per statistic, in µs: each one's overhead over the same
 * direct requests, and the regression head − base with its confidence interval.
 */
export interface RegressionEstimate {
  mode: Mode
  basePhaseId: string
  headPhaseId: string
  baseOverheadUs: OverheadUs
  headOverheadUs: OverheadUs
  regressionUs: OverheadUs
  baseIntervalUs?: Record<LatencyStatKey, Interval>
  intervalUs?: Record<LatencyStatKey, Interval>
  confidence: number
  intervalMethod: string
  /** The base's git ref when it was given as base-ref (e.g. a release tag); sentences name it. */
  baseRef?: string
}

export interface Evaluation {
  overhead: OverheadEstimate[]
  regression: RegressionEstimate[]
  checks: Check[]
  warnings: string[]
}

const modeSuffix = (mode: Mode): string => (mode === 'streaming' ? '-streaming' : '')
const modeLabel = (mode: Mode): string => (mode === 'streaming' ? ' (streaming)' : '')
const formatUs = (us: number): string => `${us.toFixed(1)} µs`

/**
 * From measured attacks and phases to overhead, intervals and checks: pure, no I/O.
 *
 * Checks, per mode: the measurement's validity (calibration's success rate and its p50
 * beyond the mock provider's latency, every measured and stress attack's achieved rate and
 * worker cap, an overhead interval that does not lie wholly below zero), the overhead
 * limits (estimate ≤ limit, as the seed), and the success rates of the overhead phase and
 * of every stress run. A phase that did not complete is
 * left out; the run's failure then says why.
 */
export function evaluate(
  attacks: MeasuredAttack[],
  phases: MeasuredPhase[],
  config: LoadTestConfig
): Evaluation {
  const checks: Check[] = []
  const overhead: OverheadEstimate[] = []
  const regression: RegressionEstimate[] = []
  for (const attack of attacks) {
    if (attack.purpose !== 'warmup' && !attack.cutShort) checks.push(...loadChecks(attack, config))
  }
  for (const mode of config.modes) {
    const ofMode = phases.filter((phase) => phase.mode === mode)
    const calibration = ofMode.find((phase) => phase.role === 'calibration')
    const gateway = ofMode.find((phase) => phase.role === 'overhead')
    const suffix = modeSuffix(mode)
    if (calibration) {
      checks.push(
        makeCheck({
          id: `calibration${suffix}-success-rate`,
          label: `Calibration success rate${modeLabel(mode)}`,
          category: 'validity',
          mode,
          value: successPct(calibration.statistics),
          limit: config.minStressSuccessRatePct,
          unit: '%',
          bound: 'min',
          detail: `the mock provider itself failed requests (${failureSummary(calibration)}), so the measurement is invalid, not the gateway slow`
        })
      )
      if (calibration.statistics.successes > 0)
        checks.push(calibrationExcessCheck(calibration, config))
    }
    if (gateway) {
      checks.push(
        makeCheck({
          id: `overhead${suffix}-success-rate`,
          label: `Overhead phase success rate${modeLabel(mode)}`,
          category: 'success',
          mode,
          value: successPct(gateway.statistics),
          limit: config.minStressSuccessRatePct,
          unit: '%',
          bound: 'min',
          detail: `through the gateway: ${failureSummary(gateway)}`
        })
      )
    }
    const base = ofMode.find((phase) => phase.role === 'base-overhead')
    if (base) {
      checks.push(
        makeCheck({
          id: `overhead${suffix}-base-success-rate`,
          label: `Base gateway success rate${modeLabel(mode)}`,
          category: 'validity',
          mode,
          value: successPct(base.statistics),
          limit: config.minStressSuccessRatePct,
          unit: '%',
          bound: 'min',
          detail: `the base build failed requests (${failureSummary(base)}), so head cannot be compared with it`
        })
      )
    }
    if (
      calibration &&
      gateway &&
      calibration.statistics.successes > 0 &&
      gateway.statistics.successes > 0
    ) {
      const comparable = base && base.statistics.successes > 0 ? base : undefined
      const { estimate, regression: compared } = estimateContrasts(
        mode,
        calibration,
        gateway,
        comparable
      )
      overhead.push(estimate)
      checks.push(...overheadChecks(estimate, config))
      if (compared) {
        const source = config.base?.source
        const named = source?.kind === 'git-ref' ? { ...compared, baseRef: source.ref } : compared
        regression.push(named)
        checks.push(...regressionChecks(named, config))
      }
    }
    for (const stress of ofMode.filter((phase) => phase.role === 'stress')) {
      checks.push(
        makeCheck({
          id: `${stress.id}-success-rate`,
          label: `${stress.label} success rate`,
          category: 'success',
          mode,
          value: successPct(stress.statistics),
          limit: config.minStressSuccessRatePct,
          unit: '%',
          bound: 'min',
          detail: failureSummary(stress)
        })
      )
    }
  }
  return { overhead, regression, checks, warnings: [] }
}

const toUs = (intervalsNs: Record<LatencyStatKey, Interval>): Record<LatencyStatKey, Interval> => {
  const intervalUs = {} as Record<LatencyStatKey, Interval>
  for (const key of LATENCY_STAT_KEYS) {
    intervalUs[key] = { low: intervalsNs[key].low / 1000, high: intervalsNs[key].high / 1000 }
  }
  return intervalUs
}

/**
 * Gateway − direct per statistic, and with a base build also base − direct and head − base,
 * each with a block-bootstrap interval when samples are kept. Phases of one attack are
 * drawn together (one bootstrap for every contrast), so the intervals are consistent.
 */
export function estimateContrasts(
  mode: Mode,
  calibration: MeasuredPhase,
  gateway: MeasuredPhase,
  base?: MeasuredPhase
): { estimate: OverheadEstimate; regression?: RegressionEstimate } {
  const estimateUs = overheadUs(calibration.statistics.latencyNs, gateway.statistics.latencyNs)
  const common = { mode, confidence: DEFAULT_CONFIDENCE }
  const phases = base ? [calibration, gateway, base] : [calibration, gateway]
  let intervals: Map<string, Record<LatencyStatKey, Interval>> | undefined
  let intervalMethod = 'no interval: the samples were not kept'
  if (phases.every((phase) => phase.samples)) {
    const paired = phases.every((phase) => phase.attackId === calibration.attackId)
    const blockCount = blockCountFor(Math.max(...phases.map((phase) => phase.durationS)))
    const sets: SampleSet[] = paired
      ? pairedSets(phases, blockCount)
      : phases.map((phase) => {
          const [startNs, endNs] = sendSpan([phase.samples as TargetSamples])
          return {
            key: phase.id,
            attackId: phase.attackId,
            blocked: cutIntoBlocks(phase.samples as TargetSamples, startNs, endNs, blockCount)
          }
        })
    intervals = bootstrapIntervals(sets, [
      { id: 'overhead', plus: gateway.id, minus: calibration.id },
      ...(base
        ? [
            { id: 'base', plus: base.id, minus: calibration.id },
            { id: 'regression', plus: gateway.id, minus: base.id }
          ]
        : [])
    ])
    const pct = Math.round(DEFAULT_CONFIDENCE * 100)
    intervalMethod = paired
      ? `${pct}% confidence interval: block bootstrap over ${blockCount} time slices of the interleaved attack, the requests of every target in a slice drawn together, ${DEFAULT_REPLICATES} replicates, expanded percentile interval`
      : `${pct}% confidence interval: block bootstrap over ${blockCount} time slices of each attack, drawn independently (sequential measurement), ${DEFAULT_REPLICATES} replicates, expanded percentile interval`
  }
  const intervalOf = (id: string) => {
    const found = intervals?.get(id)
    return found ? toUs(found) : undefined
  }
  const overheadInterval = intervalOf('overhead')
  const estimate: OverheadEstimate = {
    ...common,
    calibrationPhaseId: calibration.id,
    overheadPhaseId: gateway.id,
    estimateUs,
    ...(overheadInterval ? { intervalUs: overheadInterval } : {}),
    intervalMethod
  }
  if (!base) return { estimate }
  const baseInterval = intervalOf('base')
  const regressionInterval = intervalOf('regression')
  return {
    estimate,
    regression: {
      ...common,
      basePhaseId: base.id,
      headPhaseId: gateway.id,
      baseOverheadUs: overheadUs(calibration.statistics.latencyNs, base.statistics.latencyNs),
      headOverheadUs: estimateUs,
      regressionUs: overheadUs(base.statistics.latencyNs, gateway.statistics.latencyNs),
      ...(baseInterval ? { baseIntervalUs: baseInterval } : {}),
      ...(regressionInterval ? { intervalUs: regressionInterval } : {}),
      intervalMethod
    }
  }
}

/**
 * Head against base: a check fails when the regression's lower confidence bound exceeds its
 * limit (so noise alone cannot fail a PR): max-regression-<stat>-us, or with
 * max-regression-pct that share of the base's overhead when larger. Without an interval the
 * estimate itself is compared.
 */
function regressionChecks(regression: RegressionEstimate, config: LoadTestConfig): Check[] {
  const { mode } = regression
  const suffix = modeSuffix(mode)
  return CHECKED_STATS.flatMap((key) => {
    const limitUs = regressionLimitUs(key, regression, config)
    if (limitUs === undefined) return []
    const interval = regression.intervalUs?.[key]
    const value = interval ? interval.low : regression.regressionUs[key]
    return [
      makeCheck({
        id: `regression${suffix}-${key}`,
        label: `${STAT_LABEL[key]} regression, head − base${interval ? `, lower bound of its ${Math.round(regression.confidence * 100)}% confidence interval` : ''}${modeLabel(mode)}`,
        category: 'regression',
        mode,
        value,
        limit: limitUs,
        unit: 'µs',
        bound: 'max',
        detail: regressionSentence(regression, key)
      })
    ]
  })
}

/** The limit for one statistic's regression, µs; undefined when none is set. */
export function regressionLimitUs(
  key: CheckedStat,
  regression: RegressionEstimate,
  config: LoadTestConfig
): number | undefined {
  const absolute = config.maxRegressionUs[key]
  const relative =
    config.maxRegressionPct === undefined
      ? undefined
      : (Math.max(regression.baseOverheadUs[key], 0) * config.maxRegressionPct) / 100
  if (absolute === undefined) return relative
  if (relative === undefined) return absolute
  return Math.max(absolute, relative)
}

/**
 * What a maintainer needs to know of one statistic, in a sentence: "head adds 300.0 µs
 * (250.0 µs … 350.0 µs) at p50", "head saves …", or "no regression beyond ±60.0 µs could be
 * detected at this load (p50)" when the interval holds zero. With a base-ref the sentence
 * names it: "head is 300.0 µs slower than v1.2.0 (…) at p50", "… faster than …", "no
 * regression against v1.2.0 beyond …".
 */
export function regressionSentence(regression: RegressionEstimate, key: LatencyStatKey): string {
  const estimate = regression.regressionUs[key]
  const interval = regression.intervalUs?.[key]
  const name = key === 'p999' ? 'p99.9' : key
  const { baseRef } = regression
  // `us` is what head adds (slower) or saves (faster), signed as the estimate gives it.
  const difference = (slower: boolean, us: number): string =>
    baseRef === undefined
      ? `head ${slower ? 'adds' : 'saves'} ${formatUs(us)}`
      : `head is ${formatUs(us)} ${slower ? 'slower' : 'faster'} than ${baseRef}`
  if (!interval || !Number.isFinite(interval.low)) {
    const slower = estimate >= 0
    return `${difference(slower, Math.abs(estimate))} at ${name} (no interval: the samples were not kept)`
  }
  const range = `${formatUs(interval.low)} … ${formatUs(interval.high)}`
  if (interval.low > 0) return `${difference(true, estimate)} (${range}) at ${name}`
  if (interval.high < 0) return `${difference(false, -estimate)} (${range}) at ${name}`
  const resolution = Math.max(Math.abs(interval.low), Math.abs(interval.high))
  const against = baseRef === undefined ? '' : ` against ${baseRef}`
  return `no regression${against} beyond ±${formatUs(resolution)} could be detected at this load (${name}: ${formatUs(estimate)}, ${range})`
}

/** Phases of one attack cut into the same slices, so the bootstrap draws them together. */
export function pairedSets(phases: MeasuredPhase[], blockCount: number): SampleSet[] {
  const [startNs, endNs] = sendSpan(phases.map((phase) => phase.samples as TargetSamples))
  return phases.map((phase) => ({
    key: phase.id,
    attackId: phase.attackId,
    blocked: cutIntoBlocks(phase.samples as TargetSamples, startNs, endNs, blockCount)
  }))
}

function sendSpan(samples: TargetSamples[]): [number, number] {
  let startNs = Infinity
  let endNs = -Infinity
  for (const { sendOffsetsNs } of samples) {
    for (const offset of sendOffsetsNs) {
      if (offset < startNs) startNs = offset
      if (offset > endNs) endNs = offset
    }
  }
  return Number.isFinite(startNs) ? [startNs, endNs] : [0, 0]
}

function overheadChecks(estimate: OverheadEstimate, config: LoadTestConfig): Check[] {
  const { mode } = estimate
  const suffix = modeSuffix(mode)
  const checks = CHECKED_STATS.map((key) => {
    const interval = estimate.intervalUs?.[key]
    return makeCheck({
      id: `overhead${suffix}-${key}`,
      label: `${STAT_LABEL[key]} overhead${modeLabel(mode)}`,
      category: 'overhead',
      mode,
      value: estimate.estimateUs[key],
      limit: config.maxOverheadUs[key],
      unit: 'µs',
      bound: 'max',
      ...(interval
        ? {
            detail: `${Math.round(estimate.confidence * 100)}% confidence interval ${formatUs(interval.low)} … ${formatUs(interval.high)}`
          }
        : {})
    })
  })
  if (estimate.intervalUs) {
    const intervals = estimate.intervalUs
    // The checked statistic whose interval lies furthest below zero decides.
    const worst = CHECKED_STATS.reduce((a, b) => (intervals[b].high < intervals[a].high ? b : a))
    const interval = intervals[worst]
    checks.unshift(
      makeCheck({
        id: `overhead${suffix}-reliable`,
        label: `Lowest upper bound of a checked overhead's ${Math.round(estimate.confidence * 100)}% confidence interval (${STAT_LABEL[worst].toLowerCase()})${modeLabel(mode)}`,
        category: 'validity',
        mode,
        value: interval.high,
        limit: 0,
        unit: 'µs',
        bound: 'min',
        detail: `the ${STAT_LABEL[worst].toLowerCase()} overhead of ${formatUs(estimate.estimateUs[worst])} (interval ${formatUs(interval.low)} … ${formatUs(interval.high)}) lies below zero, and a gateway cannot take latency away: direct and gateway requests were not measured alike (cold connections, too short a warm-up, a busy machine), so the overhead figures are unreliable`
      })
    )
  }
  return checks
}

/**
 * The load an attack really applied: its achieved rate against the configured one, and
 * whether vegeta ran out of workers. Either shortfall means requests waited inside vegeta,
 * a wait their latencies do not show (coordinated omission). An attack too short to have a
 * rate (fewer than 2 requests) is not judged.
 */
function loadChecks(attack: MeasuredAttack, config: LoadTestConfig): Check[] {
  const stats = attack.statistics
  if (stats.requests < 2 || stats.attackSpanS === 0) return []
  return [
    makeCheck({
      id: `${attack.id}-achieved-rate`,
      label: `${attack.label}: achieved rate`,
      category: 'validity',
      mode: attack.mode,
      value: (stats.achievedRate / attack.configuredRate) * 100,
      limit: config.minAchievedRatePct,
      unit: '%',
      bound: 'min',
      detail: `vegeta sent ${stats.achievedRate.toFixed(1)} of the configured ${attack.configuredRate} requests per second; requests it could not send on time waited inside vegeta, and that wait is missing from the latencies (coordinated omission)`
    }),
    makeCheck({
      id: `${attack.id}-workers`,
      label: `${attack.label}: requests in flight at the peak`,
      category: 'validity',
      mode: attack.mode,
      value: stats.peakInFlight,
      limit: attack.maxWorkers,
      unit: 'requests',
      bound: 'below',
      detail: `vegeta ran out of workers (max-workers ${attack.maxWorkers}), so further requests waited for one and that wait is missing from the latencies (coordinated omission); raise max-workers or look at why responses slowed down`
    })
  ]
}

/**
 * How late the direct requests came back: calibration's p50 minus the mock provider's
 * configured latency (µs), at most config.maxCalibrationExcessUs. The mock provider answers
 * within a few hundred µs of its latency on an idle machine (README, Benchmarks), so a p50
 * ms late means vegeta, the mock provider or the CPU could not keep up, and the gateway's
 * figures measure the runner's queue rather than its code.
 */
function calibrationExcessCheck(calibration: MeasuredPhase, config: LoadTestConfig): Check {
  const p50Us = calibration.statistics.latencyNs.p50 / 1000
  const latencyUs = calibration.mockerLatencyMs * 1000
  return makeCheck({
    id: `calibration${modeSuffix(calibration.mode)}-excess`,
    label: `Calibration p50 beyond the mock provider's latency${modeLabel(calibration.mode)}`,
    category: 'validity',
    mode: calibration.mode,
    value: p50Us - latencyUs,
    limit: config.maxCalibrationExcessUs,
    unit: 'µs',
    bound: 'max',
    detail: `direct requests to the mock provider took ${(p50Us / 1000).toFixed(1)} ms at p50 for its ${calibration.mockerLatencyMs} ms latency, so the runner could not keep up (its CPU saturated by vegeta, the mock provider or the gateway itself) and the latencies through the gateway are the runner's, not the gateway's; lower rate or use a larger runner, and if only this change saturates it, look at the gateway's CPU use`
  })
}

/** The main reasons a phase's requests failed, for a check's detail. */
function failureSummary(phase: MeasuredPhase): string {
  const stats = phase.statistics
  const failed = stats.requests - stats.successes
  if (failed === 0) return 'no request failed'
  const top = stats.topErrors
    .slice(0, 2)
    .map((error) => `${error.count} × ${error.error}`)
    .join('; ')
  return `${failed} of ${stats.requests} requests failed${top ? `: ${top}` : ''}`
}
