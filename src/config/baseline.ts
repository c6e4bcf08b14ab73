import { readFileSync } from 'node:fs'
import { errorMessage } from '../errors.js'
import type { Mode } from './values.js'

/** The overhead statistics a baseline must hold: the ones checked against limits. */
const REQUIRED_STATS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const
/** The other latency statistics a run records (load/types.ts LATENCY_STAT_KEYS). */
const OPTIONAL_STATS = ['min', 'p999', 'max'] as const
type BaselineStat = (typeof REQUIRED_STATS)[number] | (typeof OPTIONAL_STATS)[number]

/** A baseline's overhead per statistic in µs: the checked ones always, others when recorded. */
export type BaselineOverheadUs = Record<(typeof REQUIRED_STATS)[number], number> &
  Partial<Record<BaselineStat, number>>

/**
 * An earlier run's results (baseline-results), as far as the reports use them: its overhead
 * per mode it measured, and what it ran at. Shown beside a run's own overhead, informative
 * only: it was measured on another runner, another day, and fails nothing.
 */
export interface BaselineResults {
  /** The file it was read from (absolute). */
  file: string
  /** When that run finished, as its results say (`timestamp`); "unknown" when absent. */
  timestamp: string
  /** Its overhead per mode it measured; at least one mode is present. */
  overheadUs: Partial<Record<Mode, BaselineOverheadUs>>
  /** Its configured rate, per target, when recorded. */
  rate?: number
}

const MAX_BASELINE_BYTES = 64 * 1024 * 1024

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The statistics of one `latency_us` object; undefined when a required one is not a number. */
function overheadOf(latency: unknown): BaselineOverheadUs | undefined {
  if (!isObject(latency)) return undefined
  const overhead: Partial<Record<BaselineStat, number>> = {}
  for (const key of REQUIRED_STATS) {
    const value = latency[key]
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
    overhead[key] = value
  }
  for (const key of OPTIONAL_STATS) {
    const value = latency[key]
    if (typeof value === 'number' && Number.isFinite(value)) overhead[key] = value
  }
  return overhead as BaselineOverheadUs
}

/**
 * Reads an earlier run's load-test-results.json for baseline-results. It must be a JSON
 * object whose `overhead.latency_us` (the seed script's key: non-streaming overhead, µs) or
 * `overhead.streaming.latency_us` holds numbers for mean, p50, p90, p95 and p99. Returns the
 * baseline, or the problem worded for "baseline-results: got <path>, <problem>".
 */
export function loadBaselineResults(
  filePath: string
): { ok: true; baseline: BaselineResults } | { ok: false; problem: string } {
  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (error) {
    return { ok: false, problem: `which cannot be read (${errorMessage(error)})` }
  }
  if (text.length > MAX_BASELINE_BYTES) {
    return { ok: false, problem: `which is larger than ${MAX_BASELINE_BYTES} bytes` }
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    return { ok: false, problem: `which is not valid JSON (${errorMessage(error)})` }
  }
  const expected =
    'expected the load-test-results.json of an earlier run, with overhead.latency_us (or overhead.streaming.latency_us) holding mean, p50, p90, p95 and p99 in µs'
  if (!isObject(document) || !isObject(document.overhead)) {
    return { ok: false, problem: `which has no overhead object; ${expected}` }
  }
  const overhead = document.overhead
  const overheadUs: BaselineResults['overheadUs'] = {}
  const plain = overheadOf(overhead.latency_us)
  if (plain) overheadUs['non-streaming'] = plain
  const streaming = isObject(overhead.streaming)
    ? overheadOf(overhead.streaming.latency_us)
    : undefined
  if (streaming) overheadUs.streaming = streaming
  if (!plain && !streaming) {
    return { ok: false, problem: `whose overhead has no complete latency_us; ${expected}` }
  }
  const rate = overhead.configured_rate
  return {
    ok: true,
    baseline: {
      file: filePath,
      timestamp: typeof document.timestamp === 'string' ? document.timestamp : 'unknown',
      overheadUs,
      ...(typeof rate === 'number' && Number.isFinite(rate) ? { rate } : {})
    }
  }
}
