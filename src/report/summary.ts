import {
  CHECKED_STATS,
  regressionSentence,
  type OverheadEstimate,
  type RegressionEstimate
} from '../analysis/evaluate.js'
import type { Interval } from '../analysis/interval.js'
import { describeFailure, type Check } from '../analysis/verdict.js'
import type { Measurement, Mode } from '../config/types.js'
import type { InvalidResponseExample, LatencyStatKey } from '../load/types.js'
import type { AttackRecord, PhaseRecord, RunRecord } from '../record.js'
import { gatewayTelemetryOf } from '../engine/probes/telemetry.js'
import type { GatewayTelemetry } from '../services/gateway-telemetry.js'
import { STAT_COLUMNS, formatUs } from './format.js'
import { metricTables, type MetricTable } from './metric-rows.js'

/**
 * One model of what a run found, built once from the record; the JSON, the Markdown, the
 * job summary and the console render it. Nothing here measures or decides: values and
 * verdicts come from the record.
 */
export interface RunSummary {
  status: RunRecord['status']
  /** "✅ PASSED", "❌ FAILED", "⚠️ ERROR". */
  headline: string
  /** Why it passed, failed or stopped, in one sentence. */
  verdictSentence: string
  failure: RunRecord['failure']
  overhead: OverheadSection[]
  /** Head against base, when a base was measured. */
  regression: RegressionSection[]
  stress: StressSection[]
  /** The checks of the measurement's validity (calibration, achieved rates, workers). */
  validity: Check[]
  /** Failed checks, one line each, validity first. */
  failures: string[]
  warnings: string[]
  invalidResponses: { phaseLabel: string; example: InvalidResponseExample }[]
  /**
   * The probes' rows as tables (report/metric-rows.ts): `headline` ones for every report,
   * `details` ones for the full reports (Markdown, job summary).
   */
  metrics: { headline: MetricTable[]; details: MetricTable[] }
  method: string[]
}

export interface OverheadRow {
  key: LatencyStatKey
  title: string
  directNs: number
  gatewayNs: number
  overheadUs: number
  interval?: Interval
  /** Only for the checked statistics. */
  check?: Check
  /** With baseline-results: the baseline's overhead, and this run's minus it (informative). */
  baselineUs?: number
  vsBaselineUs?: number
}

/** Where a section's baseline column comes from; see LoadTestConfig.baseline. */
export interface BaselineSource {
  file: string
  timestamp: string
  rate?: number
}

export interface OverheadSection {
  mode: Mode
  title: string
  measurement: Measurement
  rate: number
  durationS: number
  mockerLatencyMs: number
  calibration: PhaseRecord
  overhead: PhaseRecord
  estimate: OverheadEstimate
  rows: OverheadRow[]
  /** Set when a baseline with this mode's overhead was given; its rows then carry baselineUs. */
  baseline?: BaselineSource
  /** The gateway's own account of its mean overhead, when it exports one (a sentence). */
  telemetry?: string
}

export interface RegressionRow {
  key: LatencyStatKey
  title: string
  baseUs: number
  baseInterval?: Interval
  headUs: number
  headInterval?: Interval
  regressionUs: number
  interval?: Interval
  /** Only for the checked statistics with a limit. */
  check?: Check
}

export interface RegressionSection {
  mode: Mode
  title: string
  estimate: RegressionEstimate
  rows: RegressionRow[]
  /** The p50 in a sentence: "head adds …" or "no regression beyond ±c µs …". */
  sentence: string
  /** Head's and base's own accounts of their mean overhead, when both export one. */
  telemetry?: string
}

export interface StressRun {
  phase: PhaseRecord
  successPct: number
  check?: Check
}

export interface StressSection {
  mode: Mode
  title: string
  mockerLatencyMs: number
  durationS: number
  idleS: number
  minSuccessPct: number
  runs: StressRun[]
}

export const modeTitle = (mode: Mode): string => (mode === 'streaming' ? ' (streaming)' : '')

export function statusHeadline(status: RunRecord['status']): string {
  if (status === 'passed') return '✅ PASSED'
  if (status === 'failed') return '❌ FAILED'
  return '⚠️ ERROR'
}

