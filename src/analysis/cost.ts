/**
 * CPU time per request: what a process tree (a gateway, the mock provider, vegeta) spent on
 * the CPU in each time slice of a measured attack, over the valid requests it answered in
 * that slice. Pure, no I/O: the slices come from services/cpu-time.ts readings taken at
 * the slice boundaries and from the attack's results.
 *
 * The estimate is total CPU time over total requests (the request-weighted mean of the
 * slices' ratios). Its interval is the block bootstrap over the same time slices as the
 * latency intervals (analysis/interval.ts): a replicate draws the slices with replacement
 * and recomputes the ratio of the drawn slices' sums; the expanded percentile interval
 * (Hesterberg 2015, §5) is read from the replicates. Head and base measured in one
 * interleaved attack take the *same* draw, so a slice in which the machine was busy weighs
 * on both alike and cancels from head − base, as for the latency regression.
 */

import type { Mode } from '../config/types.js'
import {
  DEFAULT_CONFIDENCE,
  DEFAULT_REPLICATES,
  DEFAULT_SEED,
  drawSliceWeights,
  expandedTailProbability,
  mulberry32,
  percentileInterval,
  type BootstrapOptions,
  type Interval
} from './interval.js'
import { makeCheck, type Check } from './verdict.js'

/** One process tree's CPU time and answered requests in each time slice of one attack. */
export interface CostSlices {
  /** CPU time of the process tree in each slice, ns. */
  cpuNs: readonly number[]
  /** Valid requests it answered in each slice. */
  requests: readonly number[]
}

/** CPU time per request of one process tree, with its confidence interval. */
export interface CpuCost {
  /** Total CPU time / total requests, µs. */
  cpuUsPerRequest: number
  /** Block-bootstrap interval of cpuUsPerRequest, µs. */
  intervalUs: Interval
  /** Total CPU time over the slices, ns. */
  cpuNs: number
  /** Total requests answered over the slices. */
  requests: number
  slices: number
  /** e.g. 0.95. */
  confidence: number
}

/** Head against base: each one's CPU per request, and head − base in µs and in % of base. */
export interface CpuCostRegression {
  base: CpuCost
  head: CpuCost
  /** head − base, µs of CPU per request. */
  regressionUs: number
  intervalUs: Interval
  /** (head − base) / base × 100. */
  regressionPct: number
  intervalPct: Interval
  confidence: number
  /** True when both were drawn together (one interleaved attack). */
  paired: boolean
  /** How the interval was computed, in a sentence for the report. */
  intervalMethod: string
}

/** Limits of the CPU regression check (options max-regression-cpu-us and -cpu-pct). */
export interface CpuRegressionLimits {
  /** µs of CPU per request. */
  maxRegressionCpuUs: number
  /** % of base's CPU per request. */
  maxRegressionCpuPct: number
}

/**
 * CPU time per request of one process tree over the slices of one attack, with its
 * block-bootstrap interval (see the module comment). For the mock provider and vegeta as
 * well as for a gateway. Throws a RangeError when the slices are malformed (see
 * checkSlices) or no request was answered in any slice.
 */
export function cpuCostPerRequest(slices: CostSlices, options: BootstrapOptions = {}): CpuCost {
  const { confidence, replicates, random } = bootstrapSettings(options)
  checkSlices('slices', slices)
  const weights = new Int32Array(slices.cpuNs.length)
  const values = new Float64Array(replicates)
  for (let replicate = 0; replicate < replicates; replicate++) {
    drawSliceWeights(random, weights)
    values[replicate] = weightedRatio(slices, weights)
  }
  const lowQuantile = expandedTailProbability(confidence, weights.length)
  return costOf(slices, toUs(percentileInterval(values, lowQuantile)), confidence)
}

/**
 * Head − base CPU time per request, in µs and in % of base, each with its interval; with
 * both gateways' own figures. `paired` (default true): head and base were measured in one
 * interleaved attack and cut into the same slices, so each replicate draws the same slices
 * for both; false: separate attacks, drawn independently. Throws a RangeError when the
 * slices are malformed, either side answered no request, or paired slices differ in count.
 */
