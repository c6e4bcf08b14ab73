import { type RunRecord } from '../record.js'

export const ACTION_OUTPUT_NAMES = [
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
  'stress-success-rate',
  'results-json',
  'results-markdown',
  'artifact-id'
] as const

/**
 * The action's outputs, all set whether the run passed or not; a value that was not
 * measured is empty.
 */
export function actionOutputs(
  record: RunRecord,
  artifactId: number | undefined
): Record<(typeof ACTION_OUTPUT_NAMES)[number], string> {
  const estimate = (mode: string) =>
    record.evaluation.overhead.find((candidate) => candidate.mode === mode)
  const overhead = estimate('non-streaming')?.estimateUs
  const streaming = estimate('streaming')?.estimateUs
  const p50Interval = estimate('non-streaming')?.intervalUs?.p50
  const us = (value: number | undefined): string =>
    value === undefined || !Number.isFinite(value) ? '' : value.toFixed(2)
  const stressRates = record.phases
    .filter((phase) => phase.role === 'stress')
    .map((phase) => phase.statistics.successRatio * 100)
  return {
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
    'artifact-id': artifactId === undefined ? '' : String(artifactId)
  }
}
