import { describe, expect, it } from 'vitest'
import {
  blockCountFor,
  bootstrapIntervals,
  cutIntoBlocks,
  expandedTailProbability,
  normalCdf,
  normalQuantile,
  studentTQuantileFromNormal,
  type SampleSet
} from '../../src/analysis/interval.js'
import type { TargetSamples } from '../../src/load/types.js'

/** A seeded normal generator (Box–Muller over a small LCG), so the data is the same each run. */
function normalGenerator(seed: number): () => number {
  let state = seed >>> 0
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state + 0.5) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
}

/**
 * n requests sent evenly over spanNs; latency = baseNs + sdNs × noise + drift of the slice the
 * request falls in (drift[k] for the k-th of drift.length equal slices).
 */
function samples(
  n: number,
  spanNs: number,
  baseNs: number,
  sdNs: number,
  normal: () => number,
  drift: number[] = [0]
): TargetSamples {
  const sendOffsetsNs = new Float64Array(n)
  const latenciesNs = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const sentNs = (i / n) * spanNs
    const slice = Math.min(drift.length - 1, Math.floor((sentNs / spanNs) * drift.length))
    sendOffsetsNs[i] = sentNs
    latenciesNs[i] = Math.round(baseNs + sdNs * normal() + (drift[slice] as number))
  }
  return { sendOffsetsNs, latenciesNs }
}

const SPAN_NS = 10e9
const BLOCKS = 20

function set(key: string, attackId: string, data: TargetSamples): SampleSet {
  return { key, attackId, blocked: cutIntoBlocks(data, 0, SPAN_NS, BLOCKS) }
}

describe('blockCountFor', () => {
  it('cuts two slices a second, between 10 and 50', () => {
    expect(blockCountFor(2)).toBe(10)
    expect(blockCountFor(5)).toBe(10)
    expect(blockCountFor(12)).toBe(24)
    expect(blockCountFor(30)).toBe(50)
    expect(blockCountFor(3600)).toBe(50)
  })
})

describe('cutIntoBlocks', () => {
  it('puts each sample in the slice of its send time, sorted, with each slice sum', () => {
    const blocked = cutIntoBlocks(
      {
        sendOffsetsNs: Float64Array.from([0, 10, 55, 99, 100, -5, 250]),
        latenciesNs: Float64Array.from([7, 3, 5, 1, 9, 4, 2])
      },
      0,
      100,
      2
    )
    // [0, 50): 0, 10 and the early -5; [50, 100]: 55, 99, 100 and the late 250.
    expect(blocked.blocks.map((block) => [...block])).toEqual([
      [3, 4, 7],
      [1, 2, 5, 9]
    ])
    expect([...blocked.sums]).toEqual([14, 17])
    expect([...blocked.sorted]).toEqual([1, 2, 3, 4, 5, 7, 9])
  })

  it('refuses a slice count that is not a positive integer', () => {
    const data = { sendOffsetsNs: new Float64Array(1), latenciesNs: new Float64Array(1) }
    expect(() => cutIntoBlocks(data, 0, 1, 0)).toThrow(RangeError)
    expect(() => cutIntoBlocks(data, 0, 1, 1.5)).toThrow(RangeError)
  })
})

