import { expectedInFlight } from '../load/sizing.js'
import type { Mode } from '../config/types.js'
import type { Interval } from '../analysis/interval.js'
import type { LatencyStatsNs } from '../load/types.js'
import { processStatsSummaries } from '../engine/probes/process-stats.js'
import { gatewayTelemetryOf } from '../engine/probes/telemetry.js'
import type { AttackRecord, MetricFigure, MetricRow, PhaseRecord, RunRecord } from '../record.js'
import type { ProcessStatsSummary } from '../services/proc-stats.js'
import { publicConfig } from './redact.js'
import {
  buildSummary,
  type OverheadSection,
  type RegressionSection,
  type RunSummary,
  type StressSection
} from './summary.js'

/** 2: intervals, modes, attacks, valid-response counts; the seed's keys keep their meaning. */
export const SCHEMA_VERSION = 2

const round2 = (value: number): number => Math.round(value * 100) / 100
const nsToUs = (ns: number): number => round2(ns / 1000)

function latencyUs(latencyNs: LatencyStatsNs): Record<keyof LatencyStatsNs, number> {
  return {
    min: nsToUs(latencyNs.min),
    mean: nsToUs(latencyNs.mean),
    p50: nsToUs(latencyNs.p50),
    p90: nsToUs(latencyNs.p90),
    p95: nsToUs(latencyNs.p95),
    p99: nsToUs(latencyNs.p99),
    p999: nsToUs(latencyNs.p999),
    max: nsToUs(latencyNs.max)
  }
}

function phaseJson(phase: PhaseRecord, metrics: readonly MetricRow[]) {
  const stats = phase.statistics
  const telemetry = gatewayTelemetryOf(metrics, phase.id)
  return {
    id: phase.id,
    label: phase.label,
    role: phase.role,
    mode: phase.mode,
    target: phase.target,
    attack: phase.attackId,
    url: phase.url,
    configured_rate: phase.configuredRate,
    actual_rate: round2(stats.achievedRate),
    duration: phase.durationS,
    mocker_latency_ms: phase.mockerLatencyMs,
    timeout_s: phase.timeoutS,
    started_at: phase.startedAt,
    wall_s: round2(phase.wallS),
    requests: stats.requests,
    successes: stats.successes,
    success_rate: round2(stats.successRatio * 100),
    status_codes: stats.statusCodes,
    top_errors: stats.topErrors,
    invalid_response: stats.invalidResponse
      ? {
          reason: stats.invalidResponse.reason,
          status_code: stats.invalidResponse.statusCode,
          body: stats.invalidResponse.body
        }
      : null,
    latency_us: latencyUs(stats.latencyNs),
    gateway_telemetry: telemetry
      ? {
          metric: telemetry.metric,
          requests: telemetry.requests,
          mean_us: round2(telemetry.meanUs)
        }
      : null,
    histogram: stats.histogram.map((bucket) => ({
      lower_us: nsToUs(bucket.lowerNs),
      upper_us: nsToUs(bucket.upperNs),
      count: bucket.count
    }))
  }
}

function attackJson(attack: AttackRecord) {
  return {
    id: attack.id,
    label: attack.label,
    purpose: attack.purpose,
    mode: attack.mode,
    targets: attack.targets,
    configured_rate: attack.configuredRate,
    actual_rate: round2(attack.statistics.achievedRate),
    requests: attack.statistics.requests,
    peak_in_flight: attack.statistics.peakInFlight,
    workers: attack.workers,
    max_workers: attack.maxWorkers,
    duration: attack.durationS,
    mocker_latency_ms: attack.mockerLatencyMs,
    timeout_s: attack.timeoutS,
    started_at: attack.startedAt,
    wall_s: round2(attack.wallS),
    statistics_lag_s: round2(attack.statisticsLagS),
    cut_short: attack.cutShort,
    results_file: attack.resultsFile
  }
}

function processStatsJson(summary: ProcessStatsSummary | undefined) {
  if (summary === undefined) return null
  return {
    cpu_avg_pct: round2(summary.cpuAvgPct),
    cpu_peak_pct: round2(summary.cpuPeakPct),
    rss_avg_mb: round2(summary.rssAvgMb),
    rss_peak_mb: round2(summary.rssPeakMb),
    samples: summary.samples
  }
}

