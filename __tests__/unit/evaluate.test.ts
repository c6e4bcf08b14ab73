import { describe, expect, it } from 'vitest'
import { evaluate } from '../../src/analysis/evaluate.js'
import type { AttackRecord, PhaseRecord } from '../../src/record.js'
import type { TargetSamples } from '../../src/load/types.js'
import {
  CALIBRATION_NS,
  PASSING_OVERHEAD_US,
  STRESS_NS,
  attackRecord,
  fixtureConfig,
  gatewayNs,
  phaseRecord,
  statistics
} from './fixtures.js'

const T = '2025-01-02T03:00:05.000Z'

function measured(overrides: { gatewayNs?: ReturnType<typeof gatewayNs> } = {}) {
  const attack = attackRecord(
    'overhead',
    'Overhead',
    'measure',
    ['direct', 'gateway'],
    2000,
    2100,
    T
  )
  const calibration = phaseRecord(
    'calibration',
    'Calibration',
    'calibration',
    'direct',
    statistics({ latencyNs: CALIBRATION_NS }),
    T,
    'overhead'
  )
  const overhead = phaseRecord(
    'overhead',
    'Overhead',
    'overhead',
    'gateway',
    statistics({ latencyNs: overrides.gatewayNs ?? gatewayNs(PASSING_OVERHEAD_US) }),
    T,
    'overhead'
  )
  return { attack, calibration, overhead }
}

const ids = (checks: { id: string }[]): string[] => checks.map((check) => check.id)

