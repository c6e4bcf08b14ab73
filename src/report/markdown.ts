import { formatValue, type Check } from '../analysis/verdict.js'
import type { PhaseStatistics } from '../load/types.js'
import type { PhaseRecord, RunRecord } from '../record.js'
import {
  STAT_COLUMNS,
  bar,
  escapeTableCell,
  noteLines,
  quotedBody,
  formatMsFromNs,
  formatPhaseMs,
  formatPct,
  formatRate,
  formatSeconds,
  formatSignedUs,
  formatUs,
  markdownTable
} from './format.js'
import { markdownMetricTable, type MetricTable } from './metric-rows.js'
import {
  attackOf,
  baselineNote,
  buildSummary,
  formatInterval,
  type OverheadRow,
  type OverheadSection,
  type RegressionRow,
  type RegressionSection,
  type RunSummary,
  type StressSection
} from './summary.js'

export { statusHeadline } from './summary.js'

const mark = (passed: boolean | undefined): string =>
  passed === undefined ? '' : passed ? '✓' : '✗'

function phaseRow(record: RunRecord, phase: PhaseRecord): string[] {
  const stats = phase.statistics
  const attack = attackOf(record, phase)
  return [
    phase.label,
    formatRate(stats.achievedRate),
    formatSeconds(phase.durationS),
    attack ? String(attack.statistics.peakInFlight) : '—',
    `${formatPct(stats.successRatio * 100)} (${stats.successes}/${stats.requests})`,
    ...STAT_COLUMNS.map(({ key }) => formatPhaseMs(stats, key))
  ]
}

const PHASE_HEADER = [
  'Phase',
  'Actual RPS',
  'Duration',
  'Peak in flight (attack)',
  'Valid',
  ...STAT_COLUMNS.map((column) => column.title)
]

/**
 * The overhead table: direct, through the gateway, overhead with its interval, limit; with a
 * baseline, also the baseline's overhead and this run's difference from it.
 */
export function overheadTable(section: OverheadSection): string {
  const withBaseline = section.baseline !== undefined
  return markdownTable(
    [
      'Statistic',
      'Direct',
      'Through gateway',
      'Overhead',
      '95% CI',
      'Limit',
      '',
      ...(withBaseline ? ['Baseline', 'vs baseline'] : [])
    ],
    section.rows.map((row) => [
      row.title,
      formatMsFromNs(row.directNs),
      formatMsFromNs(row.gatewayNs),
      formatUs(row.overheadUs),
      formatInterval(row.interval),
      row.check ? formatUs(row.check.limit) : 'not checked',
      mark(row.check?.passed),
      ...(withBaseline ? baselineCells(row) : [])
    ])
  )
}

/** The baseline's overhead and this run's difference from it, signed; — when not recorded. */
export function baselineCells(row: OverheadRow): [string, string] {
  if (row.baselineUs === undefined || row.vsBaselineUs === undefined) return ['—', '—']
  return [formatUs(row.baselineUs), formatSignedUs(row.vsBaselineUs)]
}

/** Base overhead, head overhead and the regression head − base, each with its interval. */
export function regressionTable(section: RegressionSection): string {
  const withInterval = (valueUs: number, interval: RegressionRow['interval']): string =>
    interval ? `${formatUs(valueUs)} (${formatInterval(interval)})` : formatUs(valueUs)
  return markdownTable(
    ['Statistic', 'Base overhead', 'Head overhead', 'Regression', '95% CI', 'Limit', ''],
    section.rows.map((row) => [
      row.title,
      withInterval(row.baseUs, row.baseInterval),
      withInterval(row.headUs, row.headInterval),
      formatUs(row.regressionUs),
      formatInterval(row.interval),
      row.check ? `lower bound ≤ ${formatUs(row.check.limit)}` : 'not checked',
      mark(row.check?.passed)
    ])
  )
}

function regressionSection(section: RegressionSection): string[] {
  return [
    `## ${section.title}`,
    '',
    `**${section.sentence.charAt(0).toUpperCase()}${section.sentence.slice(1)}.** Base and head ran side by side against one mock provider, in one attack alternating between direct, base and head requests; a regression fails its check only when the lower bound of its interval exceeds the limit.`,
    '',
    regressionTable(section),
    '',
    ...noteLines(section.telemetry)
  ]
}

function overheadSection(record: RunRecord, section: OverheadSection): string[] {
  return [
    `## Gateway processing overhead${section.mode === 'streaming' ? ' (streaming)' : ''}`,
    '',
    `${formatRate(section.rate)} RPS per target for ${formatSeconds(section.durationS)}, mock provider latency ${section.mockerLatencyMs} ms, ${section.measurement} measurement. Overhead = through the gateway − direct to the mock provider, per statistic; ${section.estimate.intervalMethod}.`,
    '',
    markdownTable(PHASE_HEADER, [
      phaseRow(record, section.calibration),
      phaseRow(record, section.overhead)
    ]),
    '',
    overheadTable(section),
    '',
    ...noteLines(section.telemetry),
    ...noteLines(section.baseline && baselineNote(section.baseline, section.rate))
  ]
}

function stressSection(record: RunRecord, section: StressSection): string[] {
  return [
    `## ${section.title}`,
    '',
    `${formatRate(record.config.rate)} RPS for ${formatSeconds(section.durationS)} per run, mock provider latency ${section.mockerLatencyMs} ms, ${formatSeconds(section.idleS)} idle between runs; each run needs at least ${formatPct(section.minSuccessPct)} valid responses.`,
    '',
    markdownTable(
      PHASE_HEADER,
      section.runs.map((run) => phaseRow(record, run.phase))
    ),
    ''
  ]
}