export function cpuCostRegression(
  base: CostSlices,
  head: CostSlices,
  options: BootstrapOptions & { paired?: boolean } = {}
): CpuCostRegression {
  const paired = options.paired ?? true
  const { confidence, replicates, random } = bootstrapSettings(options)
  checkSlices('base', base)
  checkSlices('head', head)
  if (paired && base.cpuNs.length !== head.cpuNs.length) {
    throw new RangeError(
      `paired slices must match: base has ${base.cpuNs.length} slices, head ${head.cpuNs.length}`
    )
  }
  const baseWeights = new Int32Array(base.cpuNs.length)
  const headWeights = paired ? baseWeights : new Int32Array(head.cpuNs.length)
  const baseValues = new Float64Array(replicates)
  const headValues = new Float64Array(replicates)
  const differences = new Float64Array(replicates)
  const percentages = new Float64Array(replicates)
  for (let replicate = 0; replicate < replicates; replicate++) {
    drawSliceWeights(random, baseWeights)
    if (!paired) drawSliceWeights(random, headWeights)
    const baseRatio = weightedRatio(base, baseWeights)
    const headRatio = weightedRatio(head, headWeights)
    baseValues[replicate] = baseRatio
    headValues[replicate] = headRatio
    differences[replicate] = headRatio - baseRatio
    percentages[replicate] =
      baseRatio > 0 ? ((headRatio - baseRatio) / baseRatio) * 100 : Number.NaN
  }
  const sliceCount = Math.min(baseWeights.length, headWeights.length)
  const lowQuantile = expandedTailProbability(confidence, sliceCount)
  const baseCost = costOf(base, toUs(percentileInterval(baseValues, lowQuantile)), confidence)
  const headCost = costOf(head, toUs(percentileInterval(headValues, lowQuantile)), confidence)
  const regressionUs = headCost.cpuUsPerRequest - baseCost.cpuUsPerRequest
  const pct = Math.round(confidence * 100)
  return {
    base: baseCost,
    head: headCost,
    regressionUs,
    intervalUs: toUs(percentileInterval(differences, lowQuantile)),
    regressionPct:
      baseCost.cpuUsPerRequest > 0 ? (regressionUs / baseCost.cpuUsPerRequest) * 100 : Number.NaN,
    intervalPct: percentileInterval(percentages, lowQuantile),
    confidence,
    paired,
    intervalMethod: paired
      ? `${pct}% confidence interval: block bootstrap over ${sliceCount} time slices of the interleaved attack, head and base drawn together, ${replicates} replicates, expanded percentile interval`
      : `${pct}% confidence interval: block bootstrap over the time slices of each attack, drawn independently (sequential measurement), ${replicates} replicates, expanded percentile interval`
  }
}

/**
 * The check `max-regression-cpu-us` / `max-regression-cpu-pct` (issue 14): fails only when
 * the lower bound of head − base's interval exceeds both limits, so a cheap gateway is not
 * failed for a few µs nor an expensive one for a few %. As regressionLimitUs does for
 * latency, the % limit is taken of base's estimate: the row's limit is
 * max(maxRegressionCpuUs, maxRegressionCpuPct × base / 100) µs and its value the lower bound.
 */
export function cpuRegressionCheck(
  regression: CpuCostRegression,
  limits: CpuRegressionLimits,
  mode?: Mode
): Check {
  const relativeUs =
    (Math.max(regression.base.cpuUsPerRequest, 0) * limits.maxRegressionCpuPct) / 100
  const streaming = mode === 'streaming'
  return makeCheck({
    id: `regression${streaming ? '-streaming' : ''}-cpu`,
    label: `CPU per request regression, head − base, lower bound of its ${Math.round(regression.confidence * 100)}% confidence interval${streaming ? ' (streaming)' : ''}`,
    category: 'regression',
    ...(mode ? { mode } : {}),
    value: regression.intervalUs.low,
    limit: Math.max(limits.maxRegressionCpuUs, relativeUs),
    unit: 'µs',
    bound: 'max',
    detail: `${cpuRegressionSentence(regression)}; the limit is the larger of ${limits.maxRegressionCpuUs} µs and ${limits.maxRegressionCpuPct}% of base's ${formatUs(regression.base.cpuUsPerRequest)}`
  })
}

