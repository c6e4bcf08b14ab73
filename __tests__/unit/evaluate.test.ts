import { describe, expect, it } from 'vitest'
import {
  evaluate,
  regressionLimitUs,
  regressionSentence,
  type RegressionEstimate
} from '../../src/analysis/evaluate.js'
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
      'calibration-excess',
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

  it('makes direct requests that came back late a saturated runner, not a slow gateway', () => {
    const config = fixtureConfig()
    const { attack, overhead } = measured()
    // 400 µs beyond the mock provider's 1000 ms passes, and so does the limit itself; 46 ms,
    // as in the saturated full-size run of docs/benchmarks.md, fails.
    const excessOf = (p50ExcessUs: number, successes = 30000) =>
      evaluate(
        [attack],
        [
          phaseRecord(
            'calibration',
            'Calibration',
            'calibration',
            'direct',
            statistics({
              latencyNs: { ...CALIBRATION_NS, p50: 1_000_000_000 + p50ExcessUs * 1000 },
              successes
            }),
            T,
            'overhead'
          ),
          overhead
        ],
        config
      ).checks.find((check) => check.id === 'calibration-excess')
    expect(excessOf(400)).toMatchObject({ value: 400, limit: 10000, passed: true })
    expect(excessOf(config.maxCalibrationExcessUs)?.passed).toBe(true)
    const late = excessOf(46000)
    expect(late).toMatchObject({ category: 'validity', value: 46000, passed: false })
    expect(late?.detail).toBe(
      "direct requests to the mock provider took 1046.0 ms at p50 for its 1000 ms latency, so the runner could not keep up (its CPU saturated by vegeta, the mock provider or the gateway itself) and the latencies through the gateway are the runner's, not the gateway's; lower rate or use a larger runner, and if only this change saturates it, look at the gateway's CPU use"
    )
    // Without a valid direct request there is no p50 to judge: the success rate fails instead.
    expect(excessOf(46000, 0)).toBeUndefined()
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
    expect(ids(evaluation.checks)).toContain('calibration-streaming-excess')
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

  describe('head against base', () => {
    /** n requests over 10 s; latency = base + a deterministic wiggle of ±50 µs. */
    function samples(n: number, baseNs: number, seed: number): TargetSamples {
      const sendOffsetsNs = new Float64Array(n)
      const latenciesNs = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        sendOffsetsNs[i] = (i / n) * 10e9
        latenciesNs[i] = baseNs + (((i + seed) * 7919) % 101) * 1000 - 50_000
      }
      return { sendOffsetsNs, latenciesNs }
    }

    const stats = (data: TargetSamples) => {
      const sorted = [...data.latenciesNs].sort((a, b) => a - b)
      const at = (p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1] as number
      return {
        min: sorted[0] as number,
        mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
        p50: at(50),
        p90: at(90),
        p95: at(95),
        p99: at(99),
        p999: at(99.9),
        max: sorted.at(-1) as number
      }
    }

    /** direct at 100 ms, base at +300 µs, head at +300 µs + addedUs. */
    function compare(addedUs: number, config = fixtureConfig()) {
      const attack = attackRecord(
        'overhead',
        'Overhead',
        'measure',
        ['direct', 'gateway'],
        3000,
        3100,
        T
      )
      attack.configuredRate = 3000
      const phase = (
        id: string,
        role: PhaseRecord['role'],
        target: PhaseRecord['target'],
        data: TargetSamples
      ): PhaseRecord => ({
        ...phaseRecord(
          id,
          id,
          role,
          target as 'direct',
          statistics({ latencyNs: stats(data) }),
          T,
          'overhead'
        ),
        target,
        samples: data
      })
      const direct = samples(6000, 100e6, 1)
      const base = samples(6000, 100.3e6, 2)
      const head = samples(6000, 100.3e6 + addedUs * 1000, 3)
      return evaluate(
        [attack],
        [
          phase('calibration', 'calibration', 'direct', direct),
          phase('overhead-base', 'base-overhead', 'base', base),
          phase('overhead', 'overhead', 'gateway', head)
        ],
        config
      )
    }

    it('passes identical builds: the regression interval holds zero', () => {
      const evaluation = compare(0)
      const regression = evaluation.regression[0]
      expect(regression?.baseOverheadUs.p50).toBeCloseTo(300, 0)
      expect(regression?.headOverheadUs.p50).toBeCloseTo(300, 0)
      expect(regression?.intervalUs?.p50.low).toBeLessThanOrEqual(0)
      expect(regression?.intervalUs?.p50.high).toBeGreaterThanOrEqual(0)
      const regressionChecks = evaluation.checks.filter((c) => c.category === 'regression')
      expect(regressionChecks.map((c) => c.id)).toEqual([
        'regression-mean',
        'regression-p50',
        'regression-p90',
        'regression-p95',
        'regression-p99'
      ])
      expect(regressionChecks.every((c) => c.passed)).toBe(true)
      expect(evaluation.checks.find((c) => c.id === 'overhead-base-success-rate')?.passed).toBe(
        true
      )
    })

    it('fails a head that adds 300 µs, on the lower bound, naming the regression', () => {
      const evaluation = compare(300)
      const p50 = evaluation.checks.find((c) => c.id === 'regression-p50')
      expect(p50?.passed).toBe(false)
      expect(p50?.limit).toBe(100)
      expect(p50?.value).toBeGreaterThan(100)
      expect(p50?.value).toBeLessThanOrEqual(300)
      expect(p50?.detail).toMatch(/^head adds 3\d\d\.\d µs \(\d+\.\d µs … \d+\.\d µs\) at p50$/)
      // The absolute limits still apply to head, and pass here.
      expect(evaluation.checks.find((c) => c.id === 'overhead-p50')?.passed).toBe(true)
    })

    it('names a base-ref in the regression and its checks: head is slower than the tag', () => {
      const config = {
        ...fixtureConfig(),
        base: {
          source: { kind: 'git-ref' as const, repositoryPath: '/src/bifrost', ref: 'v1.2.0' }
        }
      }
      const evaluation = compare(300, config)
      expect(evaluation.regression[0]?.baseRef).toBe('v1.2.0')
      const p50 = evaluation.checks.find((c) => c.id === 'regression-p50')
      expect(p50?.passed).toBe(false)
      expect(p50?.detail).toMatch(
        /^head is 3\d\d\.\d µs slower than v1\.2\.0 \(\d+\.\d µs … \d+\.\d µs\) at p50$/
      )
      // Another kind of base has no name to give: the sentence says what head adds.
      expect(compare(300).regression[0]?.baseRef).toBeUndefined()
    })
  })

  describe('regressionSentence and regressionLimitUs', () => {
    const estimate = (low: number, value: number, high: number): RegressionEstimate => {
      const stat = { min: 0, mean: 0, p50: value, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 }
      const interval = { low, high }
      const intervals = {
        min: interval,
        mean: interval,
        p50: interval,
        p90: interval,
        p95: interval,
        p99: interval,
        p999: interval,
        max: interval
      }
      return {
        mode: 'non-streaming',
        basePhaseId: 'overhead-base',
        headPhaseId: 'overhead',
        baseOverheadUs: { ...stat, p50: 400 },
        headOverheadUs: stat,
        regressionUs: stat,
        intervalUs: intervals,
        confidence: 0.95,
        intervalMethod: 'x'
      }
    }

    it('says what head adds, saves, or what could not be resolved', () => {
      expect(regressionSentence(estimate(250, 300, 350), 'p50')).toBe(
        'head adds 300.0 µs (250.0 µs … 350.0 µs) at p50'
      )
      expect(regressionSentence(estimate(-350, -300, -250), 'p50')).toBe(
        'head saves 300.0 µs (-350.0 µs … -250.0 µs) at p50'
      )
      expect(regressionSentence(estimate(-60, 5, 40), 'p50')).toBe(
        'no regression beyond ±60.0 µs could be detected at this load (p50: 5.0 µs, -60.0 µs … 40.0 µs)'
      )
    })

    it('names the base-ref: slower or faster than it, or no regression against it', () => {
      const named = (low: number, value: number, high: number): RegressionEstimate => ({
        ...estimate(low, value, high),
        baseRef: 'v1.2.0'
      })
      expect(regressionSentence(named(250, 300, 350), 'p50')).toBe(
        'head is 300.0 µs slower than v1.2.0 (250.0 µs … 350.0 µs) at p50'
      )
      expect(regressionSentence(named(-350, -300, -250), 'p50')).toBe(
        'head is 300.0 µs faster than v1.2.0 (-350.0 µs … -250.0 µs) at p50'
      )
      expect(regressionSentence(named(-60, 5, 40), 'p50')).toBe(
        'no regression against v1.2.0 beyond ±60.0 µs could be detected at this load (p50: 5.0 µs, -60.0 µs … 40.0 µs)'
      )
      const withoutInterval = named(0, -20, 0)
      delete withoutInterval.intervalUs
      expect(regressionSentence(withoutInterval, 'p50')).toBe(
        'head is 20.0 µs faster than v1.2.0 at p50 (no interval: the samples were not kept)'
      )
    })

    it('allows the larger of the µs limit and the share of the base overhead', () => {
      const config = fixtureConfig()
      expect(regressionLimitUs('p50', estimate(0, 0, 0), config)).toBe(100)
      expect(regressionLimitUs('p50', estimate(0, 0, 0), { ...config, maxRegressionPct: 50 })).toBe(
        200
      )
      expect(regressionLimitUs('p50', estimate(0, 0, 0), { ...config, maxRegressionPct: 10 })).toBe(
        100
      )
      expect(
        regressionLimitUs('p50', estimate(0, 0, 0), {
          ...config,
          maxRegressionUs: {},
          maxRegressionPct: 10
        })
      ).toBe(40)
      expect(
        regressionLimitUs('p50', estimate(0, 0, 0), { ...config, maxRegressionUs: {} })
      ).toBeUndefined()
    })
  })
})