describe('bootstrapIntervals', () => {
  const normal = normalGenerator(7)
  // Independent noise, sd 1 ms, 20 000 requests each; the gateway adds 300 µs.
  const direct = samples(20_000, SPAN_NS, 100e6, 1e6, normal)
  const gateway = samples(20_000, SPAN_NS, 100.3e6, 1e6, normal)
  const contrast = [{ id: 'overhead', plus: 'gateway', minus: 'direct' }]

  it('covers the true difference, about as wide as theory says', () => {
    const intervals = bootstrapIntervals(
      [set('direct', 'a', direct), set('gateway', 'a', gateway)],
      contrast
    ).get('overhead')
    if (!intervals) throw new Error('no interval')
    // Mean difference: sd √(2 × 1 ms² / 20 000) = 10 µs; a 95% interval is ±19.6 µs.
    expect(intervals.mean.low).toBeLessThan(300e3)
    expect(intervals.mean.high).toBeGreaterThan(300e3)
    const meanWidth = intervals.mean.high - intervals.mean.low
    expect(meanWidth).toBeGreaterThan(25e3)
    expect(meanWidth).toBeLessThan(60e3)
    // The median of a normal sample varies √(π/2) times as much as the mean.
    expect(intervals.p50.low).toBeLessThan(300e3)
    expect(intervals.p50.high).toBeGreaterThan(300e3)
    expect(intervals.p50.high - intervals.p50.low).toBeLessThan(90e3)
  })

  it('gives the same interval for the same data: the seed is fixed', () => {
    const sets = [set('direct', 'a', direct), set('gateway', 'a', gateway)]
    expect(bootstrapIntervals(sets, contrast)).toEqual(bootstrapIntervals(sets, contrast))
  })

  it('cancels drift that hits both targets of one attack, and not that of two attacks', () => {
    // The machine slows down and speeds up by up to ±5 ms from one second to the next.
    const drift = Array.from({ length: 10 }, (_, k) => 5e6 * Math.sin(k * 1.7))
    const driftNormal = normalGenerator(11)
    const driftedDirect = samples(20_000, SPAN_NS, 100e6, 1e6, driftNormal, drift)
    const driftedGateway = samples(20_000, SPAN_NS, 100.3e6, 1e6, driftNormal, drift)
    const paired = bootstrapIntervals(
      [set('direct', 'a', driftedDirect), set('gateway', 'a', driftedGateway)],
      contrast
    ).get('overhead')
    const unpaired = bootstrapIntervals(
      [set('direct', 'a', driftedDirect), set('gateway', 'b', driftedGateway)],
      contrast
    ).get('overhead')
    if (!paired || !unpaired) throw new Error('no interval')
    const pairedWidth = paired.mean.high - paired.mean.low
    const unpairedWidth = unpaired.mean.high - unpaired.mean.low
    expect(paired.mean.low).toBeLessThan(300e3)
    expect(paired.mean.high).toBeGreaterThan(300e3)
    expect(pairedWidth).toBeLessThan(60e3)
    // Drawn independently, the drift no longer cancels: the interval is many times wider.
    expect(unpairedWidth).toBeGreaterThan(5 * pairedWidth)
  })

  it('holds the true difference in about 95% of repeated experiments', () => {
    const repeatNormal = normalGenerator(23)
    let covered = 0
    const experiments = 40
    for (let experiment = 0; experiment < experiments; experiment++) {
      const a = samples(2000, SPAN_NS, 100e6, 1e6, repeatNormal)
      const b = samples(2000, SPAN_NS, 100.3e6, 1e6, repeatNormal)
      const interval = bootstrapIntervals(
        [set('direct', 'x', a), set('gateway', 'x', b)],
        contrast,
        { replicates: 400, seed: experiment + 1 }
      ).get('overhead')?.p50
      if (interval && interval.low <= 300e3 && 300e3 <= interval.high) covered++
    }
    // Binomial(40, 0.95) falls below 34 about 1.5% of the time; the data here is fixed.
    expect(covered).toBeGreaterThanOrEqual(34)
  })

  it('gives NaN bounds for a target without samples', () => {
    const empty = { sendOffsetsNs: new Float64Array(0), latenciesNs: new Float64Array(0) }
    const intervals = bootstrapIntervals(
      [set('direct', 'a', empty), set('gateway', 'a', gateway)],
      contrast,
      { replicates: 10 }
    ).get('overhead')
    expect(intervals?.p50.low).toBeNaN()
  })

  it('refuses unknown sets, mismatched slices and a confidence outside (0, 1)', () => {
    const sets = [set('direct', 'a', direct), set('gateway', 'a', gateway)]
    expect(() => bootstrapIntervals(sets, [{ id: 'x', plus: 'head', minus: 'direct' }])).toThrow(
      'contrast x: no sample set head'
    )
    const other: SampleSet = {
      key: 'gateway',
      attackId: 'a',
      blocked: cutIntoBlocks(gateway, 0, SPAN_NS, 7)
    }
    expect(() => bootstrapIntervals([sets[0] as SampleSet, other], contrast)).toThrow(
      'different slice counts'
    )
    expect(() => bootstrapIntervals(sets, contrast, { confidence: 1 })).toThrow(RangeError)
  })
})

describe('the expanded percentile interval and its distributions', () => {
  it('reads Φ and its inverse to a few parts in 10^7', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6)
    expect(() => normalQuantile(1)).toThrow(RangeError)
  })

  it("gives Student's t quantiles of the tables", () => {
    // t(0.975) for 9, 29 and 49 degrees of freedom.
    expect(studentTQuantileFromNormal(1.959964, 9)).toBeCloseTo(2.2622, 3)
    expect(studentTQuantileFromNormal(1.959964, 29)).toBeCloseTo(2.0452, 3)
    expect(studentTQuantileFromNormal(1.959964, 49)).toBeCloseTo(2.0096, 3)
  })

  it('widens the tails for few slices and tends to the plain ones for many', () => {
    // Φ(−√(10/9) · 2.2622) = Φ(−2.3846)
    expect(expandedTailProbability(0.95, 10)).toBeCloseTo(0.00855, 4)
    expect(expandedTailProbability(0.95, 50)).toBeCloseTo(0.0212, 3)
    expect(expandedTailProbability(0.95, 10_000)).toBeCloseTo(0.025, 3)
    expect(() => expandedTailProbability(0.95, 1)).toThrow(RangeError)
  })
})
