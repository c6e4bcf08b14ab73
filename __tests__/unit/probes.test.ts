import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { AttackStep, IdleStep } from '../../src/engine/plan.js'
import { PROBES } from '../../src/engine/probes/index.js'
import {
  PROCESS_STATS_CSV,
  processStatsRows,
  processStatsSummaries
} from '../../src/engine/probes/process-stats.js'
import { sliceSchedule } from '../../src/engine/probes/slices.js'
import { gatewayTelemetryOf } from '../../src/engine/probes/telemetry.js'
import type { RunningServices } from '../../src/engine/services.js'
import type { AttackOutcome } from '../../src/load/attack.js'
import { OVERHEAD_HISTOGRAM } from '../../src/services/gateway-telemetry.js'
import { fixtureConfig, OVERHEAD_PROCESS_STATS, STRESS_PROCESS_STATS } from './fixtures.js'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-probes-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const OUTCOME = {} as AttackOutcome

const measuredStep = (): AttackStep => ({
  kind: 'attack',
  id: 'overhead',
  label: 'Calibration and overhead, base and head, interleaved',
  purpose: 'measure',
  mode: 'non-streaming',
  phases: [
    { target: 'direct', id: 'calibration', label: 'Calibration', role: 'calibration' },
    { target: 'base', id: 'overhead-base', label: 'Overhead of the base', role: 'base-overhead' },
    { target: 'gateway', id: 'overhead', label: 'Overhead', role: 'overhead' }
  ],
  ratePerTarget: 100,
  durationS: 2,
  mockerLatencyMs: 10,
  timeoutS: 5,
  sampling: 'overhead',
  probes: ['telemetry', 'process-stats']
})

describe('the telemetry probe', () => {
  const servers: Server[] = []
  afterEach(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
    servers.length = 0
  })

  /** A gateway's /metrics whose histogram totals are `totals()` at each request. */
  async function gatewayServing(totals: () => { sumUs: number; count: number }): Promise<string> {
    const server = createServer((_request, response) => {
      const { sumUs, count } = totals()
      response.end(`${OVERHEAD_HISTOGRAM}_sum ${sumUs}\n${OVERHEAD_HISTOGRAM}_count ${count}\n`)
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it("reads each gateway's histogram around the attack: one row per phase of a gateway that has it", async () => {
    let totals = { sumUs: 1000, count: 10 }
    const headUrl = await gatewayServing(() => totals)
    // The base answers 404 at /metrics (a gateway without the histogram): no row for it.
    const base = createServer((_request, response) => {
      response.statusCode = 404
      response.end()
    })
    servers.push(base)
    await new Promise<void>((resolve) => base.listen(0, '127.0.0.1', resolve))
    const services = {
      gatewayBaseUrl: headUrl,
      baseGatewayBaseUrl: `http://127.0.0.1:${(base.address() as AddressInfo).port}`,
      answeredRequests: new Map([['gateway', 10]])
    } as unknown as RunningServices
    const probe = PROBES.telemetry({ config: fixtureConfig() })
    const attack = { step: measuredStep(), services, slices: sliceSchedule(2) }
    await probe.beforeAttack?.(attack)
    // 200 requests answered, 150 µs each by the gateway's own account.
    totals = { sumUs: 1000 + 200 * 150, count: 210 }
    services.answeredRequests.set('gateway', 210)
    const rows = (await probe.afterAttack?.(attack, OUTCOME)) ?? []
    expect(rows).toEqual([
      {
        id: 'telemetry/reported-overhead-mean-us/overhead/gateway',
        probe: 'telemetry',
        metric: 'reported-overhead-mean-us',
        label: 'Mean overhead the gateway reports',
        group: "The gateway's own telemetry",
        unit: 'µs',
        value: 150,
        worse: 'higher',
        target: 'gateway',
        phase: 'overhead',
        mode: 'non-streaming',
        requests: 200,
        source: OVERHEAD_HISTOGRAM,
        shown: 'data'
      }
    ])
    expect(gatewayTelemetryOf(rows, 'overhead')).toEqual({
      metric: OVERHEAD_HISTOGRAM,
      requests: 200,
      meanUs: 150
    })
    expect(gatewayTelemetryOf(rows, 'overhead-base')).toBeUndefined()
  })

  it('has no row when the counter went backwards (a restarted gateway)', async () => {
    let totals = { sumUs: 5000, count: 50 }
    const services = {
      gatewayBaseUrl: await gatewayServing(() => totals),
      answeredRequests: new Map()
    } as unknown as RunningServices
    const probe = PROBES.telemetry({ config: fixtureConfig() })
    const attack = { step: measuredStep(), services, slices: sliceSchedule(2) }
    await probe.beforeAttack?.(attack)
    totals = { sumUs: 100, count: 1 }
    expect(await probe.afterAttack?.(attack, OUTCOME)).toEqual([])
  })
})

describe('the process-stats probe', () => {
  it('gives each sampling period its figures as rows, and takes them back for process_stats', () => {
    const summaries = {
      overhead: { ...OVERHEAD_PROCESS_STATS },
      stress: { ...STRESS_PROCESS_STATS },
      empty: { samples: 0, cpuAvgPct: 0, cpuPeakPct: 0, rssAvgMb: 0, rssPeakMb: 0 }
    }
    const rows = processStatsRows(summaries)
    expect(rows.map((row) => row.id)).toEqual(
      ['overhead', 'stress'].flatMap((period) =>
        ['cpu-avg-pct', 'cpu-peak-pct', 'rss-avg-mib', 'rss-peak-mib', 'samples'].map(
          (metric) => `process-stats/${metric}/${period}/gateway`
        )
      )
    )
    expect(
      rows.find((row) => row.id === 'process-stats/rss-peak-mib/stress/gateway')
    ).toMatchObject({
      label: 'RSS peak',
      unit: 'MiB',
      value: STRESS_PROCESS_STATS.rssPeakMb,
      worse: 'higher',
      shown: 'details'
    })
    expect(processStatsSummaries(rows)).toEqual({
      overhead: OVERHEAD_PROCESS_STATS,
      stress: STRESS_PROCESS_STATS
    })
  })

  it('samples the gateway from the services’ start to their stop, filed under each step’s period', async () => {
    const config = { ...fixtureConfig(), resultsDir: path.join(scratch, 'results') }
    const probe = PROBES['process-stats']({ config })
    // This test's own process stands for the gateway: its tree is real and alive.
    const services = { generation: 'overhead', gateway: { pid: process.pid } } as RunningServices
    await probe.servicesStarted?.(services)
    await sleep(1400)
    const idle: IdleStep = {
      kind: 'idle',
      id: 'idle-1',
      label: 'Idle',
      durationS: 1,
      sampling: 'stress',
      probes: ['process-stats']
    }
    await probe.stepStarted?.(idle, services)
    await sleep(1400)
    const rows = (await probe.servicesStopping?.(services)) ?? []
    const summaries = processStatsSummaries(rows)
    expect(Object.keys(summaries)).toEqual(['overhead', 'stress'])
    for (const summary of Object.values(summaries)) {
      expect(summary.samples).toBe(1)
      expect(summary.rssPeakMb).toBeGreaterThan(10)
    }
    const csv = path.join(config.resultsDir, PROCESS_STATS_CSV)
    expect(existsSync(csv)).toBe(true)
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(3)
    // Stopped: a second stop has nothing more.
    expect(await probe.servicesStopping?.(services)).toEqual([])
  })
})
