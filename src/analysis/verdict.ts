import type { LoadTestConfig } from '../config/types.js'
import type { PhaseStatistics } from '../load/types.js'
import type { OverheadUs } from './overhead.js'

export interface Check {
  /** Stable identifier, e.g. "overhead-p99" or "stress-2-success-rate". */
  id: string
  /** What a person reads, e.g. "P99 overhead". */
  label: string
  value: number
  limit: number
  unit: 'µs' | '%'
  /** "max": value must be ≤ limit; "min": value must be ≥ limit. */
  bound: 'max' | 'min'
  passed: boolean
}

export interface Verdict {
  passed: boolean
  checks: Check[]
  failures: Check[]
  /** Things worth knowing that do not fail the run, e.g. an achieved rate below the configured one. */
  warnings: string[]
}

/** Share under the configured rate past which a phase's achieved rate is flagged. */
export const RATE_SHORTFALL_FLAG = 0.02

const OVERHEAD_CHECKS = [
  { key: 'mean', label: 'Mean overhead' },
  { key: 'p50', label: 'P50 overhead' },
  { key: 'p90', label: 'P90 overhead' },
  { key: 'p95', label: 'P95 overhead' },
  { key: 'p99', label: 'P99 overhead' }
] as const

export function overheadChecks(overhead: OverheadUs, config: LoadTestConfig): Check[] {
  return OVERHEAD_CHECKS.map(({ key, label }) =>
    makeCheck(`overhead-${key}`, label, overhead[key], config.maxOverheadUs[key], 'µs', 'max')
  )
}

export function successRateCheck(
  id: string,
  label: string,
  phase: PhaseStatistics,
  minSuccessRatePct: number
): Check {
  // successes × 100 / requests is the nearest double to the true percentage, so a run exactly
  // at the minimum passes; successRatio × 100 can land just below it (57 / 100 × 100 ≠ 57).
  const successPct = phase.requests > 0 ? (phase.successes * 100) / phase.requests : 0
  return makeCheck(id, label, successPct, minSuccessRatePct, '%', 'min')
}

function makeCheck(
  id: string,
  label: string,
  value: number,
  limit: number,
  unit: Check['unit'],
  bound: Check['bound']
): Check {
  const passed = bound === 'max' ? value <= limit : value >= limit
  return { id, label, value, limit, unit, bound, passed }
}

/**
 * A warning when a phase sent fewer requests per second than configured. A phase with fewer
 * than 2 requests, or no time between its first and last request, has no measurable rate
 * (achievedRate is (requests − 1) / span): it gets no warning rather than a false "0 RPS".
 */
export function rateShortfallWarning(
  phaseLabel: string,
  phase: PhaseStatistics,
  configuredRate: number
): string | undefined {
  if (phase.requests < 2 || !(phase.attackSpanS > 0)) return undefined
  if (phase.achievedRate >= configuredRate * (1 - RATE_SHORTFALL_FLAG)) return undefined
  const shortfallPct = (1 - phase.achievedRate / configuredRate) * 100
  return `${phaseLabel}: achieved ${phase.achievedRate.toFixed(1)} RPS, ${shortfallPct.toFixed(1)}% under the configured ${configuredRate} RPS; the load generator could not keep up, so latencies may hide waiting.`
}

export function decideVerdict(checks: Check[], warnings: string[]): Verdict {
  const failures = checks.filter((check) => !check.passed)
  return { passed: failures.length === 0, checks, failures, warnings }
}

/** One line per failed check: what, its value, its limit. */
export function describeFailure(check: Check): string {
  const relation = check.bound === 'max' ? 'above the limit of' : 'below the minimum of'
  return `${check.label} is ${formatValue(check.value, check.unit)}, ${relation} ${formatValue(check.limit, check.unit)}`
}

export function formatValue(value: number, unit: Check['unit']): string {
  return unit === '%' ? `${value.toFixed(2)}%` : `${value.toFixed(1)} µs`
}
