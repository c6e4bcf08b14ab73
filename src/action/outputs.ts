import { type RunRecord } from '../record.js'

/** The statistics whose regression is an output, in order. */
const REGRESSION_STATS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const

export const ACTION_OUTPUT_NAMES = [
  'status',
  'passed',
  'overhead-mean-us',
  'overhead-p50-us',
  'overhead-p90-us',
  'overhead-p95-us',
  'overhead-p99-us',
  'overhead-p50-ci-low-us',
  'overhead-p50-ci-high-us',
  'overhead-streaming-mean-us',
  'overhead-streaming-p50-us',
  'overhead-streaming-p90-us',
  'overhead-streaming-p95-us',
  'overhead-streaming-p99-us',
  'regression-mean-us',
  'regression-mean-ci-low-us',
  'regression-mean-ci-high-us',
  'regression-p50-us',
  'regression-p50-ci-low-us',
  'regression-p50-ci-high-us',
  'regression-p90-us',
  'regression-p90-ci-low-us',
  'regression-p90-ci-high-us',
  'regression-p95-us',
  'regression-p95-ci-low-us',
  'regression-p95-ci-high-us',
  'regression-p99-us',
  'regression-p99-ci-low-us',
  'regression-p99-ci-high-us',
  'regression-streaming-mean-us',
  'regression-streaming-p50-us',
  'regression-streaming-p90-us',
  'regression-streaming-p95-us',
  'regression-streaming-p99-us',
  'stress-success-rate',
  'results-json',
  'results-markdown',
  'artifact-id',
  'comment-url'
] as const

export type ActionOutputName = (typeof ACTION_OUTPUT_NAMES)[number]

/** Every output empty except those given: for a step that measured nothing. */
export function emptyOutputs(
  values: Partial<Record<ActionOutputName, string>>
): Record<ActionOutputName, string> {
  return Object.fromEntries(
    ACTION_OUTPUT_NAMES.map((name) => [name, values[name] ?? ''])
  ) as Record<ActionOutputName, string>
}

const us = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? '' : value.toFixed(2)

/**
 * The action's outputs, all set whether the run passed or not; a value that was not
 * measured is empty. `status` is the run's: passed, failed (a check failed) or error (the
 * run stopped early); regression-* are head − base (with a base to compare against), each
 * checked statistic with the bounds of its 95% confidence interval.
 */
export function actionOutputs(
  record: RunRecord,
  artifactId: number | undefined,
  commentUrl = ''
): Record<ActionOutputName, string> {
  const estimate = (mode: string) =>
    record.evaluation.overhead.find((candidate) => candidate.mode === mode)
  const regressionOf = (mode: string) =>
    record.evaluation.regression.find((candidate) => candidate.mode === mode)
  const overhead = estimate('non-streaming')?.estimateUs
  const streaming = estimate('streaming')?.estimateUs
  const p50Interval = estimate('non-streaming')?.intervalUs?.p50
  const regression = regressionOf('non-streaming')
  const streamingRegression = regressionOf('streaming')
  const stressRates = record.phases
    .filter((phase) => phase.role === 'stress')
    .map((phase) => phase.statistics.successRatio * 100)
  const regressionOutputs: Record<string, string> = {}
  for (const stat of REGRESSION_STATS) {
    const interval = regression?.intervalUs?.[stat]
    regressionOutputs[`regression-${stat}-us`] = us(regression?.regressionUs[stat])
    regressionOutputs[`regression-${stat}-ci-low-us`] = us(interval?.low)
    regressionOutputs[`regression-${stat}-ci-high-us`] = us(interval?.high)
    regressionOutputs[`regression-streaming-${stat}-us`] = us(
      streamingRegression?.regressionUs[stat]
    )
  }
  return {
    ...emptyOutputs(regressionOutputs),
    status: record.status,
    passed: String(record.status === 'passed'),
    'overhead-mean-us': us(overhead?.mean),
    'overhead-p50-us': us(overhead?.p50),
    'overhead-p90-us': us(overhead?.p90),
    'overhead-p95-us': us(overhead?.p95),
    'overhead-p99-us': us(overhead?.p99),
    'overhead-p50-ci-low-us': us(p50Interval?.low),
    'overhead-p50-ci-high-us': us(p50Interval?.high),
    'overhead-streaming-mean-us': us(streaming?.mean),
    'overhead-streaming-p50-us': us(streaming?.p50),
    'overhead-streaming-p90-us': us(streaming?.p90),
    'overhead-streaming-p95-us': us(streaming?.p95),
    'overhead-streaming-p99-us': us(streaming?.p99),
    // The worst stress run (of any mode) decides, so that is the one reported.
    'stress-success-rate': stressRates.length > 0 ? Math.min(...stressRates).toFixed(2) : '',
    'results-json': record.files.json,
    'results-markdown': record.files.markdown,
    'artifact-id': artifactId === undefined ? '' : String(artifactId),
    'comment-url': commentUrl
  }
}
