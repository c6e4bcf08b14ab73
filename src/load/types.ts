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

/** What a phase's requests are for: the phases of one attack split it by target. */
export type PhaseRole = 'warmup' | 'calibration' | 'overhead' | 'base-overhead' | 'stress'

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

/**
 * The first answer that was not a valid chat completion, for the report: a non-2xx status,
 * whose body holds the gateway's own words on what went wrong, or a 2xx whose body is not a
 * completion.
 */
export interface InvalidResponseExample {
  /** e.g. "the status is 400 Bad Request, not 2xx", "the body is an error object: …". */
  reason: string
  statusCode: number
  /** The start of the body (at most 600 characters), with secrets replaced; '' for none. */
  body: string
}

/** What one target of an attack measured. Failed requests are counted, never timed. */
export interface PhaseStatistics {
  /** Every request sent to this target. */
  requests: number
  /** Valid answers: a 2xx status and a chat completion body (see load/validity.ts). */
  successes: number
  /** successes / requests, 0..1 (0 when there were no requests). */
  successRatio: number
  /** Status code (as a string, "0" for no response) → count. */
  statusCodes: Record<string, number>
  /** The most frequent reasons for failure (transport errors, statuses, invalid bodies). */
  topErrors: ErrorCount[]
  /** The first answer (non-2xx, or 2xx without a completion) that was not valid, if any. */
  invalidResponse?: InvalidResponseExample
  /** Seconds between the first and the last request sent to this target. */
  attackSpanS: number
  /** Requests sent per second: (requests - 1) / attackSpanS; 0 with fewer than 2 requests. */
  achievedRate: number
  /** Over successful requests only; all 0 when none succeeded. */
  latencyNs: LatencyStatsNs
  histogram: HistogramBucket[]
}

/**
 * The raw latencies of a target's successful requests, for confidence intervals: kept in
 * memory only (8 bytes a value), never written to the results.
 */
export interface TargetSamples {
  /** When each request was sent, in ns after the attack's first request. */
  sendOffsetsNs: Float64Array
  latenciesNs: Float64Array
}

/** What one vegeta attack measured as a whole, all targets together. */
export interface AttackStatistics {
  requests: number
  /** Seconds between the first and the last request sent. */
  attackSpanS: number
  /** All requests sent per second: (requests - 1) / attackSpanS; 0 with fewer than 2. */
  achievedRate: number
  /** The most requests in flight at once (a request is in flight from its send to its result). */
  peakInFlight: number
}
