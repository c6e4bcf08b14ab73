/**
 * What a Go gateway's runtime reports about its memory work, read from its Prometheus
 * endpoint around a measured attack: bytes and heap objects allocated, and GC cycles, per
 * request. Bifrost serves Prometheus' Go collector at `GET /metrics` beside its own metrics
 * (plugins/telemetry); the collector's counters are cumulative since the process started, so
 * the difference of two readings covers exactly the requests answered in between.
 */

import { fetchMetricsText, parseSampleTotals } from './gateway-telemetry.js'

/** The counters read, by the names the Go collector exports them under. */
export const GO_RUNTIME_COUNTERS = {
  /** Bytes allocated for heap objects since start (`/gc/heap/allocs:bytes`). */
  allocBytes: 'go_memstats_alloc_bytes_total',
  /** Heap objects allocated since start (`/gc/heap/allocs:objects` + tiny allocations). */
  mallocs: 'go_memstats_mallocs_total',
  /** Completed GC cycles: the count of the `go_gc_duration_seconds` summary. */
  gcCycles: 'go_gc_duration_seconds_count'
} as const

export type GoRuntimeCounter = keyof typeof GO_RUNTIME_COUNTERS

/** One reading: each counter's value; a counter the gateway does not export is absent. */
export type GoRuntimeCounters = Partial<Record<GoRuntimeCounter, number>>

/** Why a counter's difference between two readings is not used. */
export type UnusableReason = 'missing' | 'reset' | 'no-requests'

/** A per-request figure, or why there is none. */
export type CounterFigure =
  | { value: number }
  | {
      unusable: UnusableReason
      /** In a sentence, naming the counter and the offending values. */
      reason: string
    }

/** The Go runtime's work for the requests answered between two readings. */
export interface GoRuntimeCost {
  requests: number
  allocBytesPerRequest: CounterFigure
  mallocsPerRequest: CounterFigure
  gcCyclesPer1000Requests: CounterFigure
}

/**
 * The counters found in a /metrics body (Prometheus text format, each summed over its label
 * sets). A counter that is absent or not a finite number is left out, so a gateway that is
 * not written in Go, or does not export the collector, gives {}.
 */
export function parseGoRuntimeCounters(text: string): GoRuntimeCounters {
  const names = Object.values(GO_RUNTIME_COUNTERS)
  const totals = parseSampleTotals(text, names)
  const counters: GoRuntimeCounters = {}
  for (const [key, name] of Object.entries(GO_RUNTIME_COUNTERS) as [GoRuntimeCounter, string][]) {
    const value = totals.get(name)
    if (value !== undefined && Number.isFinite(value)) counters[key] = value
  }
  return counters
}

/**
 * Reads the counters at `${baseUrl}/metrics`. Never throws: undefined when the endpoint
 * cannot be read (see fetchMetricsText), {} when it has none of them.
 */
export async function readGoRuntimeCounters(
  baseUrl: string,
  timeoutMs = 2000
): Promise<GoRuntimeCounters | undefined> {
  const text = await fetchMetricsText(baseUrl, timeoutMs)
  return text === undefined ? undefined : parseGoRuntimeCounters(text)
}

/**
 * How much counter `key` grew from `before` to `after` (two readings of one process), or
 * why that is not used: it is missing from either reading, or it went backwards (the
 * process restarted or reset its metrics between the readings, so the difference would
 * count the wrong requests).
 */
export function counterDelta(
  key: GoRuntimeCounter,
  before: GoRuntimeCounters | undefined,
  after: GoRuntimeCounters | undefined
): { delta: number } | { unusable: UnusableReason; reason: string } {
  const name = GO_RUNTIME_COUNTERS[key]
  const earlier = before?.[key]
  const later = after?.[key]
  if (earlier === undefined || later === undefined) {
    const where =
      earlier === undefined && later === undefined
        ? 'either reading'
        : earlier === undefined
          ? 'the reading before'
          : 'the reading after'
    return {
      unusable: 'missing',
      reason: `${name} is missing from ${where} of the gateway's /metrics`
    }
  }
  if (later < earlier) {
    return {
      unusable: 'reset',
      reason: `${name} went back from ${earlier} to ${later} between the readings: the gateway restarted or reset its metrics, so the difference is not used`
    }
  }
  return { delta: later - earlier }
}

/**
 * Bytes and heap objects allocated per request, and GC cycles per 1000 requests, for the
 * `requests` answered between `before` and `after`; each figure says why when it cannot be
 * given (see counterDelta; no request answered). Throws a RangeError when `requests` is not
 * an integer ≥ 0.
 */
export function goRuntimeCost(
  before: GoRuntimeCounters | undefined,
  after: GoRuntimeCounters | undefined,
  requests: number
): GoRuntimeCost {
  if (!Number.isInteger(requests) || requests < 0) {
    throw new RangeError(`requests must be an integer ≥ 0, got ${requests}`)
  }
  const perRequest = (key: GoRuntimeCounter, scale: number): CounterFigure => {
    const found = counterDelta(key, before, after)
    if (!('delta' in found)) return found
    if (requests === 0) {
      return {
        unusable: 'no-requests',
        reason: `no request was answered between the readings of ${GO_RUNTIME_COUNTERS[key]}`
      }
    }
    return { value: (found.delta * scale) / requests }
  }
  return {
    requests,
    allocBytesPerRequest: perRequest('allocBytes', 1),
    mallocsPerRequest: perRequest('mallocs', 1),
    gcCyclesPer1000Requests: perRequest('gcCycles', 1000)
  }
}