/** What a check requires, e.g. "≥ 99.00%" or "< 12000". */
export function requirement(check: Check): string {
  const relation = check.bound === 'max' ? '≤' : check.bound === 'min' ? '≥' : '<'
  return `${relation} ${formatValue(check.limit, check.unit)}`
}

function validitySection(summary: RunSummary): string[] {
  if (summary.validity.length === 0) return []
  return [
    '## Measurement validity',
    '',
    markdownTable(
      ['Check', 'Value', 'Required', ''],
      summary.validity.map((check) => [
        escapeTableCell(check.label),
        formatValue(check.value, check.unit),
        requirement(check),
        mark(check.passed)
      ])
    ),
    ''
  ]
}

/** Metric tables of the probes, each under its own heading. */
function metricSections(tables: MetricTable[]): string[] {
  return tables.flatMap((table) => [`## ${table.title}`, '', markdownMetricTable(table), ''])
}

/** A text histogram; its rows come from the phase's measured buckets. */
export function histogramBlock(stats: PhaseStatistics): string {
  const maxCount = Math.max(0, ...stats.histogram.map((bucket) => bucket.count))
  const rows = stats.histogram.map((bucket) => {
    const range = `${formatMsFromNs(bucket.lowerNs)} – ${formatMsFromNs(bucket.upperNs)}`
    return `${range.padEnd(25)} ${String(bucket.count).padStart(8)}  ${bar(bucket.count, maxCount)}`
  })
  return ['```text', ...rows, '```'].join('\n')
}

function histogramSection(record: RunRecord): string[] {
  const phases = record.phases.filter(
    (phase) => phase.role !== 'warmup' && phase.statistics.histogram.length > 0
  )
  if (phases.length === 0) return []
  return [
    '## Latency histograms (valid responses)',
    '',
    ...phases.flatMap((phase) => [`### ${phase.label}`, '', histogramBlock(phase.statistics), ''])
  ]
}

function errorsSection(record: RunRecord, summary: RunSummary): string[] {
  const rows = record.phases.flatMap((phase) =>
    phase.statistics.topErrors.map((error) => [
      phase.label,
      String(error.count),
      escapeTableCell(error.error)
    ])
  )
  if (rows.length === 0) return []
  const examples = summary.invalidResponses.flatMap(({ phaseLabel, example }) => [
    `First invalid response in ${phaseLabel} (HTTP ${example.statusCode}): ${example.reason}.`,
    '',
    '```text',
    quotedBody(example.body),
    '```',
    ''
  ])
  return [
    '## Failed requests',
    '',
    markdownTable(['Phase', 'Count', 'Reason'], rows),
    '',
    ...examples
  ]
}

/** Calibration or overhead phases with no overhead estimate (the run stopped before it). */
function unpairedSection(record: RunRecord, summary: RunSummary): string[] {
  const shown = new Set(
    summary.overhead.flatMap((section) => [section.calibration.id, section.overhead.id])
  )
  const unpaired = record.phases.filter(
    (phase) => (phase.role === 'calibration' || phase.role === 'overhead') && !shown.has(phase.id)
  )
  if (unpaired.length === 0) return []
  return [
    '## Measured phases without an overhead estimate',
    '',
    markdownTable(
      PHASE_HEADER,
      unpaired.map((phase) => phaseRow(record, phase))
    ),
    ''
  ]
}

function warmupSection(record: RunRecord): string[] {
  const warmups = record.phases.filter((phase) => phase.role === 'warmup')
  if (warmups.length === 0) return []
  return [
    '## Warm-up (not in the statistics)',
    '',
    markdownTable(
      PHASE_HEADER,
      warmups.map((phase) => phaseRow(record, phase))
    ),
    ''
  ]
}

function verdictSection(summary: RunSummary): string[] {
  const lines: string[] = []
  if (summary.failure) {
    const where = summary.failure.phase ? ` during ${summary.failure.phase}` : ''
    lines.push(`**The run stopped${where}:** ${summary.failure.message}`, '')
    if (summary.failure.logTail) {
      lines.push(
        `Last lines of ${summary.failure.logFile ?? 'the log'}:`,
        '',
        '```text',
        summary.failure.logTail,
        '```',
        ''
      )
    }
  } else {
    lines.push(`**${summary.verdictSentence}**`, '')
  }
  if (summary.failures.length > 1) {
    lines.push('Failed checks:', '', ...summary.failures.map((failure) => `- ${failure}`), '')
  }
  if (summary.warnings.length > 0) {
    lines.push(...summary.warnings.map((warning) => `> ⚠️ ${warning}`), '')
  }
  return lines
}

/** load-test-results.md: the seed's tables with intervals, histograms, and why it passed or failed. */
export function renderMarkdown(
  record: RunRecord,
  summary: RunSummary = buildSummary(record)
): string {
  const lines = [
    `# Gateway load test: ${summary.headline}`,
    '',
    `Single gateway instance at ${record.config.rate} RPS · ${record.finishedAt}`,
    '',
    ...verdictSection(summary),
    ...summary.regression.flatMap(regressionSection),
    ...summary.overhead.flatMap((section) => overheadSection(record, section)),
    ...metricSections(summary.metrics.headline),
    ...unpairedSection(record, summary),
    ...summary.stress.flatMap((section) => stressSection(record, section)),
    ...validitySection(summary),
    ...metricSections(summary.metrics.details),
    ...errorsSection(record, summary),
    ...warmupSection(record),
    ...histogramSection(record),
    '## Method',
    '',
    ...summary.method.map((line) => `- ${line}`),
    '',
    '---',
    '*Generated by bifrost-load-test*',
    ''
  ]
  return lines.join('\n')
}
