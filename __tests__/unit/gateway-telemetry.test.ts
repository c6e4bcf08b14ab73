import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  OVERHEAD_HISTOGRAM,
  parseHistogramTotals,
  readOverheadTotals,
  readOverheadTotalsCovering,
  telemetryBetween
} from '../../src/services/gateway-telemetry.js'
import { findFreePort } from '../../src/services/ports.js'

// As bifrost's telemetry plugin writes it (Prometheus text format 0.0.4), with the label sets
// a real gateway adds per provider and model, and a longer-named metric that must not match.
const EXPOSITION = `# HELP ${OVERHEAD_HISTOGRAM} Gateway overhead
# TYPE ${OVERHEAD_HISTOGRAM} histogram
${OVERHEAD_HISTOGRAM}_bucket{provider="openai",model="gpt-4o-mini",le="100"} 3
${OVERHEAD_HISTOGRAM}_bucket{provider="openai",model="gpt-4o-mini",le="+Inf"} 10
${OVERHEAD_HISTOGRAM}_sum{provider="openai",model="gpt-4o-mini"} 2500.5
${OVERHEAD_HISTOGRAM}_count{provider="openai",model="gpt-4o-mini"} 10
${OVERHEAD_HISTOGRAM}_sum{provider="anthropic",model="claude"} 1499.5 1700000000000
${OVERHEAD_HISTOGRAM}_count{provider="anthropic",model="claude"} 5 1700000000000
${OVERHEAD_HISTOGRAM}_total_sum 99999
go_goroutines 42
`

describe('parseHistogramTotals', () => {
  it('sums _sum and _count over label sets, skipping comments, buckets and other metrics', () => {
    expect(parseHistogramTotals(EXPOSITION, OVERHEAD_HISTOGRAM)).toEqual({
      sumUs: 4000,
      count: 15
    })
  })

  it('reads an unlabelled histogram', () => {
    const text = `${OVERHEAD_HISTOGRAM}_sum 3200\n${OVERHEAD_HISTOGRAM}_count 2\n`
    expect(parseHistogramTotals(text, OVERHEAD_HISTOGRAM)).toEqual({ sumUs: 3200, count: 2 })
  })

  it('is undefined without the histogram, or with half of it, or with a value that is no number', () => {
    expect(parseHistogramTotals('go_goroutines 42\n', OVERHEAD_HISTOGRAM)).toBeUndefined()
    expect(
      parseHistogramTotals(`${OVERHEAD_HISTOGRAM}_sum 1\n`, OVERHEAD_HISTOGRAM)
    ).toBeUndefined()
    expect(
      parseHistogramTotals(
        `${OVERHEAD_HISTOGRAM}_sum NaN\n${OVERHEAD_HISTOGRAM}_count 1\n`,
        OVERHEAD_HISTOGRAM
      )
    ).toBeUndefined()
    expect(parseHistogramTotals('<html>not found</html>', OVERHEAD_HISTOGRAM)).toBeUndefined()
  })
})

describe('telemetryBetween', () => {
  it('is the mean of the observations made between two readings', () => {
    expect(
      telemetryBetween({ sumUs: 1000, count: 4 }, { sumUs: 1000 + 812.5 * 200, count: 204 })
    ).toEqual({ metric: OVERHEAD_HISTOGRAM, requests: 200, meanUs: 812.5 })
  })

  it('is undefined when a reading is missing, nothing was observed, or the counters went back', () => {
    expect(telemetryBetween(undefined, { sumUs: 1, count: 1 })).toBeUndefined()
    expect(telemetryBetween({ sumUs: 1, count: 1 }, undefined)).toBeUndefined()
    expect(telemetryBetween({ sumUs: 5, count: 3 }, { sumUs: 5, count: 3 })).toBeUndefined()
    // A restarted process starts its histogram again.
    expect(telemetryBetween({ sumUs: 900, count: 9 }, { sumUs: 100, count: 1 })).toBeUndefined()
  })
})

describe('readOverheadTotals', () => {
  const servers: Server[] = []
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve)))
    )
  })

  /** A real HTTP server on 127.0.0.1 answering GET /metrics with `status` and `body`. */
  async function serve(status: number, body: string, delayMs = 0): Promise<string> {
    const server = createServer((request, response) => {
      setTimeout(() => {
        response.statusCode = request.url === '/metrics' ? status : 404
        response.end(body)
      }, delayMs)
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it("reads the histogram from the gateway's /metrics", async () => {
    expect(await readOverheadTotals(await serve(200, EXPOSITION))).toEqual({
      sumUs: 4000,
      count: 15
    })
  })

  it('is undefined for a gateway without the endpoint, without the histogram, unreachable or slow', async () => {
    expect(await readOverheadTotals(await serve(404, 'not found'))).toBeUndefined()
    expect(await readOverheadTotals(await serve(200, 'go_goroutines 1\n'))).toBeUndefined()
    expect(await readOverheadTotals(`http://127.0.0.1:${await findFreePort()}`)).toBeUndefined()
    expect(await readOverheadTotals(await serve(200, EXPOSITION, 500), 100)).toBeUndefined()
  })

  /**
   * A gateway that counts its requests late: the n-th GET /metrics (from 0) reports
   * `counts[n]` observations of 100 µs each (the last one from then on).
   */
  async function serveCounts(counts: number[]): Promise<{ url: string; reads: () => number }> {
    let reads = 0
    const server = createServer((_request, response) => {
      const count = counts[Math.min(reads, counts.length - 1)] as number
      reads += 1
      response.end(
        `${OVERHEAD_HISTOGRAM}_sum ${count * 100}\n${OVERHEAD_HISTOGRAM}_count ${count}\n`
      )
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reads: () => reads }
  }

  it('reads again until the gateway has counted every request it answered', async () => {
    const gateway = await serveCounts([11, 12, 14, 14])
    const totals = await readOverheadTotalsCovering(gateway.url, 14, { pollMs: 5 })
    expect(totals).toEqual({ sumUs: 1400, count: 14 })
    expect(gateway.reads()).toBe(3)
  })

  it('reads once when the count is already there', async () => {
    const counted = await serveCounts([15])
    expect(await readOverheadTotalsCovering(counted.url, 14)).toEqual({ sumUs: 1500, count: 15 })
    expect(counted.reads()).toBe(1)
  })

  it('gives up after settleMs with the last reading, short of the answered requests', async () => {
    const gateway = await serveCounts([13])
    const startedMs = Date.now()
    const totals = await readOverheadTotalsCovering(gateway.url, 14, {
      settleMs: 200,
      pollMs: 20
    })
    expect(totals).toEqual({ sumUs: 1300, count: 13 })
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(180)
    expect(gateway.reads()).toBeGreaterThan(3)
  })

  it('is undefined, without waiting, for a gateway it cannot read', async () => {
    const startedMs = Date.now()
    const url = `http://127.0.0.1:${await findFreePort()}`
    expect(await readOverheadTotalsCovering(url, 14, { settleMs: 5000 })).toBeUndefined()
    expect(Date.now() - startedMs).toBeLessThan(2000)
  })
})
