import { BIFROST_MAX_CONNS_PER_HOST } from '../config/bifrost-config.js'
import type { LoadTestConfig } from '../config/types.js'

/**
 * Requests in flight when `rate` requests per second each wait `latencyMs` (Little's law,
 * L = λW), rounded up, at least one: the workers vegeta needs for one target, and the
 * connections a gateway needs to its provider.
 */
export function expectedInFlight(rate: number, latencyMs: number): number {
  return Math.max(1, Math.ceil((rate * latencyMs) / 1000))
}

/** Requests in flight in one attack whose `targets` each get `ratePerTarget`. */
export function attackInFlight(ratePerTarget: number, targets: number, latencyMs: number): number {
  return targets * expectedInFlight(ratePerTarget, latencyMs)
}

/**
 * Whether a config's load fits the tools that carry it, as problems in resolveConfig's
 * style (empty when it fits):
 * - vegeta's max-workers must cover the requests in flight of the largest attack (the
 *   overhead attack has 2 targets interleaved, 3 with a base; a stress run has one), or
 *   vegeta would wait for a free worker and the wait would vanish from the latencies;
 * - a bifrost gateway (a checkout or a binary taking its flags) sees `rate` per second of its
 *   own and may open at most BIFROST_MAX_CONNS_PER_HOST connections to the mock provider, or
 *   requests would wait for a free connection and the wait would count as overhead.
 */
export function sizingProblems(config: LoadTestConfig): string[] {
  const problems: string[] = []
  const { rate, overheadMockerLatencyMs, stressMockerLatencyMs } = config
  const overheadTargets = config.measurement === 'interleaved' ? (config.base ? 3 : 2) : 1
  const overheadInFlight = attackInFlight(rate, overheadTargets, overheadMockerLatencyMs)
  const stressInFlight = expectedInFlight(rate, stressMockerLatencyMs)
  if (config.maxWorkers < Math.max(overheadInFlight, stressInFlight)) {
    const [inFlight, how] =
      overheadInFlight >= stressInFlight
        ? [
            overheadInFlight,
            `rate ${rate}${overheadTargets > 1 ? ` × ${overheadTargets} interleaved targets` : ''} × ${overheadMockerLatencyMs} ms overhead mocker latency`
          ]
        : [stressInFlight, `rate ${rate} × ${stressMockerLatencyMs} ms stress mocker latency`]
    problems.push(
      `max-workers: got ${config.maxWorkers}; expected at least ${inFlight}, the requests in flight at ${how} (fewer workers would make vegeta wait, and the waiting would vanish from the latencies).`
    )
  }
  const source = config.gateway.source.kind
  const latencyMs = Math.max(overheadMockerLatencyMs, stressMockerLatencyMs)
  const gatewayInFlight = expectedInFlight(rate, latencyMs)
  if (
    (source === 'bifrost-checkout' || source === 'binary') &&
    gatewayInFlight > BIFROST_MAX_CONNS_PER_HOST
  ) {
    problems.push(
      `rate: got ${rate}; at ${latencyMs} ms mock provider latency that is ${gatewayInFlight} requests in flight, more than the ${BIFROST_MAX_CONNS_PER_HOST} connections per host bifrost allows (network_config.max_conns_per_host): requests beyond it would wait for a free connection, and the wait would count as overhead. Expected rate × mocker latency ≤ ${BIFROST_MAX_CONNS_PER_HOST} requests (rate ≤ ${Math.floor((BIFROST_MAX_CONNS_PER_HOST * 1000) / latencyMs)} at ${latencyMs} ms).`
    )
  }
  return problems
}
