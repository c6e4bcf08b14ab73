/**
 * The gateway's own account of its overhead, read from its Prometheus endpoint: bifrost
 * (2.0 and later, telemetry plugin, on by default) exports the histogram
 * `bifrost_overhead_latency_microseconds`, "total request time minus time blocked on upstream
 * provider sockets" (bifrost's changelog, #6345), at `GET /metrics` on its API port. Read
 * just before and just after a measured attack, its `_sum` and `_count` give the mean the
 * gateway reports for that attack's requests: a cross-check of the overhead measured from
 * outside, and of what a change adds inside the process.
 */

import { setTimeout as sleep } from 'node:timers/promises'

/** The histogram bifrost exports for its overhead, in microseconds. */
export const OVERHEAD_HISTOGRAM = 'bifrost_overhead_latency_microseconds'

/** A histogram's running totals, summed over all its label sets. */
export interface HistogramTotals {
  /** `<name>_sum`, in the histogram's unit (µs for OVERHEAD_HISTOGRAM). */
  sumUs: number
  /** `<name>_count`: observations so far. */
  count: number
}

/** What the gateway reported about the requests it finished between two readings. */
export interface GatewayTelemetry {
  metric: string
  /** Observations between the readings: requests the gateway finished. */
  requests: number
  /** Mean of those observations, µs. */
  meanUs: number
}

const SAMPLE_LINE = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{[^}]*\})?\s+(\S+)/

/**
 * Each sample named in `names`, summed over its label sets, from Prometheus' text exposition
 * format (version 0.0.4); comments and other samples are skipped. A name that is absent is
 * absent from the map; one with a value that is not a finite number maps to NaN.
 */
export function parseSampleTotals(text: string, names: readonly string[]): Map<string, number> {
  const wanted = new Set(names)
  const totals = new Map<string, number>()
  for (const line of text.split('\n')) {
    const match = SAMPLE_LINE.exec(line.trim())
    if (!match) continue
    const [, sample, , rawValue] = match
    if (sample === undefined || !wanted.has(sample)) continue
    const value = Number(rawValue)
    totals.set(sample, (totals.get(sample) ?? 0) + (Number.isFinite(value) ? value : Number.NaN))
  }
  return totals
}

/**
 * Totals of histogram `name` in Prometheus' text exposition format (version 0.0.4): the
 * `<name>_sum` and `<name>_count` samples, each summed over label sets. Comments and other
 * metrics are skipped. Returns undefined when either sample is missing or not a finite number.
 */
export function parseHistogramTotals(text: string, name: string): HistogramTotals | undefined {
  const totals = parseSampleTotals(text, [`${name}_sum`, `${name}_count`])
  const sumUs = totals.get(`${name}_sum`)
  const count = totals.get(`${name}_count`)
  if (sumUs === undefined || count === undefined) return undefined
  return Number.isFinite(sumUs) && Number.isFinite(count) ? { sumUs, count } : undefined
}

/**
 * The mean over the observations made between `before` and `after` (two readings of the same
 * process). Undefined when either reading is missing, no request finished in between, or a
 * counter went backwards (the process restarted or reset its metrics).
 */
export function telemetryBetween(
  before: HistogramTotals | undefined,
  after: HistogramTotals | undefined,
  metric: string = OVERHEAD_HISTOGRAM
): GatewayTelemetry | undefined {
  if (!before || !after) return undefined
  const requests = after.count - before.count
  const sumUs = after.sumUs - before.sumUs
  if (requests <= 0 || sumUs < 0) return undefined
  return { metric, requests, meanUs: sumUs / requests }
}

/**
 * The body of `GET ${baseUrl}/metrics` (baseUrl: scheme, host and port, no trailing slash).
 * Never throws: undefined for a status other than 2xx, any network error, or a reply slower
 * than `timeoutMs`.
 */
export async function fetchMetricsText(
  baseUrl: string,
  timeoutMs = 2000
): Promise<string | undefined> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) })
    if (!response.ok) {
      await response.body?.cancel()
      return undefined
    }
    return await response.text()
  } catch {
    return undefined
  }
}

/**
 * Reads OVERHEAD_HISTOGRAM from `${baseUrl}/metrics`. Never throws: a gateway without the
 * endpoint or the histogram (most OpenAI-compatible gateways, bifrost before 2.0) yields
 * undefined, and so does any network error or a reply slower than `timeoutMs`.
 */
export async function readOverheadTotals(
  baseUrl: string,
  timeoutMs = 2000
): Promise<HistogramTotals | undefined> {
  const text = await fetchMetricsText(baseUrl, timeoutMs)
  return text === undefined ? undefined : parseHistogramTotals(text, OVERHEAD_HISTOGRAM)
}

/** How a reading waits for the gateway to count its requests. */
export interface SettleOptions {
  /** Longest wait, counted from before the first reading, ms. */
  settleMs?: number
  /** Pause between readings, ms. */
  pollMs?: number
  /** Timeout of each reading, ms. */
  timeoutMs?: number
}

/**
 * Reads OVERHEAD_HISTOGRAM at `baseUrl`, again every `pollMs` until its count reaches
 * `answered` (the chat requests the gateway has answered since it started), or `settleMs` has
 * passed. Why: a gateway may count a request only after its response is on the wire (bifrost
 * derives the histogram from the request's root span, closed in the HTTP transport's hooks),
 * so a reading just after an attack can miss its last requests, and one just before the
 * next can miss the warm-up's, which would then be credited to the measured attack. Returns
 * the last reading: short of `answered` when the gateway never counts some (a request it
 * refused before its core), undefined when unreadable. Never throws.
 */
export async function readOverheadTotalsCovering(
  baseUrl: string,
  answered: number,
  { settleMs = 1000, pollMs = 25, timeoutMs = 2000 }: SettleOptions = {}
): Promise<HistogramTotals | undefined> {
  const deadline = Date.now() + settleMs
  for (;;) {
    const totals = await readOverheadTotals(baseUrl, timeoutMs)
    if (!totals || totals.count >= answered || Date.now() + pollMs > deadline) return totals
    await sleep(pollMs)
  }
}
