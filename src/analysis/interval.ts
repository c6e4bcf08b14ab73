import { LATENCY_STAT_KEYS, type LatencyStatKey, type TargetSamples } from '../load/types.js'

/**
 * Confidence intervals for differences of latency statistics (overhead = gateway − direct,
 * regression = head − base) by a non-overlapping block bootstrap over time slices
 * (Carlstein 1986; Künsch 1989), with the percentile interval (Efron & Tibshirani 1993,
 * ch. 13):
 *
 * 1. each attack's span is cut into `blockCount` equal time slices, and every successful
 *    request falls into the slice of its send time;
 * 2. a replicate draws `blockCount` slices with replacement; every target of the same attack
 *    takes the *same* draw, so a slow spell of the machine weighs on both sides of a
 *    difference alike (interleaved targets are paired); attacks run one after the other are
 *    drawn independently;
 * 3. each statistic is recomputed exactly (nearest rank, as the estimate) on the drawn
 *    slices, and the difference taken;
 * 4. the interval lies between quantiles of the replicates' differences: not the plain
 *    (1 − confidence)/2 and (1 + confidence)/2, which are too narrow with few slices, but
 *    Hesterberg's expanded percentile interval (Hesterberg 2015, "What teachers should know
 *    about the bootstrap", §5): the tail probability is Φ(−√(k/(k−1))·t(k−1)) for k slices,
 *    so that with 10 slices a 95% interval reads the 0.86% and 99.14% quantiles.
 *
 * Slices keep the short-range dependence between neighbouring requests that resampling
 * single requests would break. A fixed seed makes the interval repeatable for the same data.
 */

export interface Interval {
  low: number
  high: number
}

/** A target's successful latencies cut into time slices. */
export interface BlockedSamples {
  /** Each slice's latencies, ascending. */
  blocks: Float64Array[]
  /** Each slice's latency sum, in ns. */
  sums: Float64Array
  /** All latencies, ascending: every resampled percentile is one of them. */
  sorted: Float64Array
}

/** One target's samples and the attack they come from (same attack = same slices drawn). */
export interface SampleSet {
  key: string
  attackId: string
  blocked: BlockedSamples
}

/** `plus` − `minus`, each a SampleSet key. */
export interface Contrast {
  id: string
  plus: string
  minus: string
}

export interface BootstrapOptions {
  replicates?: number
  /** 0..1, e.g. 0.95. */
  confidence?: number
  seed?: number
}

export const DEFAULT_REPLICATES = 1000
export const DEFAULT_CONFIDENCE = 0.95
/** The bootstrap's seed when none is given: the same data give the same interval. */
export const DEFAULT_SEED = 0x5eed

const MIN_BLOCKS = 10
const MAX_BLOCKS = 50
const BLOCKS_PER_SECOND = 2

/**
 * How many time slices an attack of `durationS` is cut into: two a second, at least 10
 * (fewer make the bootstrap distribution coarse) and at most 50 (more add little).
 */
export function blockCountFor(durationS: number): number {
  return Math.min(MAX_BLOCKS, Math.max(MIN_BLOCKS, Math.floor(durationS * BLOCKS_PER_SECOND)))
}

/**
 * Cuts samples into `blockCount` slices of equal length between startNs and endNs (send
 * offsets, as in TargetSamples); a sample outside falls into the nearest end slice.
 */
export function cutIntoBlocks(
  samples: TargetSamples,
  startNs: number,
  endNs: number,
  blockCount: number
): BlockedSamples {
  if (!Number.isInteger(blockCount) || blockCount < 1) {
    throw new RangeError(`blockCount must be a positive integer, got ${blockCount}`)
  }
  const spanNs = Math.max(endNs - startNs, 1)
  const n = samples.latenciesNs.length
  const blockOf = new Int32Array(n)
  const counts = new Int32Array(blockCount)
  for (let i = 0; i < n; i++) {
    const offset = (samples.sendOffsetsNs[i] as number) - startNs
    const block = Math.min(blockCount - 1, Math.max(0, Math.floor((offset / spanNs) * blockCount)))
    blockOf[i] = block
    counts[block] = (counts[block] as number) + 1
  }
  const blocks = Array.from({ length: blockCount }, (_, b) => new Float64Array(counts[b] as number))
  const filled = new Int32Array(blockCount)
  const sums = new Float64Array(blockCount)
  for (let i = 0; i < n; i++) {
    const block = blockOf[i] as number
    const latency = samples.latenciesNs[i] as number
    ;(blocks[block] as Float64Array)[filled[block] as number] = latency
    filled[block] = (filled[block] as number) + 1
    sums[block] = (sums[block] as number) + latency
  }
  for (const block of blocks) block.sort()
  return { blocks, sums, sorted: samples.latenciesNs.slice().sort() }
}

