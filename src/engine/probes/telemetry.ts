import type { Mode } from '../../config/types.js'
import type { TargetName } from '../../load/targets.js'
import type { MetricRow } from '../../record.js'
import {
  readOverheadTotalsCovering,
  telemetryBetween,
  type GatewayTelemetry,
  type HistogramTotals
} from '../../services/gateway-telemetry.js'
import type { AttackStep } from '../plan.js'
import { gatewayBaseUrlOf, type RunningServices } from '../services.js'
import type { ProbeFactory } from './probe.js'

/**
 * The gateway's own account of its overhead (services/gateway-telemetry.ts): each gateway
 * target's overhead histogram read just before and just after an attack, once the gateway
 * has counted every request it answered so far; one row per phase of a gateway that exports
 * the histogram: the mean over the requests it finished meanwhile. Shown as `data`: the
 * reports tell it in a sentence beside the overhead measured from outside.
 */
export const TELEMETRY_PROBE = 'telemetry'

const METRIC = 'reported-overhead-mean-us'

export const telemetryProbe: ProbeFactory = () => {
  let before = new Map<TargetName, HistogramTotals>()
  return {
    async beforeAttack({ step, services }) {
      before = await readTelemetry(step, services)
    },
    async afterAttack({ step, services }) {
      const after = await readTelemetry(step, services)
      const rows = step.phases.flatMap((phase) => {
        const telemetry = telemetryBetween(before.get(phase.target), after.get(phase.target))
        return telemetry ? [telemetryRow({ ...phase, mode: step.mode }, telemetry)] : []
      })
      before = new Map()
      return rows
    }
  }
}

/** The row of one phase's telemetry. */
export function telemetryRow(
  phase: { id: string; target: TargetName; mode: Mode },
  telemetry: GatewayTelemetry
): MetricRow {
  return {
    id: `${TELEMETRY_PROBE}/${METRIC}/${phase.id}/${phase.target}`,
    probe: TELEMETRY_PROBE,
    metric: METRIC,
    label: 'Mean overhead the gateway reports',
    group: "The gateway's own telemetry",
    unit: 'µs',
    value: telemetry.meanUs,
    worse: 'higher',
    target: phase.target,
    phase: phase.id,
    mode: phase.mode,
    requests: telemetry.requests,
    source: telemetry.metric,
    shown: 'data'
  }
}

/** What the gateway of phase `phaseId` reported, from the telemetry probe's rows. */
export function gatewayTelemetryOf(
  rows: readonly MetricRow[],
  phaseId: string
): GatewayTelemetry | undefined {
  const row = rows.find(
    (candidate) =>
      candidate.probe === TELEMETRY_PROBE &&
      candidate.metric === METRIC &&
      candidate.phase === phaseId
  )
  if (!row || row.requests === undefined || row.source === undefined) return undefined
  return { metric: row.source, requests: row.requests, meanUs: row.value }
}

/**
 * Each gateway target's overhead histogram, once it has counted every request it answered
 * so far (see readOverheadTotalsCovering); absent when unreadable.
 */
async function readTelemetry(
  step: AttackStep,
  services: RunningServices
): Promise<Map<TargetName, HistogramTotals>> {
  const readings = new Map<TargetName, HistogramTotals>()
  for (const { target } of step.phases) {
    const baseUrl = gatewayBaseUrlOf(target, services)
    if (baseUrl === undefined) continue
    const answered = services.answeredRequests.get(target) ?? 0
    const totals = await readOverheadTotalsCovering(baseUrl, answered)
    if (totals) readings.set(target, totals)
  }
  return readings
}