const formatInterval = (interval: Interval | undefined): string =>
  interval && Number.isFinite(interval.low)
    ? `${formatUs(interval.low)} … ${formatUs(interval.high)}`
    : '—'

/** A statistic's overhead with its interval, e.g. "205.3 µs (95% CI 190.1 … 221.0 µs)". */
export function overheadWithInterval(row: OverheadRow, confidence: number): string {
  return row.interval
    ? `${formatUs(row.overheadUs)} (${Math.round(confidence * 100)}% CI ${formatInterval(row.interval)})`
    : formatUs(row.overheadUs)
}

export { formatInterval }

function verdictSentence(
  record: RunRecord,
  overhead: OverheadSection[],
  regression: RegressionSection[]
): string {
  if (record.failure) {
    return `Stopped${record.failure.phase ? ` during ${record.failure.phase}` : ''}: ${record.failure.message.split('\n')[0]}`
  }
  const failures = record.verdict.failures
  if (failures.length > 0) {
    const invalid = failures.filter((check) => check.category === 'validity')
    if (invalid.length > 0) {
      return `Measurement invalid: ${invalid.map(describeFailure).join('; ')}`
    }
    return failures.map(describeFailure).join('; ')
  }
  const compared = regression.map((section) => `${section.sentence}${modeTitle(section.mode)}`)
  if (compared.length > 0) {
    return `All ${record.verdict.checks.length} checks passed at ${record.config.rate} RPS: ${compared.join('; ')}.`
  }
  const headline = overhead
    .map((section) => {
      const p50 = section.rows.find((row) => row.key === 'p50')
      return p50
        ? `p50 overhead${modeTitle(section.mode)} ${overheadWithInterval(p50, section.estimate.confidence)}`
        : ''
    })
    .filter((text) => text !== '')
    .join(', ')
  return `All ${record.verdict.checks.length} checks passed at ${record.config.rate} RPS${headline ? `: ${headline}` : ''}.`
}

function overheadSection(
  record: RunRecord,
  estimate: OverheadEstimate
): OverheadSection | undefined {
  const calibration = record.phases.find((phase) => phase.id === estimate.calibrationPhaseId)
  const overhead = record.phases.find((phase) => phase.id === estimate.overheadPhaseId)
  if (!calibration || !overhead) return undefined
  const checks = new Map(record.verdict.checks.map((check) => [check.id, check]))
  const suffix = estimate.mode === 'streaming' ? '-streaming' : ''
  const checked = new Set<string>(CHECKED_STATS)
  const baseline = record.config.baseline
  const baselineUs = baseline?.overheadUs[estimate.mode]
  const telemetry = overheadTelemetrySentence(
    gatewayTelemetryOf(record.metrics, overhead.id),
    estimate.estimateUs.mean
  )
  return {
    mode: estimate.mode,
    title: `Overhead${modeTitle(estimate.mode)} at ${record.config.rate} RPS (mock provider latency ${record.config.overheadMockerLatencyMs} ms)`,
    measurement: record.config.measurement,
    rate: record.config.rate,
    durationS: record.config.overheadDurationS,
    mockerLatencyMs: record.config.overheadMockerLatencyMs,
    calibration,
    overhead,
    estimate,
    rows: STAT_COLUMNS.map(({ key, title }) => ({
      key,
      title,
      directNs: calibration.statistics.latencyNs[key],
      gatewayNs: overhead.statistics.latencyNs[key],
      overheadUs: estimate.estimateUs[key],
      interval: estimate.intervalUs?.[key],
      check: checked.has(key) ? checks.get(`overhead${suffix}-${key}`) : undefined,
      ...baselineColumns(estimate.estimateUs[key], baselineUs?.[key])
    })),
    ...(telemetry === undefined ? {} : { telemetry }),
    ...(baseline && baselineUs
      ? {
          baseline: {
            file: baseline.file,
            timestamp: baseline.timestamp,
            ...(baseline.rate === undefined ? {} : { rate: baseline.rate })
          }
        }
      : {})
  }
}

/**
 * The gateway's own mean overhead for the overhead phase (its `telemetry`) beside the mean
 * measured from outside (µs); undefined when the gateway exported no overhead histogram.
 */
