import { describe, expect, it } from 'vitest'

import {
  cpuCostPerRequest,
  cpuCostRegression,
  cpuRegressionCheck,
  cpuRegressionSentence,
  type CostSlices
} from '../../src/analysis/cost.js'
import { mulberry32 } from '../../src/analysis/interval.js'

/** Slices in which every request costs exactly usPerRequest[i] µs of CPU. */
function slicesAt(usPerRequest: number[], requests: number[]): CostSlices {
  return { cpuNs: usPerRequest.map((us, i) => us * 1000 * (requests[i] as number)), requests }
}

const REQUESTS = [90, 110, 100, 95, 105, 100, 98, 102, 100, 100]

/** A machine whose mood scales each slice's CPU per request (415–509 µs, as in issue 14). */
const MOOD_US = [415, 509, 430, 470, 500, 440, 460, 420, 490, 450]

describe('cpuCostPerRequest', () => {
  it('is total CPU over total requests, in µs', () => {
    const cost = cpuCostPerRequest({ cpuNs: [1_000_000, 3_000_000], requests: [10, 30] })
    expect(cost.cpuUsPerRequest).toBe(100)
    expect(cost).toMatchObject({ cpuNs: 4_000_000, requests: 40, slices: 2, confidence: 0.95 })
  })

  it('weighs slices by their requests, not each slice alike', () => {
    const cost = cpuCostPerRequest({ cpuNs: [100_000, 9_000_000], requests: [1, 99] })
    // Mean of the slice ratios would be (100 + 90.9) / 2; per request it is 9.1 ms / 100.
    expect(cost.cpuUsPerRequest).toBeCloseTo(91, 10)
  })

  it('has an interval of zero width when every slice costs the same per request', () => {
    const cost = cpuCostPerRequest(slicesAt(Array(10).fill(450), REQUESTS))
    expect(cost.intervalUs.low).toBeCloseTo(450, 9)
    expect(cost.intervalUs.high).toBeCloseTo(450, 9)
  })

  it('has an interval that holds the estimate and spans the slices when they vary', () => {
    const cost = cpuCostPerRequest(slicesAt(MOOD_US, REQUESTS))
    expect(cost.intervalUs.low).toBeLessThan(cost.cpuUsPerRequest)
    expect(cost.intervalUs.high).toBeGreaterThan(cost.cpuUsPerRequest)
    expect(cost.intervalUs.low).toBeGreaterThanOrEqual(415)
    expect(cost.intervalUs.high).toBeLessThanOrEqual(509)
  })

  it('is repeatable for the same data and seed', () => {
    const slices = slicesAt(MOOD_US, REQUESTS)
    expect(cpuCostPerRequest(slices)).toEqual(cpuCostPerRequest(slices))
    expect(cpuCostPerRequest(slices, { seed: 7 }).intervalUs).not.toEqual(
      cpuCostPerRequest(slices).intervalUs
    )
  })

  it('covers the true cost in about 95% of noisy attacks', () => {
    const random = mulberry32(42)
    const trueUs = 450
    let covered = 0
    const attacks = 200
    for (let attack = 0; attack < attacks; attack++) {
      const requests = Array.from({ length: 20 }, () => 80 + Math.floor(random() * 40))
      // Each slice's cost per request is off by up to ±15% (uniform), mean zero.
      const perRequest = requests.map(() => trueUs * (1 + 0.3 * (random() - 0.5)))
      const { intervalUs } = cpuCostPerRequest(slicesAt(perRequest, requests), {
        seed: attack,
        replicates: 500
      })
      if (intervalUs.low <= trueUs && trueUs <= intervalUs.high) covered++
    }
    expect(covered / attacks).toBeGreaterThanOrEqual(0.9)
    expect(covered / attacks).toBeLessThanOrEqual(0.995)
  })

  it('throws on slices it cannot use, naming the value', () => {
    expect(() => cpuCostPerRequest({ cpuNs: [1, 2], requests: [1] })).toThrow(
      /2 CPU times for 1 request counts/
    )
    expect(() => cpuCostPerRequest({ cpuNs: [1], requests: [1] })).toThrow(/at least 2/)
    expect(() => cpuCostPerRequest({ cpuNs: [1, -5], requests: [1, 1] })).toThrow(
      /slice 1 has CPU time -5 ns/
    )
    expect(() => cpuCostPerRequest({ cpuNs: [1, 2], requests: [1, 0.5] })).toThrow(
      /slice 1 has 0.5 requests/
    )
    expect(() => cpuCostPerRequest({ cpuNs: [1, 2], requests: [0, 0] })).toThrow(/no request/)
  })
})