/** A probe's figure to 6 significant digits: its scale is the probe's, not known here. */
const significant6 = (value: number): number => Number(value.toPrecision(6))

const figureJson = (figure: MetricFigure) => ({
  value: significant6(figure.value),
  interval:
    figure.interval && Number.isFinite(figure.interval.low) && Number.isFinite(figure.interval.high)
      ? { low: significant6(figure.interval.low), high: significant6(figure.interval.high) }
      : null
})

const optionalFigureJson = (figure: MetricFigure | undefined) =>
  figure ? figureJson(figure) : null

/** A probe's row as it is: every report can render it again (the PR comment does). */
function metricJson(row: MetricRow) {
  return {
    id: row.id,
    probe: row.probe,
    metric: row.metric,
    label: row.label,
    group: row.group,
    unit: row.unit,
    ...figureJson(row),
    worse: row.worse,
    target: row.target ?? null,
    phase: row.phase,
    mode: row.mode ?? null,
    base: optionalFigureJson(row.base),
    regression: optionalFigureJson(row.regression),
    regression_pct: optionalFigureJson(row.regressionPct),
    requests: row.requests ?? null,
    source: row.source ?? null,
    decimals: row.decimals ?? null,
    shown: row.shown
  }
}

const intervalJson = (interval: Interval | undefined) =>
  interval && Number.isFinite(interval.low)
    ? { low: round2(interval.low), high: round2(interval.high) }
    : null

/** The seed's overhead object for one mode, plus its intervals and how they were made. */
function overheadJson(section: OverheadSection, record: RunRecord) {
  const config = record.config
  const stats = section.overhead.statistics
  return {
    configured_rate: config.rate,
    actual_rate: round2(stats.achievedRate),
    duration: config.overheadDurationS,
    concurrent: expectedInFlight(config.rate, config.overheadMockerLatencyMs),
    success_rate: round2(stats.successRatio * 100),
    latency_us: Object.fromEntries(section.rows.map((row) => [row.key, round2(row.overheadUs)])),
    interval_us: Object.fromEntries(
      section.rows.map((row) => [row.key, intervalJson(row.interval)])
    ),
    confidence: section.estimate.confidence,
    interval_method: section.estimate.intervalMethod,
    measurement: section.measurement,
    calibration_phase: section.calibration.id,
    overhead_phase: section.overhead.id
  }
}

/** Head against base for one mode: regression, both overheads, intervals and limits. */
function regressionJson(section: RegressionSection) {
  const byStat = <T>(value: (row: RegressionSection['rows'][number]) => T) =>
    Object.fromEntries(section.rows.map((row) => [row.key, value(row)]))
  return {
    latency_us: byStat((row) => round2(row.regressionUs)),
    interval_us: byStat((row) => intervalJson(row.interval)),
    limit_us: Object.fromEntries(
      section.rows.flatMap((row) => (row.check ? [[row.key, round2(row.check.limit)]] : []))
    ),
    base_overhead_us: byStat((row) => round2(row.baseUs)),
    base_interval_us: byStat((row) => intervalJson(row.baseInterval)),
    head_overhead_us: byStat((row) => round2(row.headUs)),
    sentence: section.sentence,
    confidence: section.estimate.confidence,
    interval_method: section.estimate.intervalMethod,
    base_phase: section.estimate.basePhaseId,
    head_phase: section.estimate.headPhaseId
  }
}

/**
 * The baseline (baseline-results) beside this run: its overhead and this run's difference
 * per statistic, for non-streaming under the top level and for streaming under `streaming`;
 * difference_us is null for a mode this run did not measure. Informative only.
 */
function baselineJson(record: RunRecord, summary: RunSummary) {
  const baseline = record.config.baseline
  if (!baseline) return null
  const ofMode = (mode: Mode) => {
    const overheadUs = baseline.overheadUs[mode]
    if (!overheadUs) return undefined
    const section = summary.overhead.find((candidate) => candidate.mode === mode)
    const rows = section?.rows.filter((row) => row.vsBaselineUs !== undefined) ?? []
    return {
      overhead_us: Object.fromEntries(
        Object.entries(overheadUs).map(([key, value]) => [key, round2(value)])
      ),
      difference_us:
        rows.length > 0
          ? Object.fromEntries(rows.map((row) => [row.key, round2(row.vsBaselineUs as number)]))
          : null
    }
  }
  const plain = ofMode('non-streaming')
  const streaming = ofMode('streaming')
  return {
    file: baseline.file,
    timestamp: baseline.timestamp,
    rate: baseline.rate ?? null,
    ...(plain ?? { overhead_us: null, difference_us: null }),
    ...(streaming ? { streaming } : {})
  }
}