describe('evaluate', () => {
  it('checks validity, limits and success of every measured phase, with no I/O', () => {
    const { attack, calibration, overhead } = measured()
    const stressAttack = attackRecord('stress-1', 'Stress #1', 'stress', ['gateway'], 1000, 1000, T)
    const stress = phaseRecord(
      'stress-1',
      'Stress #1',
      'stress',
      'gateway',
      statistics({ latencyNs: STRESS_NS }),
      T
    )
    const evaluation = evaluate(
      [attack, stressAttack],
      [calibration, overhead, stress],
      fixtureConfig()
    )
    expect(ids(evaluation.checks)).toEqual([
      'overhead-achieved-rate',
      'overhead-workers',
      'stress-1-achieved-rate',
      'stress-1-workers',
      'calibration-success-rate',
      'overhead-success-rate',
      'overhead-mean',
      'overhead-p50',
      'overhead-p90',
      'overhead-p95',
      'overhead-p99',
      'stress-1-success-rate'
    ])
    expect(evaluation.checks.every((check) => check.passed)).toBe(true)
    // Without samples (a record read back), there is an estimate but no interval.
    expect(evaluation.overhead).toHaveLength(1)
    expect(evaluation.overhead[0]?.estimateUs.p99).toBe(9000)
    expect(evaluation.overhead[0]?.intervalUs).toBeUndefined()
  })

  it('fails an overhead just above its limit, and passes it at the limit', () => {
    const config = fixtureConfig()
    const atLimit = { ...PASSING_OVERHEAD_US, p90: config.maxOverheadUs.p90 }
    const over = { ...PASSING_OVERHEAD_US, p90: config.maxOverheadUs.p90 + 1 }
    for (const [overheadUs, passed] of [
      [atLimit, true],
      [over, false]
    ] as const) {
      const { attack, calibration, overhead } = measured({ gatewayNs: gatewayNs(overheadUs) })
      const p90 = evaluate([attack], [calibration, overhead], config).checks.find(
        (check) => check.id === 'overhead-p90'
      )
      expect(p90).toMatchObject({ value: overheadUs.p90, limit: 10000, passed })
    }
  })

  it('fails an attack that sent less than min-achieved-rate-pct, or ran out of workers', () => {
    const { calibration, overhead } = measured()
    const config = fixtureConfig()
    const at99 = attackRecord(
      'overhead',
      'Overhead',
      'measure',
      ['direct', 'gateway'],
      1980,
      2100,
      T
    )
    const under = attackRecord(
      'overhead',
      'Overhead',
      'measure',
      ['direct', 'gateway'],
      1979.9,
      2100,
      T
    )
    const capped = attackRecord(
      'overhead',
      'Overhead',
      'measure',
      ['direct', 'gateway'],
      2000,
      12000,
      T
    )
    const check = (attack: AttackRecord, id: string) =>
      evaluate([attack], [calibration, overhead], config).checks.find((c) => c.id === id)
    expect(check(at99, 'overhead-achieved-rate')?.passed).toBe(true)
    const shortfall = check(under, 'overhead-achieved-rate')
    expect(shortfall).toMatchObject({ category: 'validity', passed: false, limit: 99 })
    expect(shortfall?.detail).toMatch(/coordinated omission/)
    const workers = check(capped, 'overhead-workers')
    expect(workers).toMatchObject({ value: 12000, limit: 12000, bound: 'below', passed: false })
    expect(workers?.detail).toMatch(/ran out of workers \(max-workers 12000\)/)
  })

  it('does not judge the rate of a warm-up, a cut-short attack, or one too short to have a rate', () => {
    const { calibration, overhead } = measured()
    const warmup = attackRecord('warmup', 'Warm-up', 'warmup', ['direct', 'gateway'], 10, 5, T)
    const cut = {
      ...attackRecord('stress-2', 'Stress #2', 'stress', ['gateway'], 10, 5, T),
      cutShort: true
    }
    const single = attackRecord('stress-1', 'Stress #1', 'stress', ['gateway'], 0, 1, T)
    single.statistics = { requests: 1, attackSpanS: 0, achievedRate: 0, peakInFlight: 1 }
    const checks = evaluate([warmup, cut, single], [calibration, overhead], fixtureConfig()).checks
    expect(
      ids(checks).filter((id) => /rate$|workers$/.test(id) && !id.includes('success'))
    ).toEqual([])
  })

  it('makes a failing mock provider a validity failure of the measurement, not of the gateway', () => {
    const { attack, overhead } = measured()
    const calibration = phaseRecord(
      'calibration',
      'Calibration',
      'calibration',
      'direct',
      statistics({
        latencyNs: CALIBRATION_NS,
        successes: 29000,
        topErrors: [{ error: '500 Internal Server Error', count: 1000 }]
      }),
      T,
      'overhead'
    )
    const check = evaluate([attack], [calibration, overhead], fixtureConfig()).checks.find(
      (c) => c.id === 'calibration-success-rate'
    )
    expect(check).toMatchObject({ category: 'validity', passed: false })
    expect(check?.detail).toBe(
      'the mock provider itself failed requests (1000 of 30000 requests failed: 1000 × 500 Internal Server Error), so the measurement is invalid, not the gateway slow'
    )
  })

  it('gives no estimate when a side has no successful request', () => {
    const { attack, calibration } = measured()
    const overhead = phaseRecord(
      'overhead',
      'Overhead',
      'overhead',
      'gateway',
      statistics({ latencyNs: { ...CALIBRATION_NS }, successes: 0 }),
      T,
      'overhead'
    )
    const evaluation = evaluate([attack], [calibration, overhead], fixtureConfig())
    expect(evaluation.overhead).toEqual([])
    expect(evaluation.checks.find((c) => c.id === 'overhead-success-rate')?.passed).toBe(false)
    expect(ids(evaluation.checks)).not.toContain('overhead-p50')
  })

  it('names streaming checks apart', () => {
    const { attack, calibration, overhead } = measured()
    const streaming = (phase: PhaseRecord): PhaseRecord => ({
      ...phase,
      id: `${phase.id}-streaming`,
      mode: 'streaming',
      attackId: 'overhead-streaming'
    })
    const config = { ...fixtureConfig(), modes: ['streaming' as const] }
    const evaluation = evaluate(
      [{ ...attack, id: 'overhead-streaming', mode: 'streaming' }],
      [streaming(calibration), streaming(overhead)],
      config
    )
    expect(ids(evaluation.checks)).toContain('overhead-streaming-p50')
    expect(ids(evaluation.checks)).toContain('calibration-streaming-success-rate')
    expect(evaluation.overhead[0]?.mode).toBe('streaming')
  })

  describe('with samples: the interval', () => {
    /** n requests over 10 s; latency = base + a deterministic wiggle of ±50 µs. */
    function samples(n: number, baseNs: number): TargetSamples {
      const sendOffsetsNs = new Float64Array(n)
      const latenciesNs = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        sendOffsetsNs[i] = (i / n) * 10e9
        latenciesNs[i] = baseNs + ((i * 7919) % 101) * 1000 - 50_000
      }
      return { sendOffsetsNs, latenciesNs }
    }

    function withSamples(directNs: number, gatewayBaseNs: number) {
      const { attack, calibration, overhead } = measured()
      calibration.samples = samples(5000, directNs)
      overhead.samples = samples(5000, gatewayBaseNs)
      // The estimate comes from the statistics; make them those of the samples.
      const median = (data: TargetSamples) =>
        [...data.latenciesNs].sort((a, b) => a - b)[2499] as number
      calibration.statistics.latencyNs = { ...CALIBRATION_NS, p50: median(calibration.samples) }
      overhead.statistics.latencyNs = {
        ...gatewayNs(PASSING_OVERHEAD_US),
        p50: median(overhead.samples)
      }
      return evaluate([attack], [calibration, overhead], fixtureConfig())
    }

    it('brackets the overhead and states the method', () => {
      const evaluation = withSamples(100e6, 100.3e6)
      const estimate = evaluation.overhead[0]
      expect(estimate?.estimateUs.p50).toBe(300)
      expect(estimate?.intervalUs?.p50.low).toBeLessThanOrEqual(300)
      expect(estimate?.intervalUs?.p50.high).toBeGreaterThanOrEqual(300)
      expect(estimate?.intervalMethod).toMatch(
        /^95% confidence interval: block bootstrap over 50 time slices of the interleaved attack/
      )
      expect(evaluation.checks.find((c) => c.id === 'overhead-reliable')?.passed).toBe(true)
    })

    it('flags an overhead that lies below zero beyond its interval as unreliable', () => {
      const evaluation = withSamples(100e6, 99e6)
      const reliable = evaluation.checks.find((c) => c.id === 'overhead-reliable')
      expect(reliable).toMatchObject({ category: 'validity', passed: false, limit: 0 })
      expect(reliable?.detail).toMatch(/lies below zero, and a gateway cannot take latency away/)
    })
  })
})
