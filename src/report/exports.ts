import type { Interval } from '../analysis/interval.js'
import type { RunSummary } from './summary.js'
import { buildSummary } from './summary.js'
import type { RunRecord } from '../record.js'

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

/**
 * bencher.json: each statistic of the overhead as a Benchmark with Bencher's built-in
 * `latency` Measure, in nanoseconds as that Measure is, the interval as lower and upper
 * values. Empty when nothing was measured.
 */
export function bencherMetrics(
  record: RunRecord,
  summary: RunSummary = buildSummary(record)
): BencherMetricFormat {
  const metrics: BencherMetricFormat = {}
  for (const figure of figures(summary)) {
    const interval =
      figure.interval && Number.isFinite(figure.interval.low) ? figure.interval : undefined
    metrics[figure.name] = {
      latency: {
        value: round3(figure.valueUs * 1000),
        ...(interval
          ? { lower_value: round3(interval.low * 1000), upper_value: round3(interval.high * 1000) }
          : {})
      }
    }
  }
  return metrics
}

/**
 * benchmark-action.json: the same statistics for github-action-benchmark's
 * `tool: customSmallerIsBetter`, in µs, the interval as the range.
 */
export function benchmarkActionEntries(
  record: RunRecord,
  summary: RunSummary = buildSummary(record)
): BenchmarkActionEntry[] {
  return figures(summary).map((figure) => {
    const interval =
      figure.interval && Number.isFinite(figure.interval.low) ? figure.interval : undefined
    return {
      name: figure.name,
      unit: 'µs',
      value: round3(figure.valueUs),
      ...(interval
        ? {
            range: `${round3(interval.low)} … ${round3(interval.high)}`,
            extra: `95% confidence interval; ${record.config.rate} RPS, mock provider latency ${record.config.overheadMockerLatencyMs} ms`
          }
        : {})
    }
  })
}
