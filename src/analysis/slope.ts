/**
 * How fast a gateway's memory grows: the least-squares slope of its RSS samples over the
 * stress runs, in MiB per minute, with a confidence interval, and the memory rows of the
 * report (RSS idle, steady, recovered, and that growth). Pure, no I/O.
 */

import { DEFAULT_CONFIDENCE, type Interval } from './interval.js'

/** A straight line fitted by least squares, and how well its slope is known. */
export interface LinearFit {
  /** In units of y per unit of x. */
  slope: number
  intercept: number
  samples: number
  /** Lag-1 autocorrelation of the residuals (0 when they are all zero). */
  residualLag1Autocorrelation: number
  /** Independent samples the series is worth, at most n (see leastSquaresSlope). */
  effectiveSamples: number
  /** Standard error of the slope, from the effective samples; undefined with fewer than 3. */
  standardError?: number
  /** Degrees of freedom of the t quantile: ⌊effective samples − 2⌋. */
  degrees?: number
  /** slope ± t · standard error; undefined when there are too few effective samples. */
  interval?: Interval
  confidence: number
}

/**
 * The ordinary least-squares line through (xs[i], ys[i]), and a confidence interval for its
 * slope: b ± t(1 − α/2, ν) · s / √Sxx, with Sxx = Σ(x − x̄)² and s² = Σ residual² / ν
 * (Montgomery, Peck & Vining, "Introduction to Linear Regression Analysis", 5th ed. 2012,
 * §2.4.1).
 *
 * Samples of a time series are not independent (an RSS curve saws with each GC cycle), and
 * with positively correlated residuals that interval is too narrow. So n is replaced by an
 * effective sample size nₑ in s² and in the degrees of freedom ν = nₑ − 2, as Santer et al.
 * 2000 do ("Statistical significance of trends and trend differences in layer-average
 * atmospheric temperature time series", J. Geophys. Res. 105(D6), 7337–7356, eqs. 3–6),
 * with the small-sample form of nₑ by Nychka et al. 2000 ("Confidence intervals for trend
 * estimates with autocorrelated observations", NCAR): nₑ = n (1 − r₁ − 0.68/√n) /
 * (1 + r₁ + 0.68/√n), r₁ the residuals' lag-1 autocorrelation, capped at n; ν is rounded
 * down. Santer's nₑ = n (1 − r₁)/(1 + r₁) alone let the lower bound exceed a zero slope in
 * up to 10% of simulated AR(1) series (φ ≤ 0.95, 30 to 120 samples) against 2.5% meant;
 * this form kept it at 1.6–5.3% (2000 series each, simulated when this was written;
 * slope.test.ts checks φ = 0.9 with 60 samples). Equally spaced samples are assumed (as
 * the /proc sampler takes them). The small-sample term costs samples even when they are
 * independent (10 count as 6.5, 30 as 23.4). The interval is left out when ν < 1.
 *
 * Throws a RangeError when xs and ys differ in length, hold fewer than 2 points or a
 * non-finite value, or every x is the same.
 */
