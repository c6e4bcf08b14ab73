import { phasesByRole, type RunRecord } from '../record.js'

export const ACTION_OUTPUT_NAMES = [
  'passed',
  'overhead-mean-us',
  'overhead-p50-us',
  'overhead-p90-us',
  'overhead-p95-us',
  'overhead-p99-us',
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
  const overhead = record.overheadUs
  const us = (value: number | undefined): string => (value === undefined ? '' : value.toFixed(2))
  const stressRates = phasesByRole(record.phases).stress.map(
    (phase) => phase.statistics.successRatio * 100
  )
  return {
    passed: String(record.status === 'passed'),
    'overhead-mean-us': us(overhead?.mean),
    'overhead-p50-us': us(overhead?.p50),
    'overhead-p90-us': us(overhead?.p90),
    'overhead-p95-us': us(overhead?.p95),
    'overhead-p99-us': us(overhead?.p99),
    // The worst stress run decides, so that is the one reported.
    'stress-success-rate': stressRates.length > 0 ? Math.min(...stressRates).toFixed(2) : '',
    'results-json': record.files.json,
    'results-markdown': record.files.markdown,
    'artifact-id': artifactId === undefined ? '' : String(artifactId)
  }
}
