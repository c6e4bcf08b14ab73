import { describe, expect, it } from 'vitest'

import { mulberry32, normalQuantile } from '../../src/analysis/interval.js'
import {
  leastSquaresSlope,
  memoryRows,
  rssGrowth,
  studentTQuantile,
  type RssSample
} from '../../src/analysis/slope.js'

/** Standard normal deviates (Box–Muller) from a seeded generator. */
function normals(seed: number): () => number {
  const random = mulberry32(seed)
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** One sample a second for `seconds`, RSS = startMb + mbPerMin·t + noise(t). */
function samplesOf(seconds: number, startMb: number, mbPerMin: number, noise: () => number) {
  return Array.from({ length: seconds }, (_, i): RssSample => ({
    atMs: 1000 * i,
    rssMb: startMb + (mbPerMin * i) / 60 + noise()
  }))
}

describe('studentTQuantile', () => {
  it('matches the t table (two-sided 95% and 99%)', () => {
    // Abramowitz & Stegun Table 26.10 / any t table, to the digits printed there.
    const table: [number, number, number][] = [
      [0.975, 1, 12.706],
      [0.975, 2, 4.303],
      [0.975, 3, 3.182],
      [0.975, 5, 2.571],
      [0.975, 10, 2.228],
      [0.975, 30, 2.042],
      [0.975, 120, 1.98],
      [0.995, 4, 4.604],
      [0.995, 9, 3.25]
    ]
    for (const [p, degrees, t] of table) {
      expect(studentTQuantile(p, degrees), `t(${p}, ${degrees})`).toBeCloseTo(t, 3)
    }
  })

  it('is symmetric and tends to the normal quantile', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12)
    expect(studentTQuantile(0.5, 3)).toBe(0)
    expect(studentTQuantile(0.975, 5000)).toBeCloseTo(normalQuantile(0.975), 3)
  })

  it('refuses what it cannot compute', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/within \(0, 1\)/)
    expect(() => studentTQuantile(0.9, 2.5)).toThrow(/positive integer, got 2.5/)
  })
})

describe('leastSquaresSlope', () => {
  it('recovers an exact line, with an interval of zero width', () => {
    const xs = Array.from({ length: 10 }, (_, i) => i)
    const fit = leastSquaresSlope(
      xs,
      xs.map((x) => 3 + 2 * x)
    )
    expect(fit.slope).toBeCloseTo(2, 12)
    expect(fit.intercept).toBeCloseTo(3, 12)
    expect(fit.interval?.low).toBeCloseTo(2, 12)
    expect(fit.interval?.high).toBeCloseTo(2, 12)
  })

  it('gives the textbook standard error when residuals alternate (nₑ capped at n)', () => {
    // y = 2x + e, e = (1, −1, −1, 1, −1, 1, 1, −1): orthogonal to 1 and x, so the fit is exact
    // (b = 2, a = 0) and e are the residuals; r₁ = −3/8, Σe² = 8, Sxx = 42, ν = 6.
    const e = [1, -1, -1, 1, -1, 1, 1, -1]
    const xs = e.map((_, i) => i)
    const fit = leastSquaresSlope(
      xs,
      xs.map((x, i) => 2 * x + (e[i] as number))
    )
    expect(fit.slope).toBeCloseTo(2, 12)
    expect(fit.intercept).toBeCloseTo(0, 12)
    expect(fit.residualLag1Autocorrelation).toBeCloseTo(-3 / 8, 12)
    expect(fit.effectiveSamples).toBe(8)
    expect(fit.degrees).toBe(6)
    const standardError = Math.sqrt(8 / 6 / 42)
    expect(fit.standardError).toBeCloseTo(standardError, 12)
    const half = 2.446912 * standardError
    expect(fit.interval?.low).toBeCloseTo(2 - half, 5)
    expect(fit.interval?.high).toBeCloseTo(2 + half, 5)
  })

  it('counts correlated residuals as fewer samples', () => {
    // Residuals in runs of four: r₁ = 1/2 by hand on e = (1, 1, 1, 1, −1, −1, −1, −1, …).
    const e = Array.from({ length: 16 }, (_, i) => (Math.floor(i / 4) % 2 === 0 ? 1 : -1))
    const fit = leastSquaresSlope(
      e.map((_, i) => i),
      e.map((value) => 5 + value)
    )
    const c = 0.68 / 4
    expect(fit.effectiveSamples).toBeCloseTo(
      (16 * (1 - fit.residualLag1Autocorrelation - c)) / (1 + fit.residualLag1Autocorrelation + c),
      12
    )
    expect(fit.effectiveSamples).toBeLessThan(8)
  })

  it('leaves the interval out when too few samples remain', () => {
    expect(leastSquaresSlope([0, 1], [0, 1]).interval).toBeUndefined()
    expect(leastSquaresSlope([0, 1], [0, 1]).slope).toBeCloseTo(1, 12)
  })

  it('throws on samples it cannot fit', () => {
    expect(() => leastSquaresSlope([0, 1], [0])).toThrow(/2 x values for 1 y values/)
    expect(() => leastSquaresSlope([0], [0])).toThrow(/at least 2 samples, got 1/)
    expect(() => leastSquaresSlope([1, 1, 1], [0, 1, 2])).toThrow(/same x/)
    expect(() => leastSquaresSlope([0, 1], [0, Number.NaN])).toThrow(/finite/)
  })
})

