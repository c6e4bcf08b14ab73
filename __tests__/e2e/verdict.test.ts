import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runLoadTest } from '../../src/engine/run.js'
import { runningProcesses, type ManagedProcess } from '../../src/services/process.js'
import type { RawOptions } from '../../src/config/options.js'
import type { LoadTestConfig } from '../../src/config/types.js'
import type { RunRecord } from '../../src/record.js'
import type { EngineEvent } from '../../src/engine/events.js'
import {
  REPO_ROOT,
  expectNothingLeftRunning,
  testConfig,
  withGatewayEnv,
  expectSentAtRate
} from './helpers.js'

const PROXY = path.join(REPO_ROOT, '__tests__/fixtures/openai-proxy.mjs')
const PROXY_KEY = 'proxy-key-s3cret'

/** The Node proxy fixture as a command-started gateway, keyed by a header. */
const proxyGateway: RawOptions = {
  'bifrost-path': undefined,
  'gateway-command': JSON.stringify([
    process.execPath,
    PROXY,
    '--host',
    '{host}',
    '--port',
    '{port}',
    '--upstream',
    '{upstream}',
    '--api-key',
    PROXY_KEY
  ]),
  'gateway-health-path': '',
  'gateway-ready-log': 'proxy ready on',
  'gateway-model': 'gpt-4o-mini',
  'gateway-headers': `Authorization: Bearer ${PROXY_KEY}`,
  'stress-runs': '1'
}

