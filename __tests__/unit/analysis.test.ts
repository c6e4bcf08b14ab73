import { describe, expect, it } from 'vitest'

import { overheadUs } from '../../src/analysis/overhead.js'
import {
  decideVerdict,
  describeFailure,
  formatValue,
  overheadChecks,
  RATE_SHORTFALL_FLAG,
  rateShortfallWarning,
  successRateCheck
} from '../../src/analysis/verdict.js'
import type { LatencyStatsNs } from '../../src/load/types.js'
import {
  CALIBRATION_NS,
  PASSING_OVERHEAD_US,
  check,
  fixtureConfig,
  gatewayNs,
  statistics
} from './fixtures.js'

describe('overheadUs', () => {
  it('subtracts calibration from gateway per statistic and converts ns to µs', () => {
    const calibration: LatencyStatsNs = {
      min: 1_000_000_000,
      mean: 1_000_500_000,
      p50: 1_000_400_000,
      p90: 1_000_900_000,
      p95: 1_001_000_000,
      p99: 1_002_000_000,
      p999: 1_005_000_000,
      max: 1_010_000_000
    }
    const gateway: LatencyStatsNs = {
      min: 1_000_150_000, // +150 µs
      mean: 1_001_700_500, // +1200.5 µs
      p50: 1_001_400_000, // +1000 µs
      p90: 1_003_400_000, // +2500 µs
      p95: 1_005_000_000, // +4000 µs
      p99: 1_011_000_000, // +9000 µs
      p999: 1_035_000_000, // +30000 µs
      max: 1_070_000_000 // +60000 µs
    }
    expect(overheadUs(calibration, gateway)).toEqual({
      min: 150,
      mean: 1200.5,
      p50: 1000,
      p90: 2500,
      p95: 4000,
      p99: 9000,
      p999: 30000,
      max: 60000
    })
  })

  it('keeps sub-microsecond differences and negative overheads', () => {
    const base: LatencyStatsNs = {
      min: 1000,
      mean: 1000,
      p50: 1000,
      p90: 1000,
      p95: 1000,
      p99: 1000,
      p999: 1000,
      max: 1000
    }
    const overhead = overheadUs(base, { ...base, min: 500, p50: 1250, max: 1001 })
    expect(overhead.min).toBe(-0.5)
    expect(overhead.p50).toBe(0.25)
    expect(overhead.max).toBe(0.001)
    expect(overhead.mean).toBe(0)
  })

  it('subtracts each statistic from the same statistic, not from another', () => {
    const calibration = { ...CALIBRATION_NS }
    const overhead = overheadUs(calibration, gatewayNs(PASSING_OVERHEAD_US))
    expect(overhead.p99).toBe(9000)
    expect(overhead.p999).toBe(30000)
    expect(overhead.mean).toBeCloseTo(1200.456, 9)
    expect(Object.keys(overhead).sort()).toEqual(
      ['max', 'mean', 'min', 'p50', 'p90', 'p95', 'p99', 'p999'].sort()
    )
  })
})

describe('overheadChecks', () => {
  const config = fixtureConfig() // limits mean 5000, p50 5000, p90 10000, p95 20000, p99 100000

  const atLimit = {
    min: 99999,
    mean: 5000,
    p50: 5000,
    p90: 10000,
    p95: 20000,
    p99: 100000,
    p999: 999999,
    max: 999999
  }

  it('checks mean, p50, p90, p95 and p99 (not min, p99.9 or max) as upper bounds', () => {
    const checks = overheadChecks(atLimit, config)
    expect(checks).toEqual([
      check('overhead-mean', 'Mean overhead', 5000, 5000, 'µs', 'max', true),
      check('overhead-p50', 'P50 overhead', 5000, 5000, 'µs', 'max', true),
      check('overhead-p90', 'P90 overhead', 10000, 10000, 'µs', 'max', true),
      check('overhead-p95', 'P95 overhead', 20000, 20000, 'µs', 'max', true),
      check('overhead-p99', 'P99 overhead', 100000, 100000, 'µs', 'max', true)
    ])
  })

  it.each(['mean', 'p50', 'p90', 'p95', 'p99'] as const)(
    'fails %s just above its limit, and only that check',
    (key) => {
      const checks = overheadChecks({ ...atLimit, [key]: atLimit[key] + 0.001 }, config)
      expect(checks.filter((c) => !c.passed).map((c) => c.id)).toEqual([`overhead-${key}`])
      const failed = checks.find((c) => c.id === `overhead-${key}`)
      expect(failed?.value).toBe(atLimit[key] + 0.001)
      expect(failed?.limit).toBe(atLimit[key])
    }
  )

  it('passes negative overheads and uses the configured limits', () => {
    const strict = { ...config, maxOverheadUs: { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0 } }
    const negative = { ...atLimit, mean: -3, p50: -1, p90: 0, p95: -0.5, p99: 0.1 }
    expect(overheadChecks(negative, strict).map((c) => c.passed)).toEqual([
      true,
      true,
      true,
      true,
      false
    ])
  })
})

