import type { HistogramBucket, LatencyStatsNs } from './types.js'

/**
 * The value at `percentile` (0..100) of ascending latencies, by the nearest-rank definition:
 * the element at index ceil(p/100 × n) − 1, clamped to the array; no interpolation.
 * Throws a RangeError for an empty array: there is no such value, and NaN would travel
 * silently into reports.
 */
export function exactPercentileNs(sortedLatenciesNs: Float64Array, percentile: number): number {
  const n = sortedLatenciesNs.length
  if (n === 0) throw new RangeError('no latencies to take a percentile of')
  if (!(percentile >= 0 && percentile <= 100)) {
    throw new RangeError(`percentile must be within 0..100, got ${percentile}`)
  }
  const rank = (percentile * n) / 100
  // Trims floating-point noise so that 99.9 % of 1000 is rank 999, not 1000.
  const index = Math.ceil(rank - rank * 1e-12) - 1
  return sortedLatenciesNs[Math.min(Math.max(index, 0), n - 1)] as number
}

/**
 * Exact statistics of latencies; sorts the array in place (ascending), so that it can be
 * handed to latencyHistogram afterwards. Throws a RangeError for an empty array.
 */
export function latencyStats(latenciesNs: Float64Array): LatencyStatsNs {
  const n = latenciesNs.length
  if (n === 0) throw new RangeError('no latencies to compute statistics of')
  latenciesNs.sort()
  return {
    min: latenciesNs[0] as number,
    mean: compensatedMean(latenciesNs),
    p50: exactPercentileNs(latenciesNs, 50),
    p90: exactPercentileNs(latenciesNs, 90),
    p95: exactPercentileNs(latenciesNs, 95),
    p99: exactPercentileNs(latenciesNs, 99),
    p999: exactPercentileNs(latenciesNs, 99.9),
    max: latenciesNs[n - 1] as number
  }
}

/**
 * A million latencies of seconds sum beyond 2^53 ns, where a plain sum drops low digits on
 * every addition. Neumaier's compensated sum keeps the rounding error of each addition in
 * a second term; for integer latencies that term is itself exact, so the mean is off by at
 * most a rounding of the final division (far below a nanosecond).
 */
function compensatedMean(values: Float64Array): number {
  let sum = 0
  let compensation = 0
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number
    const next = sum + value
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum
    sum = next
  }
  return sum / values.length + compensation / values.length
}

/**
 * Counts of ascending latencies in equal-width buckets from the minimum to p99.9, plus one
 * bucket from there to the maximum when values lie beyond, so that a single outlier does
 * not squash every other bucket into the first. Widths are 1, 2 or 5 × 10^k ns (so whole
 * microseconds for any realistic spread) and edges multiples of the width; at most
 * `bucketCount` equal-width buckets. Empty input gives no buckets.
 */
export function latencyHistogram(
  sortedLatenciesNs: Float64Array,
  bucketCount = 12
): HistogramBucket[] {
  if (!Number.isInteger(bucketCount) || bucketCount < 1) {
    throw new RangeError(`bucketCount must be a positive integer, got ${bucketCount}`)
  }
  const n = sortedLatenciesNs.length
  if (n === 0) return []
  const minNs = sortedLatenciesNs[0] as number
  const maxNs = sortedLatenciesNs[n - 1] as number
  const p999Ns = exactPercentileNs(sortedLatenciesNs, 99.9)

  let widthNs = niceWidthAtLeast((p999Ns - minNs) / bucketCount)
  let startNs = Math.floor(minNs / widthNs) * widthNs
  // Rounding the start down can need one bucket more than asked for: widen until it fits.
  // p99.9 always lies strictly inside the last equal-width bucket.
  while (Math.floor((p999Ns - startNs) / widthNs) + 1 > bucketCount) {
    widthNs = niceWidthAtLeast(widthNs * 1.5)
    startNs = Math.floor(minNs / widthNs) * widthNs
  }
  const equalBucketCount = Math.floor((p999Ns - startNs) / widthNs) + 1
  const equalEndNs = startNs + equalBucketCount * widthNs

  // Sorted: each bucket's count is the distance between the first indices at its edges,
  // which also makes the counts add up to n by construction.
  const buckets: HistogramBucket[] = []
  let lowerIndex = 0
  for (let i = 0; i < equalBucketCount; i++) {
    const upperNs = startNs + (i + 1) * widthNs
    const upperIndex = firstIndexAtLeast(sortedLatenciesNs, upperNs)
    buckets.push({ lowerNs: startNs + i * widthNs, upperNs, count: upperIndex - lowerIndex })
    lowerIndex = upperIndex
  }
  if (lowerIndex < n) buckets.push({ lowerNs: equalEndNs, upperNs: maxNs, count: n - lowerIndex })
  return buckets
}

/** The smallest of 1, 2, 5 × 10^k ns (k ≥ 0) that is at least `widthNs`. */
function niceWidthAtLeast(widthNs: number): number {
  if (widthNs <= 1) return 1
  let decade = 10 ** Math.floor(Math.log10(widthNs))
  // log10 can land just below an exact power of ten.
  if (decade * 10 <= widthNs) decade *= 10
  const multiple = [1, 2, 5].find((candidate) => decade * candidate >= widthNs) ?? 10
  return decade * multiple
}

/** Binary search: the first index whose value is ≥ `thresholdNs`, or the length if none. */
function firstIndexAtLeast(sortedValues: Float64Array, thresholdNs: number): number {
  let low = 0
  let high = sortedValues.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sortedValues[middle] as number) < thresholdNs) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The most intervals open at once, given each interval's start and end (same index).
 * Sorts copies of both: O(n log n). An interval ending exactly when another starts does not
 * overlap it. 0 for no intervals.
 */
export function peakConcurrency(starts: Float64Array, ends: Float64Array): number {
  if (starts.length !== ends.length) throw new RangeError('starts and ends differ in length')
  const sortedStarts = starts.slice().sort()
  const sortedEnds = ends.slice().sort()
  let open = 0
  let peak = 0
  let endIndex = 0
  for (let i = 0; i < sortedStarts.length; i++) {
    const start = sortedStarts[i] as number
    while (endIndex < sortedEnds.length && (sortedEnds[endIndex] as number) <= start) {
      open--
      endIndex++
    }
    open++
    if (open > peak) peak = open
  }
  return peak
}