export function leastSquaresSlope(
  xs: readonly number[],
  ys: readonly number[],
  confidence: number = DEFAULT_CONFIDENCE
): LinearFit {
  if (xs.length !== ys.length) {
    throw new RangeError(`${xs.length} x values for ${ys.length} y values; need one of each`)
  }
  const n = xs.length
  if (n < 2) throw new RangeError(`a slope needs at least 2 samples, got ${n}`)
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be within (0, 1), got ${confidence}`)
  }
  if (![...xs, ...ys].every(Number.isFinite)) {
    throw new RangeError('every sample must be a finite number')
  }
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX
    sxx += dx * dx
    sxy += dx * ((ys[i] as number) - meanY)
  }
  if (sxx === 0) throw new RangeError('every sample has the same x: no slope')
  const slope = sxy / sxx
  const intercept = meanY - slope * meanX
  const residuals = xs.map((x, i) => (ys[i] as number) - intercept - slope * x)
  const squares = residuals.reduce((sum, e) => sum + e * e, 0)
  let lagged = 0
  for (let i = 0; i + 1 < n; i++) lagged += (residuals[i] as number) * (residuals[i + 1] as number)
  const r1 = squares > 0 ? lagged / squares : 0
  const smallSample = 0.68 / Math.sqrt(n)
  const effectiveSamples = Math.min(n, (n * (1 - r1 - smallSample)) / (1 + r1 + smallSample))
  const fit: LinearFit = {
    slope,
    intercept,
    samples: n,
    residualLag1Autocorrelation: r1,
    effectiveSamples,
    confidence
  }
  const degrees = Math.floor(effectiveSamples - 2)
  if (degrees < 1) return fit
  const standardError = Math.sqrt(squares / (effectiveSamples - 2) / sxx)
  const halfWidth = studentTQuantile((1 + confidence) / 2, degrees) * standardError
  return {
    ...fit,
    standardError,
    degrees,
    interval: { low: slope - halfWidth, high: slope + halfWidth }
  }
}

/**
 * The Student t quantile: t with P(T ≤ t) = p for `degrees` (a positive integer) degrees of
 * freedom. Exact up to bisection (60 halvings of θ): P(|T| ≤ t) is A(t|ν) of Abramowitz &
 * Stegun 26.7.3 (ν odd) and 26.7.4 (ν even), a finite sum in θ = arctan(t/√ν), increasing in
 * θ. Throws a RangeError for p outside (0, 1) or degrees not a positive integer.
 */
export function studentTQuantile(p: number, degrees: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be within (0, 1), got ${p}`)
  if (!Number.isInteger(degrees) || degrees < 1) {
    throw new RangeError(`degrees of freedom must be a positive integer, got ${degrees}`)
  }
  if (p === 0.5) return 0
  const target = Math.abs(2 * p - 1)
  let low = 0
  let high = Math.PI / 2
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2
    if (twoSidedProbability(middle, degrees) < target) low = middle
    else high = middle
  }
  const t = Math.sqrt(degrees) * Math.tan((low + high) / 2)
  return p > 0.5 ? t : -t
}

/** A(t|ν) = P(|T| ≤ t) as a function of θ = arctan(t/√ν) (Abramowitz & Stegun 26.7.3–4). */
function twoSidedProbability(theta: number, degrees: number): number {
  const sin = Math.sin(theta)
  const cos = Math.cos(theta)
  const cos2 = cos * cos
  if (degrees % 2 === 0) {
    // sin θ · (1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^(ν−2)θ)
    let term = 1
    let sum = 1
    for (let k = 2; k <= degrees - 2; k += 2) {
      term *= ((k - 1) / k) * cos2
      sum += term
    }
    return sin * sum
  }
  if (degrees === 1) return (2 * theta) / Math.PI
  // (2/π)(θ + sin θ · (cos θ + ⅔cos³θ + … up to cos^(ν−2)θ))
  let term = cos
  let sum = cos
  for (let k = 3; k <= degrees - 2; k += 2) {
    term *= ((k - 1) / k) * cos2
    sum += term
  }
  return (2 / Math.PI) * (theta + sin * sum)
}

/** One RSS reading of a process tree. */
export interface RssSample {
  /** When it was taken, ms (any fixed origin). */
  atMs: number
  /** MiB (2²⁰ bytes), as rssMb elsewhere in the project. */
  rssMb: number
}

/** RSS growth over a run: the least-squares slope of its samples. */
export interface RssGrowth {
  /** MiB per minute. */
  mbPerMin: number
  /** Undefined when the samples are too few or too correlated (see leastSquaresSlope). */
  intervalMbPerMin?: Interval
  samples: number
  /** From the first sample to the last, s. */
  durationS: number
  /** The fit behind it, in MiB per ms. */
  fit: LinearFit
}

