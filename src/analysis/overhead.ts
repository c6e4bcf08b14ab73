import { LATENCY_STAT_KEYS, type LatencyStatsNs } from '../load/types.js'

/** The gateway's added latency per statistic, in µs: through the gateway − direct. */
export type OverheadUs = Record<keyof LatencyStatsNs, number>

/**
 * Overhead per statistic = through-gateway − calibration, in µs. Each percentile is
 * subtracted from the same percentile (not request by request), as the seed does: the two
 * phases are samples of the same load.
 */
export function overheadUs(calibrationNs: LatencyStatsNs, gatewayNs: LatencyStatsNs): OverheadUs {
  const overhead = {} as OverheadUs
  for (const key of LATENCY_STAT_KEYS) {
    overhead[key] = (gatewayNs[key] - calibrationNs[key]) / 1000
  }
  return overhead
}