/** The seed's stress object for one mode: the last run's success rate, and every run. */
function stressJson(section: StressSection, record: RunRecord) {
  const last = section.runs.at(-1)
  return {
    rate: record.config.rate,
    duration: section.durationS,
    mocker_latency_ms: section.mockerLatencyMs,
    // The seed reports the last stress run's success rate; every run is listed below.
    success_rate: last ? round2(last.successPct) : null,
    min_success_rate: round2(Math.min(...section.runs.map((run) => run.successPct))),
    runs: section.runs.map((run) => ({
      id: run.phase.id,
      success_rate: round2(run.successPct),
      actual_rate: round2(run.phase.statistics.achievedRate)
    }))
  }
}

/** Seed keys for non-streaming figures, with streaming ones beside them under `streaming`. */
function byMode<T, S extends { mode: Mode }>(
  sections: S[],
  render: (section: S) => T
): (Partial<T> & { streaming?: T }) | null {
  const plain = sections.find((section) => section.mode === 'non-streaming')
  const streaming = sections.find((section) => section.mode === 'streaming')
  if (!plain && !streaming) return null
  if (!plain) return { streaming: render(streaming as S) } as Partial<T> & { streaming: T }
  return { ...render(plain), ...(streaming ? { streaming: render(streaming) } : {}) }
}

/** The seed's process_stats: overhead and stress (null when not sampled), then any other period. */
function processStatsByPeriodJson(metrics: readonly MetricRow[]) {
  const byPeriod = processStatsSummaries(metrics)
  return {
    overhead: processStatsJson(byPeriod.overhead),
    stress: processStatsJson(byPeriod.stress),
    ...Object.fromEntries(
      Object.entries(byPeriod)
        .filter(([period]) => period !== 'overhead' && period !== 'stress')
        .map(([period, stats]) => [period, processStatsJson(stats)])
    )
  }
}

/**
 * load-test-results.json: the seed's keys (overhead, stress, process_stats, timestamp) with
 * the same meaning — the non-streaming figures — plus `streaming` beside them, intervals,
 * schema_version, the resolved config, every attack and phase, the probes' metric rows, and
 * the verdict.
 */
export function buildResultsJson(record: RunRecord, summary: RunSummary = buildSummary(record)) {
  return {
    schema_version: SCHEMA_VERSION,
    status: record.status,
    timestamp: record.finishedAt,
    started_at: record.startedAt,
    overhead: byMode(summary.overhead, (section) => overheadJson(section, record)),
    regression: byMode(summary.regression, regressionJson),
    stress: byMode(summary.stress, (section) => stressJson(section, record)),
    baseline: baselineJson(record, summary),
    process_stats: processStatsByPeriodJson(record.metrics),
    metrics: record.metrics.map(metricJson),
    attacks: record.attacks.map(attackJson),
    phases: record.phases.map((phase) => phaseJson(phase, record.metrics)),
    verdict: {
      passed: record.verdict.passed,
      sentence: summary.verdictSentence,
      failures: record.verdict.failures.map((check) => ({
        check: check.id,
        label: check.label,
        category: check.category,
        value: round2(check.value),
        limit: check.limit,
        unit: check.unit,
        detail: check.detail ?? null
      })),
      checks: record.verdict.checks.map((check) => ({
        check: check.id,
        category: check.category,
        mode: check.mode ?? null,
        value: round2(check.value),
        limit: check.limit,
        unit: check.unit,
        bound: check.bound,
        passed: check.passed
      })),
      warnings: record.verdict.warnings
    },
    error: record.failure
      ? {
          kind: record.failure.kind,
          message: record.failure.message,
          phase: record.failure.phase ?? null,
          log_file: record.failure.logFile ?? null,
          log_tail: record.failure.logTail ?? null
        }
      : null,
    tools: record.tools,
    processes: record.processes.map((process) => ({
      name: process.name,
      pid: process.pid,
      log_file: process.logFile,
      ended: process.ended
    })),
    ports: record.ports,
    config: publicConfig(record.config)
  }
}

export type ResultsJson = ReturnType<typeof buildResultsJson>