export function overheadTelemetrySentence(
  telemetry: GatewayTelemetry | undefined,
  measuredMeanUs: number
): string | undefined {
  if (!telemetry) return undefined
  return `The gateway's own telemetry (${telemetry.metric}, GET /metrics) reports a mean overhead of ${formatUs(telemetry.meanUs)} over the ${telemetry.requests} requests it finished during this phase; measured from outside, the mean overhead is ${formatUs(measuredMeanUs)}. The gateway's figure leaves out what lies outside its own timer, such as reading and writing the HTTP exchange with the client.`
}

/**
 * Head's and base's own mean overheads for the measured attack (their telemetry), and their
 * difference beside the mean regression measured from outside (µs); undefined unless both
 * exported one.
 */
export function regressionTelemetrySentence(
  headTelemetry: GatewayTelemetry | undefined,
  baseTelemetry: GatewayTelemetry | undefined,
  measuredMeanUs: number
): string | undefined {
  if (!headTelemetry || !baseTelemetry) return undefined
  return `The gateways' own telemetry (${headTelemetry.metric}) reports a mean overhead of ${formatUs(headTelemetry.meanUs)} for head and ${formatUs(baseTelemetry.meanUs)} for base (over ${headTelemetry.requests} and ${baseTelemetry.requests} requests), a difference of ${formatUs(headTelemetry.meanUs - baseTelemetry.meanUs)}; measured from outside, the mean regression is ${formatUs(measuredMeanUs)}.`
}

/** A statistic's baseline and this run's difference from it, when the baseline has it. */
function baselineColumns(
  overheadUs: number,
  baselineUs: number | undefined
): Pick<OverheadRow, 'baselineUs' | 'vsBaselineUs'> {
  if (baselineUs === undefined || !Number.isFinite(overheadUs)) return {}
  return { baselineUs, vsBaselineUs: overheadUs - baselineUs }
}

/**
 * What the baseline column means, in a sentence: which run it is, and that it is
 * informative only.
 */
export function baselineNote(baseline: BaselineSource, currentRate: number): string {
  const rate =
    baseline.rate !== undefined && baseline.rate !== currentRate
      ? `, measured at ${baseline.rate} RPS (this run: ${currentRate})`
      : ''
  return `Baseline: the overhead of an earlier run (${baseline.timestamp}${rate}); "vs baseline" is this run's overhead minus it. Informative only: it was measured on another runner, on another day, and is not checked.`
}

function regressionSection(record: RunRecord, estimate: RegressionEstimate): RegressionSection {
  const checks = new Map(record.verdict.checks.map((check) => [check.id, check]))
  const head = record.evaluation.overhead.find((overhead) => overhead.mode === estimate.mode)
  const suffix = estimate.mode === 'streaming' ? '-streaming' : ''
  const telemetry = regressionTelemetrySentence(
    gatewayTelemetryOf(record.metrics, estimate.headPhaseId),
    gatewayTelemetryOf(record.metrics, estimate.basePhaseId),
    estimate.regressionUs.mean
  )
  return {
    mode: estimate.mode,
    title: `Head against ${estimate.baseRef ?? 'base'}${modeTitle(estimate.mode)} at ${record.config.rate} RPS`,
    estimate,
    sentence: regressionSentence(estimate, 'p50'),
    ...(telemetry === undefined ? {} : { telemetry }),
    rows: STAT_COLUMNS.map(({ key, title }) => ({
      key,
      title,
      baseUs: estimate.baseOverheadUs[key],
      baseInterval: estimate.baseIntervalUs?.[key],
      headUs: estimate.headOverheadUs[key],
      headInterval: head?.intervalUs?.[key],
      regressionUs: estimate.regressionUs[key],
      interval: estimate.intervalUs?.[key],
      check: checks.get(`regression${suffix}-${key}`)
    }))
  }
}

function stressSections(record: RunRecord): StressSection[] {
  const checks = new Map(record.verdict.checks.map((check) => [check.id, check]))
  const config = record.config
  return config.modes.flatMap((mode) => {
    const runs = record.phases.filter((phase) => phase.mode === mode && phase.role === 'stress')
    if (runs.length === 0) return []
    return [
      {
        mode,
        title: `Stress runs${modeTitle(mode)}`,
        mockerLatencyMs: config.stressMockerLatencyMs,
        durationS: config.stressDurationS,
        idleS: config.stressIdleS,
        minSuccessPct: config.minStressSuccessRatePct,
        runs: runs.map((phase) => ({
          phase,
          successPct: phase.statistics.successRatio * 100,
          check: checks.get(`${phase.id}-success-rate`)
        }))
      }
    ]
  })
}