// What counts as a success, and when a measurement cannot be trusted: real vegeta, real
// processes, real HTTP on 127.0.0.1.
describe('a verdict people can believe, end to end', () => {
  let started: ManagedProcess[] = []
  let restoreEnv: (() => void) | undefined
  const onProcessStarted = (process: ManagedProcess): void => {
    started.push(process)
  }

  afterEach(async () => {
    restoreEnv?.()
    restoreEnv = undefined
    await expectNothingLeftRunning(started.map((process) => process.pid))
    expect(runningProcesses()).toEqual([])
    started = []
  })

  it("stops within the warm-up on a gateway's 400, quoting its answer with the key redacted", async () => {
    restoreEnv = withGatewayEnv({ OPENAI_PROXY_REQUIRE_HEADER: 'x-portkey-provider' })
    const config = testConfig(proxyGateway)
    const ends: EngineEvent[] = []
    const record = await runLoadTest(config, {
      onProcessStarted,
      onEvent: (event) => {
        if (event.type === 'phase-end') ends.push(event)
      }
    })

    // Stopped at once: nothing measured, a failure of the gateway (exit status 1 in the CLI).
    expect(record.status).toBe('error')
    expect(record.failure).toMatchObject({ kind: 'run', phase: 'Warm-up' })
    expect(record.phases.map((phase) => phase.id)).toEqual(['warmup-direct', 'warmup-gateway'])
    expect(ends).toEqual([expect.objectContaining({ phase: 'warmup', ok: false })])
    const gateway = record.phases[1]?.statistics
    const requests = gateway?.requests ?? 0
    expectSentAtRate(requests, 100, 1)
    expect(gateway?.statusCodes).toEqual({ '400': requests })
    // The gateway's own words, with the key it echoed replaced.
    const body = JSON.stringify({
      error: {
        message:
          'Either x-portkey-config or x-portkey-provider header is required (received Authorization: ***)',
        type: 'invalid_request_error',
        param: null,
        code: null
      }
    })
    expect(gateway?.invalidResponse).toEqual({
      reason: 'the status is 400 Bad Request, not 2xx',
      statusCode: 400,
      body
    })
    expect(record.failure?.message).toBe(
      `The gateway answered 0 of ${requests} warm-up requests validly (0.00%, below the minimum success rate of 100.00%: ${requests} × 400 Bad Request), so it is not working and the run stops before measuring. Its first failed answer: HTTP 400 (the status is 400 Bad Request, not 2xx): ${body}`
    )
    expect(record.failure?.logFile).toMatch(/gateway-overhead\.log$/)
    const markdown = readFileSync(record.files.markdown, 'utf8')
    expect(markdown).toContain(
      `First invalid response in Warm-up, through the gateway (HTTP 400): the status is 400 Bad Request, not 2xx.\n\n\`\`\`text\n${body}\n\`\`\``
    )
    const results = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(results.phases[1].invalid_response.body).toBe(body)
    // (The config and the tools show the gateway's command line, whose --api-key is no header.)
    delete results.config
    delete results.tools
    for (const text of [markdown, JSON.stringify(results)]) expect(text).not.toContain(PROXY_KEY)
  })

  it('fails a gateway that answers 200 {"error": …} at once, naming why, quoting the body redacted', async () => {
    restoreEnv = withGatewayEnv({ OPENAI_PROXY_ERROR_BODY: '1' })
    // No warm-up, which would stop the run before measuring (see the test above): this is
    // about how a measured phase judges the answers.
    const config = testConfig({ ...proxyGateway, 'warmup-duration': '0s' })
    const record = await runLoadTest(config, { onProcessStarted })

    expect(record.failure).toBeUndefined()
    expect(record.status).toBe('failed')
    const overhead = record.phases.find((phase) => phase.id === 'overhead')
    const requests = overhead?.statistics.requests ?? 0
    expectSentAtRate(requests, 100, 2)
    expect(overhead?.statistics.successes).toBe(0)
    expect(overhead?.statistics.statusCodes).toEqual({ '200': requests })
    expect(overhead?.statistics.invalidResponse).toEqual({
      // The whole header value is the secret.
      reason: 'the body is an error object: upstream refused the key in "***"',
      statusCode: 200,
      body: expect.stringContaining('upstream refused the key in \\"***\\"')
    })
    // A failed request is no latency: without one success there is no overhead to claim.
    expect(record.evaluation.overhead).toEqual([])
    const failed = record.verdict.failures.find((check) => check.id === 'overhead-success-rate')
    expect(failed?.value).toBe(0)
    expect(failed?.detail).toContain(
      `${requests} × HTTP 200, invalid body: the body is an error object`
    )

    const json = readFileSync(record.files.json, 'utf8')
    const results = JSON.parse(json)
    expect(results.overhead).toBeNull()
    const overheadPhase = results.phases.find((phase: { id: string }) => phase.id === 'overhead')
    expect(overheadPhase.invalid_response.body).not.toContain(PROXY_KEY)
    expect(overheadPhase.top_errors[0].error).not.toContain(PROXY_KEY)
    const markdown = readFileSync(record.files.markdown, 'utf8')
    expect(markdown).toContain(
      'First invalid response in Overhead (HTTP 200): the body is an error object'
    )
    expect(markdown).not.toContain(`Bearer ${PROXY_KEY}`)
  })

  it("leaves a gateway's failed requests out of its latencies, and fails its success rate", async () => {
    restoreEnv = withGatewayEnv({ OPENAI_PROXY_FAIL_PERCENT: '5' })
    // No warm-up: its 95% valid, below the minimum of 100%, would stop the run before measuring.
    const config = testConfig({ ...proxyGateway, 'warmup-duration': '0s' })
    const record = await runLoadTest(config, { onProcessStarted })

    expect(record.status).toBe('failed')
    const overhead = record.phases.find((phase) => phase.id === 'overhead')
    const requests = overhead?.statistics.requests ?? 0
    expectSentAtRate(requests, 100, 2)
    // The proxy fails request n when floor(n × 5 / 100) steps up, counting from its first
    // (a warm-up's, when there is one): 10 of the measured 200.
    const warmup = record.phases.find((phase) => phase.id === 'warmup-gateway')?.statistics
    const seen = (warmup?.requests ?? 0) + requests
    const failed = Math.floor((seen * 5) / 100) - Math.floor(((warmup?.requests ?? 0) * 5) / 100)
    expect(overhead?.statistics.successes).toBe(requests - failed)
    expect(overhead?.statistics.statusCodes).toEqual({ '200': requests - failed, '500': failed })
    // The failures came back at once; had they been timed, the minimum would be far below
    // the mock provider's 100 ms.
    expect(overhead?.statistics.latencyNs.min).toBeGreaterThanOrEqual(100e6)
    expect(overhead?.samples?.latenciesNs.length).toBe(requests - failed)
    expect(record.evaluation.overhead[0]?.estimateUs.p50).toBeGreaterThan(0)
    expect(record.evaluation.overhead[0]?.estimateUs.p50).toBeLessThan(20_000)
    expect(record.verdict.failures.map((check) => check.id)).toContain('overhead-success-rate')
  })

  it('makes the run invalid, not the gateway slow, when the mock provider fails', async () => {
    // Our mock provider reads this as bifrost-benchmarking's does: 5% of requests, direct
    // and through the gateway alike, get a 500.
    restoreEnv = withGatewayEnv({ MOCKER_FAILURE_PERCENT: '5' })
    // No warm-up: its direct requests, 95% valid, would stop the run before the calibration.
    const config = testConfig({ 'stress-runs': '1', 'warmup-duration': '0s' })
    const record = await runLoadTest(config, { onProcessStarted })

    expect(record.status).toBe('failed')
    const first = record.verdict.failures[0]
    expect(first).toMatchObject({
      id: 'calibration-success-rate',
      category: 'validity',
      limit: 100
    })
    expect(first?.value).toBeLessThan(100)
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.verdict.sentence).toMatch(
      /^Measurement invalid: Calibration success rate is 9\d\.\d\d%, below the minimum of 100\.00%: the mock provider itself failed requests \(\d+ of (19[89]|200) requests failed: \d+ × 500 Internal Server Error\), so the measurement is invalid, not the gateway slow/
    )
  })

  /**
   * Runs the load test with the first process named `name` stopped (SIGSTOP) from 300 ms to
   * 1800 ms into the overhead attack: a 1.5 s stall in its 2 s.
   */
  async function runWithStall(
    config: LoadTestConfig,
    name: 'gateway' | 'mocker'
  ): Promise<RunRecord> {
    let stalled: ManagedProcess | undefined
    const timers: NodeJS.Timeout[] = []
    try {
      return await runLoadTest(config, {
        onProcessStarted: (process) => {
          onProcessStarted(process)
          if (process.name === name) stalled ??= process
        },
        onEvent: (event) => {
          if (event.type !== 'phase-start' || event.phase !== 'overhead' || !stalled) return
          const pid = stalled.pid
          timers.push(setTimeout(() => process.kill(pid, 'SIGSTOP'), 300))
          timers.push(setTimeout(() => process.kill(pid, 'SIGCONT'), 1800))
        }
      })
    } finally {
      for (const timer of timers) clearTimeout(timer)
      if (stalled?.running) process.kill(stalled.pid, 'SIGCONT')
    }
  }

  it('fails the coordinated-omission check when a stalled gateway holds every worker', async () => {
    // 100 RPS to each of two targets with 100 ms latency keeps ~20 in flight; 30 workers
    // leave room for that, not for a gateway that stops answering for 1.5 s.
    const record = await runWithStall(
      testConfig({ 'max-workers': '30', 'stress-runs': '1' }),
      'gateway'
    )
    expect(record.status).toBe('failed')
    const validity = record.verdict.failures.filter((check) => check.category === 'validity')
    const ids = validity.map((check) => check.id)
    expect(ids).toContain('overhead-workers')
    const workers = validity.find((check) => check.id === 'overhead-workers')
    expect(workers?.value).toBe(30)
    expect(workers?.detail).toMatch(/ran out of workers \(max-workers 30\).*coordinated omission/)
    // The first failure named is the measurement's, before any limit.
    expect(record.verdict.failures[0]?.category).toBe('validity')
  })

  it('makes the run invalid, not the gateway slow, when direct requests come back late', async () => {
    // A runner that cannot keep up, made real: with the mock provider stalled, most direct
    // requests wait far beyond its 100 ms latency.
    const record = await runWithStall(testConfig({ 'stress-runs': '1' }), 'mocker')
    expect(record.status).toBe('failed')
    const excess = record.verdict.failures.find((check) => check.id === 'calibration-excess')
    expect(excess).toMatchObject({ category: 'validity', limit: 10000 })
    // Its value is what the direct requests measured, beyond the configured 100 ms.
    const calibration = record.phases.find((phase) => phase.id === 'calibration')
    expect(excess?.value).toBeCloseTo(
      (calibration?.statistics.latencyNs.p50 ?? 0) / 1000 - 100_000,
      3
    )
    expect(excess?.value).toBeGreaterThan(100_000)
    // It is named first, before the overhead limits the stalled requests also broke.
    expect(record.verdict.failures[0]?.id).toBe('calibration-excess')
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.verdict.sentence).toMatch(
      /^Measurement invalid: Calibration p50 beyond the mock provider's latency is \d+\.\d µs, above the limit of 10000\.0 µs: direct requests to the mock provider took \d+\.\d ms at p50 for its 100 ms latency, so the runner could not keep up/
    )
    // The stress run, after the restart, is unaffected.
    expect(
      record.verdict.checks.find((check) => check.id === 'stress-1-success-rate')?.passed
    ).toBe(true)
  })

  it('catches pooled connections that went stale while idle (maximhq/bifrost#4496)', async () => {
    // The replica's client, like bifrost's fasthttp client, does not retry a POST on a pooled
    // connection the provider closed while it was idle; the mock provider closes idle
    // connections after half the idle period.
    restoreEnv = withGatewayEnv({ BIFROST_LIKE_STALE_CONNECTIONS: '1' })
    const config = testConfig({ 'stress-idle': '2s' })
    const record = await runLoadTest(config, { onProcessStarted })

    expect(record.status).toBe('failed')
    const [first, second] = record.phases.filter((phase) => phase.role === 'stress')
    expect(first?.statistics.successRatio).toBe(1)
    expect(second?.statistics.successRatio).toBeLessThan(1)
    expect(record.verdict.failures.map((check) => check.id)).toEqual(['stress-2-success-rate'])
  })
})
