import type { TargetName } from '../load/targets.js'
import type { PhaseStatistics } from '../load/types.js'
import { successPct } from './verdict.js'

/** How much of a failed answer's body a one-line message quotes. */
const QUOTED_BODY_CHARS = 300

/** Who answers a target's requests, as a sentence names it. */
export const SERVER_OF: Record<TargetName, string> = {
  direct: 'the mock provider',
  gateway: 'the gateway',
  head: 'the gateway',
  base: 'the base gateway'
}

/** Why a warm-up must stop the run: the first target below the minimum, and a sentence. */
export interface WarmupFailure {
  target: TargetName
  message: string
}

/** What warmupFailure reads of a warm-up phase (a PhaseRecord has it). */
export interface WarmupPhase {
  target: TargetName
  statistics: PhaseStatistics
}

/**
 * Judges a warm-up's phases: a target whose valid share is below `minSuccessPct` (the
 * minimum success rate, min-stress-success-rate) is not working — a dead or misconfigured
 * gateway, or a failing mock provider for the direct requests — and measuring it would only
 * time its failures. Returns the first such target (the mock provider before the gateways:
 * without it nothing can be measured) with a one-line message quoting its first failed
 * answer, or undefined when every target may be measured. A phase without a request is not
 * judged. Pure.
 */
export function warmupFailure(
  phases: readonly WarmupPhase[],
  minSuccessPct: number
): WarmupFailure | undefined {
  const order: TargetName[] = ['direct', 'base', 'gateway', 'head']
  const failing = phases
    .filter((phase) => phase.statistics.requests > 0)
    .filter((phase) => successPct(phase.statistics) < minSuccessPct)
    .sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target))[0]
  if (failing === undefined) return undefined
  const stats = failing.statistics
  const server = SERVER_OF[failing.target]
  const reasons = stats.topErrors
    .slice(0, 2)
    .map((error) => `${error.count} × ${error.error}`)
    .join('; ')
  const example = stats.invalidResponse
  const quoted = example
    ? ` Its first failed answer: HTTP ${example.statusCode} (${example.reason}): ${oneLine(example.body)}`
    : ''
  const sentence = `${server} answered ${stats.successes} of ${stats.requests} warm-up requests validly (${successPct(stats).toFixed(2)}%, below the minimum success rate of ${minSuccessPct.toFixed(2)}%${reasons ? `: ${reasons}` : ''}), so it is not working and the run stops before measuring.`
  return {
    target: failing.target,
    message: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${quoted}`
  }
}

function oneLine(body: string): string {
  if (body === '') return '(empty body)'
  const flat = body.replace(/\s*\n\s*/g, ' ')
  return flat.length > QUOTED_BODY_CHARS ? `${flat.slice(0, QUOTED_BODY_CHARS)}…` : flat
}
