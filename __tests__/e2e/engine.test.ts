import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runLoadTest } from '../../src/engine/run.js'
import { gatewayTelemetryOf } from '../../src/engine/probes/telemetry.js'
import { main } from '../../src/cli.js'
import { runningProcesses } from '../../src/services/process.js'
import {
  canConnect,
  expectNothingLeftRunning,
  foreignListener,
  testConfig,
  withGatewayEnv,
  expectSentAtRate
} from './helpers.js'
import { schemaErrors, schemaValidator } from '../support/schemas.js'

const validateResults = schemaValidator('results.schema.json')
/** A real results file must match schemas/results.schema.json. */
function expectValidResults(json: unknown): void {
  expect(validateResults(json), schemaErrors(validateResults).join('; ')).toBe(true)
}

// Real vegeta, real Go processes, real HTTP on 127.0.0.1; nothing here is faked.
describe('load test engine, end to end', () => {
  let startedPids: number[] = []
  let restoreEnv: (() => void) | undefined
  const onProcessStarted = (process: { pid: number }): void => {
    startedPids.push(process.pid)
  }

  afterEach(() => {
    restoreEnv?.()
    restoreEnv = undefined
    expect(runningProcesses()).toEqual([])
    startedPids = []
  })

  it('passes a healthy gateway and writes JSON and Markdown results', async () => {
    const config = testConfig()
    const record = await runLoadTest(config, { onProcessStarted })
    await expectNothingLeftRunning(startedPids)

    expect(record.failure).toBeUndefined()
    expect(record.status).toBe('passed')
    const json = JSON.parse(
      readFileSync(path.join(config.resultsDir, 'load-test-results.json'), 'utf8')
    )
    expect(json.schema_version).toBe(2)
    expectValidResults(json)
    expect(json.verdict).toMatchObject({ passed: true, failures: [] })
    expect(json.phases.map((phase: { id: string }) => phase.id)).toEqual([
      'warmup-direct',
      'warmup-gateway',
      'calibration',
      'overhead',
      'stress-1',
      'stress-2'
    ])
    // The warm-up's requests are recorded, but not in the overhead: 100 RPS for 1 s each.
    const [warmupDirect, warmupGateway] = json.phases
    expectSentAtRate(warmupDirect.requests, 100, 1)
    expectSentAtRate(warmupGateway.requests, 100, 1)
    expect(json.attacks.map((attack: { id: string }) => attack.id)).toEqual([
      'warmup',
      'overhead',
      'stress-1',
      'stress-2'
    ])
    for (const attack of json.attacks) {
      expect(existsSync(attack.results_file)).toBe(true)
      expect(attack.statistics_lag_s).toBeLessThan(1)
    }
    for (const phase of json.phases.slice(2)) {
      // 100 RPS for 2 s: vegeta sends 200 requests (or one or two fewer, see the helper).
      expectSentAtRate(phase.requests, 100, 2)
      expect(phase.success_rate).toBe(100)
      expect(phase.status_codes).toEqual({ '200': phase.requests })
      // Every request waits at least the mock provider's 100 ms.
      expect(phase.latency_us.min).toBeGreaterThanOrEqual(100_000)
      expect(phase.latency_us.p50).toBeLessThan(150_000)
    }
    const [, , calibration, overhead] = json.phases
    // Interleaved: one attack sent both, alternating, each at the configured rate.
    expect(calibration.attack).toBe('overhead')
    expect(overhead.attack).toBe('overhead')
    expect(json.overhead.measurement).toBe('interleaved')
    expect(json.overhead.interval_us.p50.low).toBeLessThanOrEqual(json.overhead.latency_us.p50)
    expect(json.overhead.interval_us.p50.high).toBeGreaterThanOrEqual(json.overhead.latency_us.p50)
    expect(json.overhead.configured_rate).toBe(100)
    expect(json.overhead.duration).toBe(2)
    expect(json.overhead.concurrent).toBe(10)
    expect(json.overhead.success_rate).toBe(100)
    expect(json.overhead.latency_us.p50).toBeCloseTo(
      overhead.latency_us.p50 - calibration.latency_us.p50,
      1
    )
    expect(json.overhead.latency_us.p99).toBeCloseTo(
      overhead.latency_us.p99 - calibration.latency_us.p99,
      1
    )
    // The replica's own overhead histogram (GET /metrics, as bifrost's telemetry plugin),
    // read around the measured attack: exactly its gateway requests, none of the warm-up, and
    // less than the overhead measured from outside, which adds the client's hops.
    expect(calibration.gateway_telemetry).toBeNull()
    expect(overhead.gateway_telemetry).toMatchObject({
      metric: 'bifrost_overhead_latency_microseconds',
      requests: overhead.requests
    })
    expect(overhead.gateway_telemetry.mean_us).toBeGreaterThan(0)
    expect(overhead.gateway_telemetry.mean_us).toBeLessThan(json.overhead.latency_us.mean)
    for (const phase of json.phases.filter(
      (phase: { role: string }) => phase.role !== 'overhead'
    )) {
      expect(phase.gateway_telemetry).toBeNull()
    }
    expect(json.stress).toMatchObject({
      rate: 100,
      duration: 2,
      mocker_latency_ms: 100,
      success_rate: 100
    })
    expect(json.process_stats.overhead.samples).toBeGreaterThanOrEqual(1)
    expect(json.process_stats.overhead.rss_peak_mb).toBeGreaterThan(1)
    expect(json.process_stats.stress.samples).toBeGreaterThanOrEqual(3)
    expect(json.config.rate).toBe(100)
    // Two generations of mocker and gateway, and a vegeta attack and encode per attack,
    // all stopped cleanly.
    expect(json.processes.map((process: { name: string }) => process.name).sort()).toEqual([
      'gateway',
      'gateway',
      'mocker',
      'mocker',
      'vegeta attack (overhead)',
      'vegeta attack (stress-1)',
      'vegeta attack (stress-2)',
      'vegeta attack (warmup)',
      'vegeta encode (overhead)',
      'vegeta encode (stress-1)',
      'vegeta encode (stress-2)',
      'vegeta encode (warmup)'
    ])
    for (const process of json.processes) expect(process.ended).toBe('exited with status 0')

    const markdown = readFileSync(path.join(config.resultsDir, 'load-test-results.md'), 'utf8')
    expect(markdown).toContain('# Gateway load test: ✅ PASSED')
    expect(markdown).toMatch(
      /\| P99 \| [\d.]+ ms \| [\d.]+ ms \| -?[\d.]+ µs \| -?[\d.]+ µs … -?[\d.]+ µs \| 100000\.0 µs \| ✓ \|/
    )
    expect(markdown).toContain('| Stress #2 |')
    expect(markdown).toContain('### Overhead')
    const csv = readFileSync(record.files.processStatsCsv, 'utf8').trim().split('\n')
    expect(csv[0]).toBe('timestamp,phase,cpu_pct,rss_mb,processes')
    expect(csv.filter((line) => line.includes(',stress,')).length).toBeGreaterThanOrEqual(3)
    expect(csv.filter((line) => line.includes(',overhead,')).length).toBeGreaterThanOrEqual(1)
    for (const log of ['gateway-overhead.log', 'gateway-stress.log', 'mocker-stress.log']) {
      expect(existsSync(path.join(config.resultsDir, log))).toBe(true)
    }
  })

  it('fails the thresholds when the gateway adds latency, naming statistic, value and limit', async () => {
    restoreEnv = withGatewayEnv({ BIFROST_LIKE_ADDED_LATENCY_MS: '20' })
    const config = testConfig({
      'max-overhead-mean-us': '10000',
      'max-overhead-p50-us': '10000',
      'stress-runs': '1'
    })
    const record = await runLoadTest(config, { onProcessStarted })
    await expectNothingLeftRunning(startedPids)

    expect(record.status).toBe('failed')
    const failed = record.verdict.failures.map((check) => check.id)
    expect(failed).toContain('overhead-p50')
    expect(failed).toContain('overhead-mean')
    const p50 = record.verdict.failures.find((check) => check.id === 'overhead-p50')
    // 20 ms added per request: the p50 overhead is at least that, and the limit is 10 ms.
    expect(p50?.value).toBeGreaterThanOrEqual(20_000)
    expect(p50?.limit).toBe(10_000)
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.verdict.passed).toBe(false)
    expect(json.verdict.failures).toContainEqual(
      expect.objectContaining({ check: 'overhead-p50', limit: 10000, unit: 'µs' })
    )
    const markdown = readFileSync(record.files.markdown, 'utf8')
    expect(markdown).toContain('# Gateway load test: ❌ FAILED')
    expect(markdown).toMatch(/- P50 overhead is 2\d{4}\.\d µs, above the limit of 10000\.0 µs/)
    expect(markdown).toMatch(
      /\| P50 \| [\d.]+ ms \| [\d.]+ ms \| 2\d{4}\.\d µs \| [\d.]+ µs … [\d.]+ µs \| 10000\.0 µs \| ✗ \|/
    )
  })

  it('reports a gateway that never becomes ready, with its log tail, and stops everything', async () => {
    restoreEnv = withGatewayEnv({ BIFROST_LIKE_NEVER_READY: '1' })
    const config = testConfig({ 'ready-timeout': '2s' })
    const record = await runLoadTest(config, { onProcessStarted })
    await expectNothingLeftRunning(startedPids)

    expect(record.status).toBe('error')
    expect(record.failure?.kind).toBe('setup')
    expect(record.failure?.message).toMatch(/gateway was not ready after 2(\.0)? ?s/)
    expect(record.failure?.logFile).toBe(path.join(config.resultsDir, 'gateway-overhead.log'))
    expect(record.failure?.logTail).toBeTruthy()
    expect(record.phases).toEqual([])
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.status).toBe('error')
    expectValidResults(json)
    expect(json.error.message).toContain('not ready')
  })

  it("reads a gateway's telemetry that counts each request 300 ms after answering it", async () => {
    // As a gateway may count a request only when its span closes, after the response: the
    // readings wait for it, so the measured attack is credited with its own requests exactly,
    // neither missing its last ones nor taking the warm-up's. A warm-up shorter than the
    // delay has all of its requests counted after the measurement started.
    restoreEnv = withGatewayEnv({ BIFROST_LIKE_TELEMETRY_DELAY_MS: '300' })
    const config = testConfig({ 'stress-runs': '1', 'warmup-duration': '200ms' })
    const record = await runLoadTest(config, { onProcessStarted })
    await expectNothingLeftRunning(startedPids)

    expect(record.status, JSON.stringify(record.verdict.failures)).toBe('passed')
    const overhead = record.phases.find((phase) => phase.id === 'overhead')
    expectSentAtRate(overhead?.statistics.requests ?? 0, 100, 2)
    expect(gatewayTelemetryOf(record.metrics, 'overhead')?.requests).toBe(
      overhead?.statistics.requests
    )
  })

  it('fails a gateway that crashes during stress and keeps the earlier phases', async () => {
    // Its first start sees 100 warm-up and 200 overhead requests; it restarts before stress,
    // so its count starts again: 200 requests per stress run means it dies in the second.
    restoreEnv = withGatewayEnv({ BIFROST_LIKE_CRASH_AFTER_REQUESTS: '350' })
    const config = testConfig()
    const record = await runLoadTest(config, { onProcessStarted })
    await expectNothingLeftRunning(startedPids)

    expect(record.status).toBe('error')
    expect(record.failure?.kind).toBe('run')
    expect(record.failure?.phase).toBe('Stress #2')
    expect(record.failure?.message).toContain('gateway exited with status 3')
    expect(record.failure?.logTail).toContain('crashing after 350 requests')
    expect(record.phases.map((phase) => phase.id)).toEqual([
      'warmup-direct',
      'warmup-gateway',
      'calibration',
      'overhead',
      'stress-1',
      'stress-2'
    ])
    expect(record.phases[4]?.statistics.successRatio).toBe(1)
    const cutShort = record.phases[5]
    expect(cutShort?.label).toBe('Stress #2 (cut short)')
    expect(cutShort?.statistics.successRatio).toBeLessThan(1)
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.overhead.success_rate).toBe(100)
    expectValidResults(json)
    expect(json.verdict.passed).toBe(false)
    expect(json.error.phase).toBe('Stress #2')
  })

  it('stops cleanly when interrupted mid-phase, keeping what completed', async () => {
    const config = testConfig()
    const interrupt = new AbortController()
    const record = await runLoadTest(config, {
      onProcessStarted,
      abortSignal: interrupt.signal,
      onEvent: (event) => {
        if (event.type === 'phase-start' && event.phase === 'overhead') {
          setTimeout(() => interrupt.abort('SIGINT'), 500)
        }
      }
    })
    await expectNothingLeftRunning(startedPids)

    expect(record.status).toBe('error')
    expect(record.failure?.message).toBe('the run was interrupted (SIGINT)')
    expect(record.failure?.phase).toBe('Calibration and overhead, interleaved')
    expect(record.phases.map((phase) => phase.label)).toEqual([
      'Warm-up, direct',
      'Warm-up, through the gateway',
      'Calibration (cut short)',
      'Overhead (cut short)'
    ])
    // Half a second of a 2 s phase at 100 RPS: far fewer than the 200 requests of a full one.
    expect(record.phases[3]?.statistics.requests).toBeLessThan(150)
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.error.message).toBe('the run was interrupted (SIGINT)')
    expect(json.phases).toHaveLength(4)
    expect(json.attacks[1].cut_short).toBe(true)
  })

  it('refuses a busy given port, naming it, and leaves the foreign listener alone', async () => {
    const listener = await foreignListener()
    try {
      const config = testConfig({ 'gateway-port': String(listener.port) })
      const record = await runLoadTest(config, { onProcessStarted })
      expect(startedPids).toEqual([])
      expect(record.status).toBe('error')
      expect(record.failure?.kind).toBe('input')
      expect(record.failure?.message).toContain(`gateway-port ${listener.port}`)
      expect(await canConnect(listener.port)).toBe(true)
    } finally {
      await listener.close()
    }
  })

  it('refuses invalid options before starting anything', async () => {
    const lines: string[] = []
    const exitStatus = await main(
      ['--config', 'examples/demo.config.json', '--rate', 'lots', '--max-overhead-p99-us=-5'],
      { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line) }
    )
    expect(exitStatus).toBe(2)
    const output = lines.join('\n')
    expect(output).toContain('rate: got "lots"; expected a whole number from 1 to 100000')
    expect(output).toContain('max-overhead-p99-us: got "-5"')
    expect(output).toContain('nothing was started')
    expect(runningProcesses()).toEqual([])
  })
})
