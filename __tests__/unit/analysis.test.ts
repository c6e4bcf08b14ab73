import { describe, expect, it } from 'vitest'

import { overheadUs } from '../../src/analysis/overhead.js'
import {
  decideVerdict,
  describeFailure,
  formatValue,
  makeCheck,
  successPct
} from '../../src/analysis/verdict.js'
import type { LatencyStatsNs } from '../../src/load/types.js'
import { CALIBRATION_NS, PASSING_OVERHEAD_US, check, gatewayNs } from './fixtures.js'

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

describe('successPct', () => {
  it.each([
    [57, 100],
    [29, 100],
    [7, 100],
    [999, 1000]
  ])('gives %d of %d as exactly that percentage', (successes, requests) => {
    // successes / requests × 100 in floating point lands just under 57 or 29; this must not.
    expect(successPct({ successes, requests })).toBe(
      Number(((successes / requests) * 100).toFixed(1))
    )
  })

  it('is 0 without requests', () => {
    expect(successPct({ successes: 0, requests: 0 })).toBe(0)
  })
})

describe('makeCheck', () => {
  const fields = {
    id: 'x',
    label: 'X',
    category: 'overhead' as const,
    unit: 'µs' as const,
    detail: 'why'
  }

  it('passes a max bound at the limit, a min bound at the limit, a below bound under it', () => {
    expect(makeCheck({ ...fields, value: 5, limit: 5, bound: 'max' }).passed).toBe(true)
    expect(makeCheck({ ...fields, value: 5.001, limit: 5, bound: 'max' }).passed).toBe(false)
    expect(makeCheck({ ...fields, value: 5, limit: 5, bound: 'min' }).passed).toBe(true)
    expect(makeCheck({ ...fields, value: 4.999, limit: 5, bound: 'min' }).passed).toBe(false)
    expect(makeCheck({ ...fields, value: 4, limit: 5, bound: 'below' }).passed).toBe(true)
    expect(makeCheck({ ...fields, value: 5, limit: 5, bound: 'below' }).passed).toBe(false)
  })

  it('keeps the detail only when the check fails', () => {
    expect(makeCheck({ ...fields, value: 1, limit: 5, bound: 'max' }).detail).toBeUndefined()
    expect(makeCheck({ ...fields, value: 9, limit: 5, bound: 'max' }).detail).toBe('why')
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
  const failRate = check(
    'overhead-achieved-rate',
    'Overhead: achieved rate',
    90,
    99,
    '%',
    'min',
    false,
    'validity'
  )

  it('passes when every check passed, keeping the warnings', () => {
    expect(decideVerdict([pass], ['slow'])).toEqual({
      passed: true,
      checks: [pass],
      failures: [],
      warnings: ['slow']
    })
  })

  it("lists the failed checks, the measurement's validity first, otherwise in order", () => {
    const verdict = decideVerdict([pass, failP99, pass, failStress, failRate], [])
    expect(verdict.passed).toBe(false)
    expect(verdict.failures).toEqual([failRate, failP99, failStress])
    expect(verdict.checks).toHaveLength(5)
  })

  it('passes with no checks at all', () => {
    expect(decideVerdict([], []).passed).toBe(true)
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

  it('names a cap that was reached, and adds the detail', () => {
    const workers = {
      ...check(
        'overhead-workers',
        'Overhead: requests in flight at the peak',
        30,
        30,
        'requests',
        'below',
        false,
        'validity'
      ),
      detail: 'vegeta ran out of workers'
    }
    expect(describeFailure(workers)).toBe(
      'Overhead: requests in flight at the peak is 30, reaching the cap of 30: vegeta ran out of workers'
    )
  })

  it('rounds µs to one decimal and percentages to two', () => {
    expect(formatValue(5000.04, 'µs')).toBe('5000.0 µs')
    expect(formatValue(5000.06, 'µs')).toBe('5000.1 µs')
    expect(formatValue(99.4966, '%')).toBe('99.50%')
    expect(formatValue(29.6, 'requests')).toBe('30')
  })
})
