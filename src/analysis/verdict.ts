import type { Mode } from '../config/types.js'

/** What a check is about: the gateway's speed, its reliability, or the measurement itself. */
export type CheckCategory = 'overhead' | 'success' | 'validity'

export interface Check {
  /** Stable identifier, e.g. "overhead-p99", "stress-2-success-rate", "overhead-achieved-rate". */
  id: string
  /** What a person reads, e.g. "P99 overhead". */
  label: string
  category: CheckCategory
  mode?: Mode
  value: number
  limit: number
  unit: 'µs' | '%' | 'requests'
  /** "max": value ≤ limit; "min": value ≥ limit; "below": value < limit. */
  bound: 'max' | 'min' | 'below'
  passed: boolean
  /** Why a failure matters or what caused it, in a sentence; said only when it fails. */
  detail?: string
}

export interface Verdict {
  passed: boolean
  checks: Check[]
  /** Failed checks, the measurement's validity first: a failure there voids the others. */
  failures: Check[]
  /** Things worth knowing that do not fail the run. */
  warnings: string[]
}

/** A check of `value` against `limit`; see Check.bound. */
export function makeCheck(fields: Omit<Check, 'passed'>): Check {
  const { value, limit, bound } = fields
  const passed = bound === 'max' ? value <= limit : bound === 'min' ? value >= limit : value < limit
  const check: Check = { ...fields, passed }
  if (passed) delete check.detail
  return check
}

/**
 * The success rate of a phase in percent. successes × 100 / requests is the nearest double
 * to the true percentage, so a run exactly at the minimum passes (successRatio × 100 can
 * land just below it: 57 / 100 × 100 ≠ 57). 0 without requests.
 */
export function successPct(phase: { requests: number; successes: number }): number {
  return phase.requests > 0 ? (phase.successes * 100) / phase.requests : 0
}

/** The verdict: passed when every check passed; validity failures listed first. */
export function decideVerdict(checks: Check[], warnings: string[]): Verdict {
  const failed = checks.filter((check) => !check.passed)
  const failures = [
    ...failed.filter((check) => check.category === 'validity'),
    ...failed.filter((check) => check.category !== 'validity')
  ]
  return { passed: failures.length === 0, checks, failures, warnings }
}

/** One line per failed check: what, its value, its limit, and why it matters. */
export function describeFailure(check: Check): string {
  const relation =
    check.bound === 'max'
      ? 'above the limit of'
      : check.bound === 'min'
        ? 'below the minimum of'
        : 'reaching the cap of'
  const line = `${check.label} is ${formatValue(check.value, check.unit)}, ${relation} ${formatValue(check.limit, check.unit)}`
  return check.detail ? `${line}: ${check.detail}` : line
}

export function formatValue(value: number, unit: Check['unit']): string {
  if (unit === '%') return `${value.toFixed(2)}%`
  if (unit === 'requests') return `${Math.round(value)}`
  return `${value.toFixed(1)} µs`
}