const MS_PER_MINUTE = 60_000

/**
 * RSS growth in MiB per minute over `samples` (equally spaced, e.g. the /proc sampler's
 * one a second over the stress runs), with its interval (see leastSquaresSlope). Throws a
 * RangeError on fewer than 2 samples or samples all taken at once.
 */
export function rssGrowth(
  samples: readonly RssSample[],
  confidence: number = DEFAULT_CONFIDENCE
): RssGrowth {
  const fit = leastSquaresSlope(
    samples.map((sample) => sample.atMs),
    samples.map((sample) => sample.rssMb),
    confidence
  )
  const times = samples.map((sample) => sample.atMs)
  return {
    mbPerMin: fit.slope * MS_PER_MINUTE,
    ...(fit.interval
      ? {
          intervalMbPerMin: {
            low: fit.interval.low * MS_PER_MINUTE,
            high: fit.interval.high * MS_PER_MINUTE
          }
        }
      : {}),
    samples: samples.length,
    durationS: (Math.max(...times) - Math.min(...times)) / 1000,
    fit
  }
}

/** A gateway's memory at the moments the report shows; any may be missing. */
export interface GatewayMemory {
  /** RSS once ready, before any load, MiB. */
  idleRssMb?: number
  /** RSS at the end of the measured attack, MiB. */
  steadyRssMb?: number
  /** RSS after the stress runs and their idle, MiB. */
  recoveredRssMb?: number
  /** RSS growth during the stress runs. */
  growth?: RssGrowth
}

/** One row of the memory table: a metric, its value, and which way is worse. */
export interface MemoryRow {
  id: 'rss-idle' | 'rss-steady' | 'rss-recovered' | 'rss-growth'
  label: string
  unit: 'MiB' | 'MiB/min'
  /** Head's value (the only gateway's without a base). */
  value: number
  /** Only for rss-growth, when it has one. */
  interval?: Interval
  /** More memory is worse for every row. */
  worse: 'higher'
  /** Base's value, when a base was measured and has this reading. */
  base?: number
  /** value − base, without an interval (single readings of two processes). */
  regression?: number
}

const MEMORY_LABELS: Record<MemoryRow['id'], string> = {
  'rss-idle': 'RSS once ready (idle)',
  'rss-steady': 'RSS at the end of the measured attack (steady)',
  'rss-recovered': 'RSS after the stress runs and their idle (recovered)',
  'rss-growth': 'RSS growth during the stress runs'
}

/**
 * The memory rows of one gateway (head), in the order idle, steady, recovered, growth; a
 * reading head lacks gives no row. With `base`, each row also carries base's value and
 * head − base where base has that reading.
 */
export function memoryRows(head: GatewayMemory, base?: GatewayMemory): MemoryRow[] {
  const valuesOf = (
    memory: GatewayMemory | undefined
  ): Record<MemoryRow['id'], number | undefined> => ({
    'rss-idle': memory?.idleRssMb,
    'rss-steady': memory?.steadyRssMb,
    'rss-recovered': memory?.recoveredRssMb,
    'rss-growth': memory?.growth?.mbPerMin
  })
  const headValues = valuesOf(head)
  const baseValues = valuesOf(base)
  const rows: MemoryRow[] = []
  for (const id of Object.keys(MEMORY_LABELS) as MemoryRow['id'][]) {
    const value = headValues[id]
    if (value === undefined) continue
    const baseValue = baseValues[id]
    const interval = id === 'rss-growth' ? head.growth?.intervalMbPerMin : undefined
    rows.push({
      id,
      label: MEMORY_LABELS[id],
      unit: id === 'rss-growth' ? 'MiB/min' : 'MiB',
      value,
      ...(interval ? { interval } : {}),
      worse: 'higher',
      ...(baseValue !== undefined ? { base: baseValue, regression: value - baseValue } : {})
    })
  }
  return rows
}