describe('rssGrowth', () => {
  it('reads a known growth back in MiB per minute, inside its interval', () => {
    const noise = normals(1)
    const growth = rssGrowth(samplesOf(120, 50, 4, () => 0.5 * noise()))
    expect(growth.mbPerMin).toBeCloseTo(4, 0)
    expect(growth.intervalMbPerMin?.low).toBeLessThan(4)
    expect(growth.intervalMbPerMin?.high).toBeGreaterThan(4)
    expect(growth.samples).toBe(120)
    expect(growth.durationS).toBe(119)
  })

  it('rarely claims growth from flat noise (about 5% of runs)', () => {
    let flagged = 0
    const runs = 400
    for (let run = 0; run < runs; run++) {
      const noise = normals(run + 100)
      const growth = rssGrowth(samplesOf(60, 80, 0, () => 2 * noise()))
      if ((growth.intervalMbPerMin?.low ?? 0) > 0) flagged++
    }
    // One-sided: the lower bound lies above zero in 2.5% of runs for a 95% interval.
    expect(flagged / runs).toBeLessThanOrEqual(0.05)
  })

  it('widens the interval for autocorrelated noise, so a GC sawtooth is not a leak', () => {
    // AR(1) noise (φ = 0.9): neighbouring samples alike, as RSS between GC cycles.
    let flagged = 0
    let flaggedNaively = 0
    const runs = 400
    for (let run = 0; run < runs; run++) {
      const noise = normals(run + 1000)
      let previous = 0
      const growth = rssGrowth(
        samplesOf(60, 80, 0, () => {
          previous = 0.9 * previous + noise()
          return previous
        })
      )
      if ((growth.intervalMbPerMin?.low ?? 0) > 0) flagged++
      // The same fit as if the samples were independent: n − 2 degrees of freedom.
      const { fit } = growth
      const naiveSe =
        (fit.standardError as number) * Math.sqrt((fit.effectiveSamples - 2) / (fit.samples - 2))
      const naiveLow = fit.slope - studentTQuantile(0.975, fit.samples - 2) * naiveSe
      if (naiveLow > 0) flaggedNaively++
    }
    expect(flagged / runs).toBeLessThanOrEqual(0.05)
    expect(flaggedNaively / runs).toBeGreaterThan(0.1)
  })
})

describe('memoryRows', () => {
  const growth = rssGrowth(samplesOf(30, 50, 3, () => 0))

  it('lists idle, steady, recovered and growth with units, skipping missing readings', () => {
    const rows = memoryRows({ idleRssMb: 20, steadyRssMb: 35, growth })
    expect(rows.map((row) => [row.id, row.unit])).toEqual([
      ['rss-idle', 'MiB'],
      ['rss-steady', 'MiB'],
      ['rss-growth', 'MiB/min']
    ])
    expect(rows[2]?.value).toBeCloseTo(3, 9)
    expect(rows[2]?.interval).toEqual(growth.intervalMbPerMin)
    expect(rows.every((row) => row.worse === 'higher' && row.base === undefined)).toBe(true)
  })

  it('carries base and head − base where base has the reading', () => {
    const rows = memoryRows({ idleRssMb: 20, recoveredRssMb: 30 }, { idleRssMb: 18 })
    expect(rows[0]).toMatchObject({ id: 'rss-idle', value: 20, base: 18, regression: 2 })
    expect(rows[1]).toMatchObject({ id: 'rss-recovered', value: 30 })
    expect(rows[1]?.base).toBeUndefined()
  })
})
