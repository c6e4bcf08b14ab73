import type { ProbeName } from '../plan.js'
import type { ProbeFactory } from './probe.js'
import { PROCESS_STATS_PROBE, processStatsProbe } from './process-stats.js'
import { TELEMETRY_PROBE, telemetryProbe } from './telemetry.js'

/**
 * Every measurement probe, by the name a plan step uses for it: adding a probe is one file
 * in this directory, its name in plan.ts's ProbeName and one line here.
 */
export const PROBES = {
  [TELEMETRY_PROBE]: telemetryProbe,
  [PROCESS_STATS_PROBE]: processStatsProbe
} as const satisfies Record<ProbeName, ProbeFactory>

export type { ProbeName }
