import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  counterDelta,
  goRuntimeCost,
  parseGoRuntimeCounters,
  readGoRuntimeCounters
} from '../../src/services/go-runtime-metrics.js'

/**
 * The Go collector's lines as Prometheus' client_golang writes them (HELP/TYPE comments, the
 * summary's quantiles, a gauge whose name the counter's extends), plus a labelled copy.
 */
function goMetrics(allocBytes: number, mallocs: number, gcCycles: number): string {
  return [
    '# HELP go_gc_duration_seconds A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.',
    '# TYPE go_gc_duration_seconds summary',
    'go_gc_duration_seconds{quantile="0"} 2.1e-05',
    'go_gc_duration_seconds{quantile="0.5"} 4.5e-05',
    'go_gc_duration_seconds{quantile="1"} NaN',
    'go_gc_duration_seconds_sum 0.0123',
    `go_gc_duration_seconds_count ${gcCycles}`,
    '# HELP go_memstats_alloc_bytes Number of bytes allocated in heap and currently in use.',
    '# TYPE go_memstats_alloc_bytes gauge',
    'go_memstats_alloc_bytes 4.194304e+06',
    '# HELP go_memstats_alloc_bytes_total Total number of bytes allocated in heap until now, even if released already.',
    '# TYPE go_memstats_alloc_bytes_total counter',
    `go_memstats_alloc_bytes_total ${allocBytes.toExponential()}`,
    '# TYPE go_memstats_mallocs_total counter',
    `go_memstats_mallocs_total ${mallocs}`,
    'bifrost_overhead_latency_microseconds_count 12',
    ''
  ].join('\n')
}

describe('parseGoRuntimeCounters', () => {
  it('reads the three counters and nothing that merely shares a prefix', () => {
    expect(parseGoRuntimeCounters(goMetrics(123_456_789, 4321, 17))).toEqual({
      allocBytes: 123_456_789,
      mallocs: 4321,
      gcCycles: 17
    })
  })

  it('sums label sets, and leaves out what is absent or not a number', () => {
    const text =
      'go_memstats_mallocs_total{a="1"} 10\ngo_memstats_mallocs_total{a="2"} 5\ngo_gc_duration_seconds_count NaN\n'
    expect(parseGoRuntimeCounters(text)).toEqual({ mallocs: 15 })
    expect(parseGoRuntimeCounters('# not a Go gateway\nhttp_requests_total 3\n')).toEqual({})
  })
})

describe('counterDelta', () => {
  it('is the growth between two readings', () => {
    expect(counterDelta('mallocs', { mallocs: 100 }, { mallocs: 250 })).toEqual({ delta: 150 })
    expect(counterDelta('mallocs', { mallocs: 100 }, { mallocs: 100 })).toEqual({ delta: 0 })
  })

  it('is not used after a reset, saying so with the values', () => {
    const found = counterDelta('allocBytes', { allocBytes: 9000 }, { allocBytes: 300 })
    expect(found).toMatchObject({ unusable: 'reset' })
    expect('reason' in found && found.reason).toBe(
      'go_memstats_alloc_bytes_total went back from 9000 to 300 between the readings: the gateway restarted or reset its metrics, so the difference is not used'
    )
  })

  it('names the reading a counter is missing from', () => {
    expect(counterDelta('gcCycles', {}, { gcCycles: 3 })).toMatchObject({
      unusable: 'missing',
      reason:
        "go_gc_duration_seconds_count is missing from the reading before of the gateway's /metrics"
    })
    expect(counterDelta('gcCycles', { gcCycles: 3 }, undefined)).toMatchObject({
      reason: expect.stringMatching(/from the reading after/)
    })
    expect(counterDelta('gcCycles', undefined, {})).toMatchObject({
      reason: expect.stringMatching(/from either reading/)
    })
  })
})

describe('goRuntimeCost', () => {
  it('gives bytes and allocations per request and GC cycles per 1000 requests', () => {
    const before = parseGoRuntimeCounters(goMetrics(1_000_000, 5000, 10))
    const after = parseGoRuntimeCounters(goMetrics(1_000_000 + 2000 * 1024, 5000 + 2000 * 12, 13))
    expect(goRuntimeCost(before, after, 2000)).toEqual({
      requests: 2000,
      allocBytesPerRequest: { value: 1024 },
      mallocsPerRequest: { value: 12 },
      gcCyclesPer1000Requests: { value: 1.5 }
    })
  })

  it('keeps the usable figures when one counter was reset', () => {
    const cost = goRuntimeCost(
      { allocBytes: 5e9, mallocs: 100, gcCycles: 40 },
      { allocBytes: 2e6, mallocs: 300, gcCycles: 2 },
      100
    )
    expect(cost.mallocsPerRequest).toEqual({ value: 2 })
    expect(cost.allocBytesPerRequest).toMatchObject({ unusable: 'reset' })
    expect(cost.gcCyclesPer1000Requests).toMatchObject({ unusable: 'reset' })
  })

  it('has no figure without requests, and refuses a count that is not one', () => {
    const cost = goRuntimeCost({ mallocs: 1 }, { mallocs: 2 }, 0)
    expect(cost.mallocsPerRequest).toMatchObject({ unusable: 'no-requests' })
    expect(cost.allocBytesPerRequest).toMatchObject({ unusable: 'missing' })
    expect(() => goRuntimeCost({}, {}, 1.5)).toThrow(/integer ≥ 0, got 1.5/)
  })
})

describe('readGoRuntimeCounters', () => {
  let server: Server
  let baseUrl = ''
  let body = goMetrics(2048, 64, 1)
  let status = 200
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/metrics' ? status : 404
      response.end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('reads the counters over HTTP', async () => {
    expect(await readGoRuntimeCounters(baseUrl)).toEqual({
      allocBytes: 2048,
      mallocs: 64,
      gcCycles: 1
    })
  })

  it('gives {} for a gateway without them and undefined for an unreadable endpoint', async () => {
    body = 'http_requests_total 3\n'
    expect(await readGoRuntimeCounters(baseUrl)).toEqual({})
    status = 503
    expect(await readGoRuntimeCounters(baseUrl)).toBeUndefined()
    expect(await readGoRuntimeCounters('http://127.0.0.1:1', 500)).toBeUndefined()
  })
})