describe('successRateCheck', () => {
  it('is a lower bound in percent: exactly the minimum passes', () => {
    const phase = statistics({ latencyNs: CALIBRATION_NS, requests: 30000, successes: 29850 })
    expect(
      successRateCheck('stress-1-success-rate', 'Stress #1 success rate', phase, 99.5)
    ).toEqual(
      check('stress-1-success-rate', 'Stress #1 success rate', 99.5, 99.5, '%', 'min', true)
    )
  })

  it('fails one request below the minimum', () => {
    const phase = statistics({ latencyNs: CALIBRATION_NS, requests: 30000, successes: 29849 })
    const result = successRateCheck('stress-1-success-rate', 'Stress #1 success rate', phase, 99.5)
    expect(result.passed).toBe(false)
    expect(result.value).toBeCloseTo(99.49667, 5)
    expect(result.bound).toBe('min')
  })

  it.each([
    [57, 100],
    [29, 100],
    [7, 100],
    [999, 1000]
  ])('passes %d of %d successes at exactly that percentage', (successes, requests) => {
    // successes / requests × 100 in floating point lands just under 57 or 29; the check must not.
    const phase = statistics({ latencyNs: CALIBRATION_NS, requests, successes })
    const limit = (successes / requests) * 100
    const minimum = Number(limit.toFixed(1))
    const result = successRateCheck('x', 'X', phase, minimum)
    expect(result.passed).toBe(true)
    expect(result.value).toBe(minimum)
  })

  it('passes 100 % only when every request succeeded', () => {
    const all = statistics({ latencyNs: CALIBRATION_NS, requests: 30000, successes: 30000 })
    const allButOne = statistics({ latencyNs: CALIBRATION_NS, requests: 30000, successes: 29999 })
    expect(successRateCheck('s', 'S', all, 100).passed).toBe(true)
    expect(successRateCheck('s', 'S', allButOne, 100).passed).toBe(false)
  })

  it('counts a phase without requests as 0 %', () => {
    const none = statistics({ latencyNs: CALIBRATION_NS, requests: 0, successes: 0 })
    const result = successRateCheck('s', 'S', { ...none, successRatio: 0 }, 1)
    expect(result.value).toBe(0)
    expect(result.passed).toBe(false)
    expect(successRateCheck('s', 'S', { ...none, successRatio: 0 }, 0).passed).toBe(true)
  })
})