function methodLines(record: RunRecord, overhead: OverheadSection[]): string[] {
  const config = record.config
  const lines = [
    config.measurement === 'interleaved'
      ? '**Interleaved measurement**: calibration (vegeta → mock provider) and overhead (vegeta → gateway → mock provider) run as one vegeta attack whose requests alternate between the two targets, each at the configured rate, so a slow spell of the machine weighs on both alike. Overhead = through the gateway − direct, statistic by statistic.'
      : "**Sequential measurement** (the seed's method): calibration (vegeta → mock provider), then overhead (vegeta → gateway → mock provider), at the same rate and duration. Overhead = through the gateway − direct, statistic by statistic.",
    config.warmupDurationS > 0
      ? `**Warm-up**: ${config.warmupDurationS}s at the same rate against every target before each overhead measurement, so connections are open and caches warm; recorded, but not in the statistics.`
      : '**No warm-up** (warmup-duration 0): the first requests open connections and may carry start-up costs.',
    `**Valid responses only**: a request succeeds with a 2xx status and a chat completion body (JSON with choices; for streaming, server-sent events ending with data: [DONE]); failed requests are counted apart and left out of the latencies.`,
    "**Exact statistics** from every successful request (nearest rank), not vegeta's estimates.",
    ...overhead
      .slice(0, 1)
      .map((section) => `**Uncertainty**: ${section.estimate.intervalMethod}.`),
    `**Load checks**: each measured phase must reach ${config.minAchievedRatePct}% of its configured rate without vegeta running out of workers (max-workers ${config.maxWorkers}); otherwise requests wait inside vegeta, unseen in the latencies (coordinated omission). The direct requests' p50 may exceed the mock provider's latency by at most ${config.maxCalibrationExcessUs} µs; beyond that the runner could not keep up.`,
    `**Limits**: mean ≤ ${config.maxOverheadUs.mean} µs, p50 ≤ ${config.maxOverheadUs.p50} µs, p90 ≤ ${config.maxOverheadUs.p90} µs, p95 ≤ ${config.maxOverheadUs.p95} µs, p99 ≤ ${config.maxOverheadUs.p99} µs, compared with the estimates; min, p99.9 and max rest on a few requests each and are reported, not checked. An overhead whose interval lies wholly below zero marks the measurement unreliable.`,
    '**Restart** of the mock provider and the gateway before the stress runs, so pooled connections from the overhead phases cannot affect them; the mock provider then closes idle connections before each idle period ends.'
  ]
  return lines
}

/** The summary of a record; see RunSummary. */
export function buildSummary(record: RunRecord): RunSummary {
  const overhead = record.evaluation.overhead
    .map((estimate) => overheadSection(record, estimate))
    .filter((section): section is OverheadSection => section !== undefined)
  const regression = record.evaluation.regression.map((estimate) =>
    regressionSection(record, estimate)
  )
  return {
    status: record.status,
    headline: statusHeadline(record.status),
    verdictSentence: verdictSentence(record, overhead, regression),
    failure: record.failure,
    overhead,
    regression,
    stress: stressSections(record),
    validity: record.verdict.checks.filter((check) => check.category === 'validity'),
    failures: record.verdict.failures.map(describeFailure),
    warnings: record.verdict.warnings,
    invalidResponses: record.phases.flatMap((phase) =>
      phase.statistics.invalidResponse
        ? [{ phaseLabel: phase.label, example: phase.statistics.invalidResponse }]
        : []
    ),
    metrics: {
      headline: metricTables(record.metrics, ['headline'], record.verdict.checks),
      details: metricTables(record.metrics, ['details'], record.verdict.checks)
    },
    method: methodLines(record, overhead)
  }
}

/** The attack a phase belonged to. */
export function attackOf(record: RunRecord, phase: PhaseRecord): AttackRecord | undefined {
  return record.attacks.find((attack) => attack.id === phase.attackId)
}