/**
 * The CPU regression in a sentence: "head spends 21.3 µs more CPU per request (17.9 …
 * 24.6 µs, +4.8%)", "… less …", or "no CPU regression beyond ±6.0 µs per request could be
 * detected (+1.2 µs, -4.8 … 6.0 µs)" when the interval holds zero.
 */
export function cpuRegressionSentence(regression: CpuCostRegression): string {
  const { regressionUs, intervalUs, regressionPct } = regression
  const range = `${intervalUs.low.toFixed(1)} … ${formatUs(intervalUs.high)}`
  const signedPct = `${regressionPct >= 0 ? '+' : ''}${regressionPct.toFixed(1)}%`
  if (intervalUs.low > 0) {
    return `head spends ${formatUs(regressionUs)} more CPU per request (${range}, ${signedPct})`
  }
  if (intervalUs.high < 0) {
    return `head spends ${formatUs(-regressionUs)} less CPU per request (${range}, ${signedPct})`
  }
  const resolution = Math.max(Math.abs(intervalUs.low), Math.abs(intervalUs.high))
  return `no CPU regression beyond ±${formatUs(resolution)} per request could be detected (${regressionUs >= 0 ? '+' : ''}${formatUs(regressionUs)}, ${range})`
}

const formatUs = (us: number): string => `${us.toFixed(1)} µs`

const toUs = (intervalNs: Interval): Interval => ({
  low: intervalNs.low / 1000,
  high: intervalNs.high / 1000
})

function bootstrapSettings(options: BootstrapOptions): {
  confidence: number
  replicates: number
  random: () => number
} {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be within (0, 1), got ${confidence}`)
  }
  const replicates = options.replicates ?? DEFAULT_REPLICATES
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(`replicates must be a positive integer, got ${replicates}`)
  }
  return { confidence, replicates, random: mulberry32(options.seed ?? DEFAULT_SEED) }
}

/**
 * Throws a RangeError unless there are as many CPU times as request counts, at least 2
 * slices (an interval needs them), CPU times finite and ≥ 0, request counts integers ≥ 0,
 * and at least one request.
 */
function checkSlices(name: string, slices: CostSlices): void {
  const { cpuNs, requests } = slices
  if (cpuNs.length !== requests.length) {
    throw new RangeError(
      `${name}: ${cpuNs.length} CPU times for ${requests.length} request counts; one of each per slice`
    )
  }
  if (cpuNs.length < 2) {
    throw new RangeError(`${name}: ${cpuNs.length} slices; an interval needs at least 2`)
  }
  const badCpu = cpuNs.findIndex((value) => !(Number.isFinite(value) && value >= 0))
  if (badCpu >= 0) {
    throw new RangeError(`${name}: slice ${badCpu} has CPU time ${cpuNs[badCpu]} ns; need ≥ 0`)
  }
  const badCount = requests.findIndex((value) => !(Number.isInteger(value) && value >= 0))
  if (badCount >= 0) {
    throw new RangeError(
      `${name}: slice ${badCount} has ${requests[badCount]} requests; need an integer ≥ 0`
    )
  }
  if (requests.every((count) => count === 0)) {
    throw new RangeError(`${name}: no request answered in any slice, so no CPU per request`)
  }
}

/** Σ weight × CPU ns / Σ weight × requests over the slices; NaN when no request was drawn. */
function weightedRatio(slices: CostSlices, weights: Int32Array): number {
  let cpuNs = 0
  let requests = 0
  for (let slice = 0; slice < weights.length; slice++) {
    const weight = weights[slice] as number
    if (weight === 0) continue
    cpuNs += weight * (slices.cpuNs[slice] as number)
    requests += weight * (slices.requests[slice] as number)
  }
  return requests > 0 ? cpuNs / requests : Number.NaN
}

function costOf(slices: CostSlices, intervalUs: Interval, confidence: number): CpuCost {
  const cpuNs = slices.cpuNs.reduce((sum, value) => sum + value, 0)
  const requests = slices.requests.reduce((sum, value) => sum + value, 0)
  return {
    cpuUsPerRequest: cpuNs / requests / 1000,
    intervalUs,
    cpuNs,
    requests,
    slices: slices.cpuNs.length,
    confidence
  }
}
