import { describe, expect, it } from 'vitest'
import { exactPercentileNs, latencyHistogram, latencyStats } from '../../src/load/statistics.js'
import type { HistogramBucket } from '../../src/load/types.js'

/** 1, 2, …, n times `unitNs`, ascending. */
function ascending(n: number, unitNs = 1): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i + 1) * unitNs)
}

/** A seeded generator, so that failures reproduce. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffled(values: Float64Array, random: () => number): Float64Array {
  const copy = values.slice()
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = copy[i] as number
    copy[i] = copy[j] as number
    copy[j] = swap
  }
  return copy
}

describe('exactPercentileNs (nearest rank)', () => {
  it('takes the value at rank ceil(p/100 × n) of 1..100', () => {
    const values = ascending(100)
    expect(exactPercentileNs(values, 0)).toBe(1)
    expect(exactPercentileNs(values, 1)).toBe(1)
    expect(exactPercentileNs(values, 1.5)).toBe(2)
    expect(exactPercentileNs(values, 50)).toBe(50)
    expect(exactPercentileNs(values, 50.1)).toBe(51)
    expect(exactPercentileNs(values, 90)).toBe(90)
    expect(exactPercentileNs(values, 99)).toBe(99)
    expect(exactPercentileNs(values, 99.9)).toBe(100)
    expect(exactPercentileNs(values, 100)).toBe(100)
  })

  it('is not pushed one rank up by floating-point noise (99.9 % of 1000 is rank 999)', () => {
    const values = ascending(1000)
    expect(exactPercentileNs(values, 50)).toBe(500)
    expect(exactPercentileNs(values, 90)).toBe(900)
    expect(exactPercentileNs(values, 95)).toBe(950)
    expect(exactPercentileNs(values, 99)).toBe(990)
    expect(exactPercentileNs(values, 99.9)).toBe(999)
    expect(exactPercentileNs(values, 100)).toBe(1000)
  })

  it('takes the lower neighbour where rank lands exactly on an element of 10 values', () => {
    const values = ascending(10, 1000)
    expect(exactPercentileNs(values, 25)).toBe(3000)
    expect(exactPercentileNs(values, 30)).toBe(3000)
    expect(exactPercentileNs(values, 31)).toBe(4000)
  })

  it('returns the only value of a single element', () => {
    const values = Float64Array.of(7)
    for (const percentile of [0, 50, 99.9, 100])
      expect(exactPercentileNs(values, percentile)).toBe(7)
  })

  it('handles duplicates', () => {
    const values = Float64Array.of(1, 2, 2, 2, 3)
    expect(exactPercentileNs(values, 20)).toBe(1)
    expect(exactPercentileNs(values, 21)).toBe(2)
    expect(exactPercentileNs(values, 50)).toBe(2)
    expect(exactPercentileNs(values, 80)).toBe(2)
    expect(exactPercentileNs(values, 81)).toBe(3)
  })

  it('throws for no values and for percentiles outside 0..100', () => {
    expect(() => exactPercentileNs(new Float64Array(0), 50)).toThrow(RangeError)
    expect(() => exactPercentileNs(ascending(10), -1)).toThrow(RangeError)
    expect(() => exactPercentileNs(ascending(10), 100.5)).toThrow(RangeError)
    expect(() => exactPercentileNs(ascending(10), NaN)).toThrow(RangeError)
  })
})

describe('latencyStats', () => {
  it('computes every statistic of shuffled 1..1000 µs and sorts the array in place', () => {
    const latenciesNs = shuffled(ascending(1000, 1000), seededRandom(1))
    expect(latencyStats(latenciesNs)).toEqual({
      min: 1000,
      mean: 500_500,
      p50: 500_000,
      p90: 900_000,
      p95: 950_000,
      p99: 990_000,
      p999: 999_000,
      max: 1_000_000
    })
    expect(latenciesNs).toEqual(ascending(1000, 1000))
  })

  it('keeps the mean exact where the sum exceeds 2^53 (a plain sum is off by 1 ns here)', () => {
    const latenciesNs = new Float64Array(1_000_000).fill(1e12 + 1)
    const stats = latencyStats(latenciesNs)
    expect(Math.abs(stats.mean - (1e12 + 1))).toBeLessThan(1e-3)
    expect(stats.p50).toBe(1e12 + 1)
  })

  it('keeps the mean exact for a million distinct values around 1e12 ns in any order', () => {
    const latenciesNs = shuffled(
      Float64Array.from({ length: 1_000_000 }, (_, i) => 1e12 + i),
      seededRandom(2)
    )
    const stats = latencyStats(latenciesNs)
    // Sum 10^6 × 10^12 + (10^6 − 1) × 10^6 / 2, so the mean is 10^12 + 499 999.5 exactly.
    expect(Math.abs(stats.mean - 1_000_000_499_999.5)).toBeLessThan(1e-3)
    expect(stats.min).toBe(1e12)
    expect(stats.p50).toBe(1e12 + 499_999)
    expect(stats.p999).toBe(1e12 + 998_999)
    expect(stats.max).toBe(1e12 + 999_999)
  })

  it('throws for no latencies', () => {
    expect(() => latencyStats(new Float64Array(0))).toThrow(RangeError)
  })
})

describe('latencyHistogram', () => {
  function totalCount(buckets: HistogramBucket[]): number {
    return buckets.reduce((sum, bucket) => sum + bucket.count, 0)
  }

  it('splits 1..1000 µs into 100 µs buckets up to p99.9 and puts the maximum beyond', () => {
    expect(latencyHistogram(ascending(1000, 1000))).toEqual([
      { lowerNs: 0, upperNs: 100_000, count: 99 },
      ...Array.from({ length: 9 }, (_, i) => ({
        lowerNs: (i + 1) * 100_000,
        upperNs: (i + 2) * 100_000,
        count: 100
      })),
      { lowerNs: 1_000_000, upperNs: 1_000_000, count: 1 }
    ])
  })

  it('keeps one outlier in its own bucket instead of squashing the others', () => {
    const latenciesNs = Float64Array.from({ length: 1000 }, (_, i) =>
      i < 999 ? 1_000_000 + i * 1000 : 10_000_000_000
    )
    const buckets = latencyHistogram(latenciesNs)
    expect(buckets).toHaveLength(11)
    expect(buckets.slice(0, 10)).toEqual(
      Array.from({ length: 10 }, (_, i) => ({
        lowerNs: 1_000_000 + i * 100_000,
        upperNs: 1_100_000 + i * 100_000,
        count: i < 9 ? 100 : 99
      }))
    )
    expect(buckets[10]).toEqual({ lowerNs: 2_000_000, upperNs: 10_000_000_000, count: 1 })
  })

  it('adds no outlier bucket when the maximum is p99.9', () => {
    // n = 100: p99.9 is rank 100, the maximum.
    expect(latencyHistogram(ascending(100))).toEqual([
      { lowerNs: 0, upperNs: 10, count: 9 },
      ...Array.from({ length: 9 }, (_, i) => ({
        lowerNs: (i + 1) * 10,
        upperNs: (i + 2) * 10,
        count: 10
      })),
      { lowerNs: 100, upperNs: 110, count: 1 }
    ])
  })

  it('gives one bucket for one value or identical values, none for no values', () => {
    expect(latencyHistogram(Float64Array.of(5000))).toEqual([
      { lowerNs: 5000, upperNs: 5001, count: 1 }
    ])
    expect(latencyHistogram(new Float64Array(50).fill(5000))).toEqual([
      { lowerNs: 5000, upperNs: 5001, count: 50 }
    ])
    expect(latencyHistogram(new Float64Array(0))).toEqual([])
  })

  it('counts every value once, with contiguous nice edges, for random latencies', () => {
    const random = seededRandom(3)
    for (const n of [1, 2, 7, 999, 1000, 1001, 12_345]) {
      for (const bucketCount of [1, 5, 12, 40]) {
        const latenciesNs = Float64Array.from({ length: n }, () =>
          Math.round(200_000 + 5_000_000 * random() ** 4 + (random() < 0.002 ? 3e9 : 0))
        ).sort()
        const buckets = latencyHistogram(latenciesNs, bucketCount)
        expect(totalCount(buckets)).toBe(n)
        const first = buckets[0] as HistogramBucket
        const last = buckets[buckets.length - 1] as HistogramBucket
        expect(first.lowerNs).toBeLessThanOrEqual(latenciesNs[0] as number)
        expect(last.upperNs).toBeGreaterThanOrEqual(latenciesNs[n - 1] as number)
        for (let i = 0; i + 1 < buckets.length; i++) {
          const bucket = buckets[i] as HistogramBucket
          expect(bucket.upperNs).toBeGreaterThan(bucket.lowerNs)
          expect((buckets[i + 1] as HistogramBucket).lowerNs).toBe(bucket.upperNs)
        }
        const widthNs = first.upperNs - first.lowerNs
        expect(widthNs / 10 ** Math.floor(Math.log10(widthNs))).toBeOneOf([1, 2, 5])
        // The equal-width buckets, plus at most the one beyond p99.9.
        expect(buckets.length).toBeLessThanOrEqual(bucketCount + 1)
      }
    }
  })

  it('puts edges on whole microseconds for realistic latencies', () => {
    const latenciesNs = Float64Array.from({ length: 500 }, (_, i) => 312_345 + i * 9_871)
    for (const bucket of latencyHistogram(latenciesNs)) expect(bucket.lowerNs % 1000).toBe(0)
  })

  it('rejects a bucket count below 1', () => {
    expect(() => latencyHistogram(ascending(10), 0)).toThrow(RangeError)
    expect(() => latencyHistogram(ascending(10), 2.5)).toThrow(RangeError)
  })
})