/** Percentile of each latency statistic key; min and max are the 0th and 100th. */
const PERCENTILE_OF: Record<LatencyStatKey, number | undefined> = {
  min: 0,
  mean: undefined,
  p50: 50,
  p90: 90,
  p95: 95,
  p99: 99,
  p999: 99.9,
  max: 100
}

/**
 * Intervals for every latency statistic of every contrast, in the samples' unit (ns).
 * Throws a RangeError when a contrast names an unknown set, or when sets of one attack
 * were cut into different numbers of slices. A statistic that no replicate could compute
 * (no samples) gets NaN bounds.
 */
export function bootstrapIntervals(
  sets: SampleSet[],
  contrasts: Contrast[],
  options: BootstrapOptions = {}
): Map<string, Record<LatencyStatKey, Interval>> {
  const replicates = options.replicates ?? DEFAULT_REPLICATES
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be within (0, 1), got ${confidence}`)
  }
  const random = mulberry32(options.seed ?? DEFAULT_SEED)
  const setByKey = new Map(sets.map((set) => [set.key, set]))
  for (const contrast of contrasts) {
    for (const key of [contrast.plus, contrast.minus]) {
      if (!setByKey.has(key)) throw new RangeError(`contrast ${contrast.id}: no sample set ${key}`)
    }
  }
  const blockCountByAttack = new Map<string, number>()
  for (const set of sets) {
    const known = blockCountByAttack.get(set.attackId)
    if (known !== undefined && known !== set.blocked.blocks.length) {
      throw new RangeError(`attack ${set.attackId}: sample sets cut into different slice counts`)
    }
    blockCountByAttack.set(set.attackId, set.blocked.blocks.length)
  }

  const statKeys = LATENCY_STAT_KEYS
  // replicateValues[contrast][stat][replicate]
  const replicateValues = contrasts.map(() =>
    statKeys.map(() => new Float64Array(replicates).fill(Number.NaN))
  )
  const multiplicities = new Map<string, Int32Array>()
  for (const [attackId, blockCount] of blockCountByAttack) {
    multiplicities.set(attackId, new Int32Array(blockCount))
  }
  const statsOfSet = new Map<string, Float64Array>()

  for (let replicate = 0; replicate < replicates; replicate++) {
    for (const weights of multiplicities.values()) drawSliceWeights(random, weights)
    statsOfSet.clear()
    const statsOf = (key: string): Float64Array => {
      let stats = statsOfSet.get(key)
      if (stats === undefined) {
        const set = setByKey.get(key) as SampleSet
        stats = resampledStatistics(set.blocked, multiplicities.get(set.attackId) as Int32Array)
        statsOfSet.set(key, stats)
      }
      return stats
    }
    contrasts.forEach((contrast, c) => {
      const plus = statsOf(contrast.plus)
      const minus = statsOf(contrast.minus)
      const byStat = replicateValues[c] as Float64Array[]
      statKeys.forEach((_, s) => {
        ;(byStat[s] as Float64Array)[replicate] = (plus[s] as number) - (minus[s] as number)
      })
    })
  }

  const fewestSlices = Math.min(...blockCountByAttack.values())
  const lowQuantile = expandedTailProbability(confidence, fewestSlices)
  const result = new Map<string, Record<LatencyStatKey, Interval>>()
  contrasts.forEach((contrast, c) => {
    const intervals = {} as Record<LatencyStatKey, Interval>
    statKeys.forEach((key, s) => {
      const values = (replicateValues[c] as Float64Array[])[s] as Float64Array
      intervals[key] = percentileInterval(values, lowQuantile)
    })
    result.set(contrast.id, intervals)
  })
  return result
}

/**
 * One bootstrap draw of time slices: `weights.length` slices drawn with replacement, and
 * weights[b] set to how often slice b was drawn (the weights sum to their count).
 */
export function drawSliceWeights(random: () => number, weights: Int32Array): void {
  weights.fill(0)
  for (let draw = 0; draw < weights.length; draw++) {
    const block = Math.floor(random() * weights.length)
    weights[block] = (weights[block] as number) + 1
  }
}

/**
 * The interval between the `lowQuantile` and 1 − `lowQuantile` nearest-rank quantiles of the
 * bootstrap replicates, NaN replicates (nothing to compute in the draw) left out; NaN bounds
 * when every replicate is NaN. `lowQuantile` comes from expandedTailProbability.
 */
export function percentileInterval(replicates: Float64Array, lowQuantile: number): Interval {
  const finite = replicates.filter((value) => !Number.isNaN(value)).sort()
  if (finite.length === 0) return { low: Number.NaN, high: Number.NaN }
  return { low: nearestRank(finite, lowQuantile), high: nearestRank(finite, 1 - lowQuantile) }
}

/** Every statistic (in LATENCY_STAT_KEYS order) of the slices drawn with these weights. */
function resampledStatistics(blocked: BlockedSamples, weights: Int32Array): Float64Array {
  const stats = new Float64Array(LATENCY_STAT_KEYS.length)
  let count = 0
  let sum = 0
  for (let b = 0; b < weights.length; b++) {
    const weight = weights[b] as number
    if (weight === 0) continue
    count += weight * (blocked.blocks[b] as Float64Array).length
    sum += weight * (blocked.sums[b] as number)
  }
  LATENCY_STAT_KEYS.forEach((key, s) => {
    if (count === 0) {
      stats[s] = Number.NaN
      return
    }
    const percentile = PERCENTILE_OF[key]
    stats[s] =
      percentile === undefined
        ? sum / count
        : weightedRankValue(blocked, weights, count, percentile)
  })
  return stats
}

/**
 * The nearest-rank percentile of the multiset "each slice b taken weights[b] times": the
 * smallest candidate value v (from the sorted union) with at least k values ≤ v, found by
 * binary search over the candidates.
 */
function weightedRankValue(
  blocked: BlockedSamples,
  weights: Int32Array,
  count: number,
  percentile: number
): number {
  const rank = (percentile * count) / 100
  const k = Math.min(count, Math.max(1, Math.ceil(rank - rank * 1e-12)))
  const candidates = blocked.sorted
  let low = 0
  let high = candidates.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (weightedCountAtMost(blocked, weights, candidates[middle] as number) >= k) high = middle
    else low = middle + 1
  }
  return candidates[low] as number
}

function weightedCountAtMost(blocked: BlockedSamples, weights: Int32Array, value: number): number {
  let total = 0
  for (let b = 0; b < weights.length; b++) {
    const weight = weights[b] as number
    if (weight === 0) continue
    total += weight * countAtMost(blocked.blocks[b] as Float64Array, value)
  }
  return total
}

/** How many of the ascending values are ≤ value. */
function countAtMost(sorted: Float64Array, value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as number) <= value) low = middle + 1
    else high = middle
  }
  return low
}

/** The nearest-rank q-quantile (0..1) of ascending values. */
function nearestRank(sorted: Float64Array, q: number): number {
  const rank = q * sorted.length
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(rank - rank * 1e-12) - 1))
  return sorted[index] as number
}

/**
 * The tail probability of Hesterberg's expanded percentile interval for `sampleCount`
 * independent units (here, time slices): Φ(−√(n/(n−1))·t(n−1, (1 + confidence)/2)).
 * It widens the plain percentile interval for small n, where the bootstrap distribution is
 * too narrow; for large n it tends to (1 − confidence)/2. Throws a RangeError for n < 2.
 */
export function expandedTailProbability(confidence: number, sampleCount: number): number {
  if (!(sampleCount >= 2)) throw new RangeError(`need at least 2 samples, got ${sampleCount}`)
  const z = normalQuantile((1 + confidence) / 2)
  const t = studentTQuantileFromNormal(z, sampleCount - 1)
  return normalCdf(-Math.sqrt(sampleCount / (sampleCount - 1)) * t)
}

/**
 * The Student t quantile with `degrees` degrees of freedom at the probability whose normal
 * quantile is z, by the Cornish–Fisher expansion of Abramowitz & Stegun 26.7.5 (error below
 * 1e-4 for 9 or more degrees of freedom at z ≈ 2).
 */
export function studentTQuantileFromNormal(z: number, degrees: number): number {
  const z2 = z * z
  const g1 = (z * (z2 + 1)) / 4
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160
  const v = degrees
  return z + g1 / v + g2 / v ** 2 + g3 / v ** 3 + g4 / v ** 4
}

/**
 * The standard normal CDF Φ(x), by Abramowitz & Stegun 7.1.26 for erf (absolute error
 * below 1.5e-7).
 */
export function normalCdf(x: number): number {
  const u = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * u)
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-u * u)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** Φ⁻¹(p) for 0 < p < 1, by bisection on normalCdf (as exact as normalCdf). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be within (0, 1), got ${p}`)
  let low = -10
  let high = 10
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2
    if (normalCdf(middle) < p) low = middle
    else high = middle
  }
  return (low + high) / 2
}

/** A small, fast, seedable PRNG (Tommy Ettinger's Mulberry32): uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