describe('rateShortfallWarning', () => {
  const phaseAt = (achievedRate: number) => statistics({ latencyNs: CALIBRATION_NS, achievedRate })

  it('flags more than 2 % under the configured rate', () => {
    expect(RATE_SHORTFALL_FLAG).toBe(0.02)
    expect(rateShortfallWarning('Stress #2', phaseAt(950), 1000)).toBe(
      'Stress #2: achieved 950.0 RPS, 5.0% under the configured 1000 RPS; the load generator could not keep up, so latencies may hide waiting.'
    )
  })

  it('says nothing at exactly 2 % under, or at or above the rate', () => {
    expect(rateShortfallWarning('Overhead', phaseAt(980), 1000)).toBeUndefined()
    expect(rateShortfallWarning('Overhead', phaseAt(1000), 1000)).toBeUndefined()
    expect(rateShortfallWarning('Overhead', phaseAt(1003.7), 1000)).toBeUndefined()
  })

  it('says nothing for a phase too short to measure a rate (fewer than 2 requests, no span)', () => {
    const short = (requests: number, attackSpanS: number) =>
      statistics({ latencyNs: CALIBRATION_NS, requests, attackSpanS, achievedRate: 0 })
    expect(rateShortfallWarning('Overhead', short(0, 0), 1000)).toBeUndefined()
    expect(rateShortfallWarning('Overhead', short(1, 0), 1000)).toBeUndefined()
    expect(rateShortfallWarning('Overhead', short(5, 0), 1000)).toBeUndefined()
    // Two requests over a measurable span do have a rate, and this one is far too low.
    expect(rateShortfallWarning('Overhead', short(2, 1), 1000)).toMatch(/achieved 0\.0 RPS/)
  })

  it('flags just past 2 % under', () => {
    const warning = rateShortfallWarning('Calibration', phaseAt(979.9), 1000)
    expect(warning).toMatch(
      /^Calibration: achieved 979\.9 RPS, 2\.0% under the configured 1000 RPS;/
    )
  })
})

describe('decideVerdict', () => {
  const pass = check('overhead-mean', 'Mean overhead', 10, 5000, 'µs', 'max', true)
  const failP99 = check('overhead-p99', 'P99 overhead', 120000, 100000, 'µs', 'max', false)
  const failStress = check(
    'stress-2-success-rate',
    'Stress #2 success rate',
    99,
    100,
    '%',
    'min',
    false
  )

  it('passes when every check passed, keeping the warnings', () => {
    expect(decideVerdict([pass], ['slow'])).toEqual({
      passed: true,
      checks: [pass],
      failures: [],
      warnings: ['slow']
    })
  })

  it('lists exactly the failed checks, in order', () => {
    const verdict = decideVerdict([pass, failP99, pass, failStress], [])
    expect(verdict.passed).toBe(false)
    expect(verdict.failures).toEqual([failP99, failStress])
    expect(verdict.checks).toHaveLength(4)
  })

  it('passes with no checks at all', () => {
    expect(decideVerdict([], []).passed).toBe(true)
  })

  it('builds from real checks: p99 over and a stress run under its minimum', () => {
    const overhead = { ...PASSING_OVERHEAD_US, p99: 100000.5 }
    const stress = statistics({ latencyNs: CALIBRATION_NS, requests: 1000, successes: 995 })
    const verdict = decideVerdict(
      [
        ...overheadChecks(overhead, fixtureConfig()),
        successRateCheck('stress-1-success-rate', 'Stress #1 success rate', stress, 99.5),
        successRateCheck('stress-2-success-rate', 'Stress #2 success rate', stress, 99.6)
      ],
      []
    )
    expect(verdict.failures.map((c) => [c.id, c.value, c.limit])).toEqual([
      ['overhead-p99', 100000.5, 100000],
      ['stress-2-success-rate', 99.5, 99.6]
    ])
  })
})

describe('describeFailure and formatValue', () => {
  it('names an upper-bound check, its value and its limit in µs', () => {
    expect(
      describeFailure(check('overhead-p99', 'P99 overhead', 120000, 100000, 'µs', 'max', false))
    ).toBe('P99 overhead is 120000.0 µs, above the limit of 100000.0 µs')
  })

  it('names a lower-bound check, its value and its minimum in percent', () => {
    expect(
      describeFailure(
        check('stress-1-success-rate', 'Stress #1 success rate', 99, 100, '%', 'min', false)
      )
    ).toBe('Stress #1 success rate is 99.00%, below the minimum of 100.00%')
  })

  it('rounds µs to one decimal and percentages to two', () => {
    expect(formatValue(5000.04, 'µs')).toBe('5000.0 µs')
    expect(formatValue(5000.06, 'µs')).toBe('5000.1 µs')
    expect(formatValue(99.4966, '%')).toBe('99.50%')
  })
})
