import type { LoadTestConfig, Mode } from '../config/types.js'
import { LATENCY_STAT_KEYS, type LatencyStatKey, type TargetSamples } from '../load/types.js'
import type { AttackRecord, PhaseRecord } from '../record.js'
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

export interface Evaluation {
  overhead: OverheadEstimate[]
  checks: Check[]
  warnings: string[]
}

const modeSuffix = (mode: Mode): string => (mode === 'streaming' ? '-streaming' : '')
const modeLabel = (mode: Mode): string => (mode === 'streaming' ? ' (streaming)' : '')
const formatUs = (us: number): string => `${us.toFixed(1)} µs`

/**
 * From measured attacks and phases to overhead, intervals and checks: pure, no I/O.
 *
 * Checks, per mode: the measurement's validity (calibration's success rate, every measured
 * and stress attack's achieved rate and worker cap, an overhead interval that does not lie
 * wholly below zero), the overhead limits (estimate ≤ limit, as the seed), and the success
 * rates of the overhead phase and of every stress run. A phase that did not complete is
 * left out; the run's failure then says why.
 */
export function evaluate(
  attacks: AttackRecord[],
  phases: PhaseRecord[],
  config: LoadTestConfig
): Evaluation {
  const checks: Check[] = []
  const overhead: OverheadEstimate[] = []
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
    if (
      calibration &&
      gateway &&
      calibration.statistics.successes > 0 &&
      gateway.statistics.successes > 0
    ) {
      const estimate = estimateOverhead(mode, calibration, gateway)
      overhead.push(estimate)
      checks.push(...overheadChecks(estimate, config))
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
  return { overhead, checks, warnings: [] }
}

/** Gateway − direct per statistic, with a block-bootstrap interval when samples are kept. */
export function estimateOverhead(
  mode: Mode,
  calibration: PhaseRecord,
  gateway: PhaseRecord
): OverheadEstimate {
  const estimateUs = overheadUs(calibration.statistics.latencyNs, gateway.statistics.latencyNs)
  const base = {
    mode,
    calibrationPhaseId: calibration.id,
    overheadPhaseId: gateway.id,
    estimateUs,
    confidence: DEFAULT_CONFIDENCE
  }
  if (!calibration.samples || !gateway.samples) {
    return { ...base, intervalMethod: 'no interval: the samples were not kept' }
  }
  const paired = calibration.attackId === gateway.attackId
  const blockCount = blockCountFor(Math.max(calibration.durationS, gateway.durationS))
  const sets: SampleSet[] = paired
    ? pairedSets([calibration, gateway], blockCount)
    : [calibration, gateway].map((phase) => {
        const [startNs, endNs] = sendSpan([phase.samples as TargetSamples])
        return {
          key: phase.id,
          attackId: phase.attackId,
          blocked: cutIntoBlocks(phase.samples as TargetSamples, startNs, endNs, blockCount)
        }
      })
  const intervalsNs = bootstrapIntervals(sets, [
    { id: 'overhead', plus: gateway.id, minus: calibration.id }
  ]).get('overhead') as Record<LatencyStatKey, Interval>
  const intervalUs = {} as Record<LatencyStatKey, Interval>
  for (const key of LATENCY_STAT_KEYS) {
    intervalUs[key] = { low: intervalsNs[key].low / 1000, high: intervalsNs[key].high / 1000 }
  }
  const pct = Math.round(DEFAULT_CONFIDENCE * 100)
  return {
    ...base,
    intervalUs,
    intervalMethod: paired
      ? `${pct}% confidence interval: block bootstrap over ${blockCount} time slices of the interleaved attack, direct and gateway requests of a slice drawn together, ${DEFAULT_REPLICATES} replicates, percentile interval`
      : `${pct}% confidence interval: block bootstrap over ${blockCount} time slices of each attack, drawn independently (sequential measurement), ${DEFAULT_REPLICATES} replicates, percentile interval`
  }
}

/** Phases of one attack cut into the same slices, so the bootstrap draws them together. */
export function pairedSets(phases: PhaseRecord[], blockCount: number): SampleSet[] {
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
function loadChecks(attack: AttackRecord, config: LoadTestConfig): Check[] {
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

/** The main reasons a phase's requests failed, for a check's detail. */
function failureSummary(phase: PhaseRecord): string {
  const stats = phase.statistics
  const failed = stats.requests - stats.successes
  if (failed === 0) return 'no request failed'
  const top = stats.topErrors
    .slice(0, 2)
    .map((error) => `${error.count} × ${error.error}`)
    .join('; ')
  return `${failed} of ${stats.requests} requests failed${top ? `: ${top}` : ''}`
}
