/** Exact latency statistics over every request of a phase, in nanoseconds. */
export interface LatencyStatsNs {
  min: number
  mean: number
  p50: number
  p90: number
  p95: number
  p99: number
  p999: number
  max: number
}

export const LATENCY_STAT_KEYS = ['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const
export type LatencyStatKey = (typeof LATENCY_STAT_KEYS)[number]

export interface HistogramBucket {
  /** Inclusive lower and exclusive upper bound in ns (the last bucket includes its upper bound). */
  lowerNs: number
  upperNs: number
  count: number
}

export interface ErrorCount {
  error: string
  count: number
}

/** Everything measured from one vegeta results file. */
export interface PhaseStatistics {
  requests: number
  /** Requests with a status code in 200..399, as vegeta counts success. */
  successes: number
  /** successes / requests, 0..1 (0 when there were no requests). */
  successRatio: number
  /** Status code (as a string, "0" for no response) → count. */
  statusCodes: Record<string, number>
  /** The most frequent error strings, most frequent first. */
  topErrors: ErrorCount[]
  /** Seconds between the first and the last request sent. */
  attackSpanS: number
  /** Requests sent per second: (requests - 1) / attackSpanS. */
  achievedRate: number
  latencyNs: LatencyStatsNs
  histogram: HistogramBucket[]
}
