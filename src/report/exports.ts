import type { Interval } from '../analysis/interval.js'
import type { RunSummary } from './summary.js'
import { buildSummary } from './summary.js'
import type { RunRecord } from '../record.js'
import { exportedMetrics } from './metric-rows.js'

export const BENCHER_FILE = 'bencher.json'
export const BENCHMARK_ACTION_FILE = 'benchmark-action.json'

/** One metric of Bencher Metric Format: value with optional bounds, in the measure's unit. */
export interface BencherMetric {
  value: number
  lower_value?: number
  upper_value?: number
}

/** Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format): benchmark → measure → metric. */
export type BencherMetricFormat = Record<string, Record<string, BencherMetric>>

/**
 * github-action-benchmark's `customSmallerIsBetter` input: a list of named values, smaller
 * is better (https://github.com/benchmark-action/github-action-benchmark, "Examples").
 */
export interface BenchmarkActionEntry {
  name: string
  unit: string
  value: number
  range?: string
  extra?: string
}

const modeName = (mode: string): string => (mode === 'streaming' ? ' (streaming)' : '')
const round3 = (value: number): number => Math.round(value * 1000) / 1000

/** Every overhead (and regression) statistic of a run, with its interval where it has one. */
function figures(summary: RunSummary): { name: string; valueUs: number; interval?: Interval }[] {
  const rows = summary.overhead.flatMap((section) =>
    section.rows.map((row) => ({
      name: `gateway overhead${modeName(section.mode)}/${row.title.toLowerCase()}`,
      valueUs: row.overheadUs,
      interval: row.interval
    }))
  )
  const regression = summary.regression.flatMap((section) =>
    section.rows.map((row) => ({
      name: `regression head − base${modeName(section.mode)}/${row.title.toLowerCase()}`,
      valueUs: row.regressionUs,
      interval: row.interval
    }))
  )
  return [...rows, ...regression].filter((figure) => Number.isFinite(figure.valueUs))
}

/** A metric of Bencher Metric Format: the value, and the interval as lower and upper values. */
function bencherMetric(value: number, interval: Interval | undefined, scale = 1): BencherMetric {
  const bounds = interval && Number.isFinite(interval.low) ? interval : undefined
  return {
    value: round3(value * scale),
    ...(bounds
      ? { lower_value: round3(bounds.low * scale), upper_value: round3(bounds.high * scale) }
      : {})
  }
}

/**
 * bencher.json: each statistic of the overhead as a Benchmark with Bencher's built-in
 * `latency` Measure, in nanoseconds as that Measure is, the interval as lower and upper
 * values; and each `headline` metric row of the probes (report/metric-rows.ts) under its
 * own Measure (its metric slug, which Bencher creates when new), in the row's unit. Empty
 * when nothing was measured.
 */
export function bencherMetrics(
  record: RunRecord,
  summary: RunSummary = buildSummary(record)
): BencherMetricFormat {
  const metrics: BencherMetricFormat = {}
  for (const figure of figures(summary)) {
    metrics[figure.name] = { latency: bencherMetric(figure.valueUs, figure.interval, 1000) }
  }
  for (const figure of exportedMetrics(record.metrics)) {
    metrics[figure.name] = {
      ...metrics[figure.name],
      [figure.measure]: bencherMetric(figure.value, figure.interval)
    }
  }
  return metrics
}

/**
 * benchmark-action.json: the same statistics for github-action-benchmark's
 * `tool: customSmallerIsBetter`, in µs, the interval as the range; and the `headline`
 * metric rows whose higher values are worse (the only ones "smaller is better" fits), in
 * their own units.
 */
export function benchmarkActionEntries(
  record: RunRecord,
  summary: RunSummary = buildSummary(record)
): BenchmarkActionEntry[] {
  const entry = (
    name: string,
    unit: string,
    value: number,
    interval: Interval | undefined
  ): BenchmarkActionEntry => {
    const bounds = interval && Number.isFinite(interval.low) ? interval : undefined
    return {
      name,
      unit,
      value: round3(value),
      ...(bounds
        ? {
            range: `${round3(bounds.low)} … ${round3(bounds.high)}`,
            extra: `95% confidence interval; ${record.config.rate} RPS, mock provider latency ${record.config.overheadMockerLatencyMs} ms`
          }
        : {})
    }
  }
  return [
    ...figures(summary).map((figure) => entry(figure.name, 'µs', figure.valueUs, figure.interval)),
    ...exportedMetrics(record.metrics)
      .filter((figure) => figure.worse === 'higher')
      .map((figure) => entry(figure.name, figure.unit, figure.value, figure.interval))
  ]
}