describe('cpuCostRegression', () => {
  const base = slicesAt(MOOD_US, REQUESTS)
  const head = slicesAt(
    MOOD_US.map((us) => us + 10),
    REQUESTS
  )

  it('reads +10 µs back exactly when the machine moves both alike (paired slices)', () => {
    const regression = cpuCostRegression(base, head)
    expect(regression.regressionUs).toBeCloseTo(10, 9)
    expect(regression.intervalUs.low).toBeCloseTo(10, 9)
    expect(regression.intervalUs.high).toBeCloseTo(10, 9)
    expect(regression.regressionPct).toBeCloseTo((10 / regression.base.cpuUsPerRequest) * 100, 9)
    expect(regression.intervalPct.low).toBeLessThanOrEqual(regression.regressionPct + 1e-9)
    expect(regression.intervalPct.high).toBeGreaterThanOrEqual(regression.regressionPct - 1e-9)
    expect(regression.paired).toBe(true)
    expect(regression.intervalMethod).toMatch(/10 time slices of the interleaved attack/)
  })

  it('is far wider when the same slices are drawn independently', () => {
    const paired = cpuCostRegression(base, head)
    const unpaired = cpuCostRegression(base, head, { paired: false })
    expect(unpaired.regressionUs).toBeCloseTo(paired.regressionUs, 9)
    const width = (r: typeof paired) => r.intervalUs.high - r.intervalUs.low
    expect(width(unpaired)).toBeGreaterThan(20)
    expect(width(paired)).toBeLessThan(1e-6)
  })

  it('gives each gateway its own figure and interval', () => {
    const regression = cpuCostRegression(base, head)
    expect(regression.head.cpuUsPerRequest - regression.base.cpuUsPerRequest).toBeCloseTo(10, 9)
    expect(regression.base.intervalUs).toEqual(cpuCostPerRequest(base).intervalUs)
  })

  it('refuses paired slices of different counts', () => {
    const short = slicesAt([450, 450], [1, 1])
    expect(() => cpuCostRegression(base, short)).toThrow(/base has 10 slices, head 2/)
    expect(() => cpuCostRegression(base, short, { paired: false })).not.toThrow()
  })
})

describe('cpuRegressionCheck', () => {
  const limits = { maxRegressionCpuUs: 10, maxRegressionCpuPct: 2 }
  /** A regression whose interval is exactly [added, added] on a base of baseUs. */
  const exact = (baseUs: number, addedUs: number) =>
    cpuCostRegression(
      slicesAt(Array(10).fill(baseUs), REQUESTS),
      slicesAt(Array(10).fill(baseUs + addedUs), REQUESTS)
    )

  it('fails when the lower bound exceeds both the µs and the % limit', () => {
    const check = cpuRegressionCheck(exact(400, 12), limits)
    expect(check.passed).toBe(false)
    expect(check.value).toBeCloseTo(12, 9)
    expect(check.limit).toBe(10)
    expect(check).toMatchObject({ id: 'regression-cpu', category: 'regression', unit: 'µs' })
    expect(check.detail).toMatch(
      /^head spends 12\.0 µs more CPU per request \(12\.0 … 12\.0 µs, \+3\.0%\)/
    )
  })

  it('passes above the µs limit when within the % limit (an expensive gateway)', () => {
    const check = cpuRegressionCheck(exact(1000, 12), limits)
    expect(check.passed).toBe(true)
    expect(check.limit).toBe(20)
  })

  it('passes above the % limit when within the µs limit (a cheap gateway)', () => {
    const check = cpuRegressionCheck(exact(100, 9), limits)
    expect(check.passed).toBe(true)
    expect(check.limit).toBe(10)
  })

  it('judges the lower bound, so noise alone does not fail', () => {
    const noisyHead = slicesAt(
      MOOD_US.map((us, i) => us + (i % 2 === 0 ? 50 : -20)),
      REQUESTS
    )
    const regression = cpuCostRegression(slicesAt(MOOD_US, REQUESTS), noisyHead)
    expect(regression.regressionUs).toBeGreaterThan(limits.maxRegressionCpuUs)
    expect(regression.intervalUs.low).toBeLessThan(0)
    expect(cpuRegressionCheck(regression, limits).passed).toBe(true)
  })

  it('names the streaming mode', () => {
    const check = cpuRegressionCheck(exact(400, 12), limits, 'streaming')
    expect(check.id).toBe('regression-streaming-cpu')
    expect(check.label).toMatch(/\(streaming\)$/)
    expect(check.mode).toBe('streaming')
  })
})

describe('cpuRegressionSentence', () => {
  const regression = (low: number, high: number, us: number) =>
    ({
      regressionUs: us,
      intervalUs: { low, high },
      regressionPct: us / 4
    }) as Parameters<typeof cpuRegressionSentence>[0]

  it('says more, less, or what could not be resolved', () => {
    expect(cpuRegressionSentence(regression(17.9, 24.6, 21.3))).toBe(
      'head spends 21.3 µs more CPU per request (17.9 … 24.6 µs, +5.3%)'
    )
    expect(cpuRegressionSentence(regression(-24.6, -17.9, -21.3))).toBe(
      'head spends 21.3 µs less CPU per request (-24.6 … -17.9 µs, -5.3%)'
    )
    expect(cpuRegressionSentence(regression(-4.8, 6, 1.2))).toBe(
      'no CPU regression beyond ±6.0 µs per request could be detected (+1.2 µs, -4.8 … 6.0 µs)'
    )
  })
})
