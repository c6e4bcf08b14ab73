import type { HistogramBucket, LatencyStatsNs } from '../load/types.js'
import type { PhaseRecord, RunRecord } from '../record.js'
import {
  escapeTableCell,
  formatPhaseMs,
  formatPct,
  formatRate,
  markdownTable,
  noteLines,
  quotedBody
} from './format.js'
import { overheadTable, regressionTable, requirement } from './markdown.js'
import { markdownMetricTable, type MetricTable } from './metric-rows.js'
import { formatValue } from '../analysis/verdict.js'
import { publicConfig } from './redact.js'
import { baselineNote, buildSummary, type OverheadSection, type RunSummary } from './summary.js'

const PERCENTILES: { key: keyof LatencyStatsNs; title: string }[] = [
  { key: 'p50', title: 'p50' },
  { key: 'p90', title: 'p90' },
  { key: 'p95', title: 'p95' },
  { key: 'p99', title: 'p99' },
  { key: 'p999', title: 'p99.9' }
]

const ms = (ns: number): string => (ns / 1e6).toFixed(3)

/** One sentence saying why the run passed, failed or stopped. */
export function verdictSentence(record: RunRecord): string {
  return buildSummary(record).verdictSentence
}

/** Mermaid line chart: latency percentiles direct vs through the gateway. */
function percentileChart(section: OverheadSection): string {
  const values = (phase: PhaseRecord): number[] =>
    PERCENTILES.map(({ key }) => Number(ms(phase.statistics.latencyNs[key])))
  const all = [...values(section.calibration), ...values(section.overhead)]
  const low = Math.floor(Math.min(...all))
  const high = Math.ceil(Math.max(...all))
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Latency percentiles (ms): direct (first line) vs through the gateway (second line)"',
    `  x-axis [${PERCENTILES.map(({ title }) => `"${title}"`).join(', ')}]`,
    `  y-axis "latency (ms)" ${low} --> ${high === low ? high + 1 : high}`,
    `  line [${values(section.calibration).join(', ')}]`,
    `  line [${values(section.overhead).join(', ')}]`,
    '```'
  ].join('\n')
}

/**
 * Each bucket's upper edge in ms, with as few decimals (1 to 6, i.e. down to 1 ns) as keep
 * the labels apart: equal labels would put their bars on one spot of the axis.
 */
function bucketLabels(buckets: HistogramBucket[]): string[] {
  const labelsWith = (decimals: number): string[] =>
    buckets.map((bucket) => `"≤${(bucket.upperNs / 1e6).toFixed(decimals)}"`)
  let decimals = 1
  while (decimals < 6 && new Set(labelsWith(decimals)).size < buckets.length) decimals++
  return labelsWith(decimals)
}

/** Mermaid bar chart of a stress run's measured latency histogram. */
function stressHistogramChart(phase: PhaseRecord): string {
  const buckets = phase.statistics.histogram
  const labels = bucketLabels(buckets)
  const maxCount = Math.max(1, ...buckets.map((bucket) => bucket.count))
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${phase.label}: requests per latency bucket (ms)"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "requests" 0 --> ${maxCount}`,
    `  bar [${buckets.map((bucket) => bucket.count).join(', ')}]`,
    '```'
  ].join('\n')
}

/** Metric tables of the probes, each under its own heading. */
function metricSections(tables: MetricTable[]): string[] {
  return tables.flatMap((table) => [`### ${table.title}`, '', markdownMetricTable(table), ''])
}

/**
 * The job summary: the verdict first, then per mode the overhead table with intervals and
 * limits and a chart, the probes' headline tables, the stress runs, the measurement's
 * validity when in doubt, the probes' detail tables (the gateway's CPU and memory), and the
 * method and resolved config folded away.
 */
export function renderJobSummary(
  record: RunRecord,
  summary: RunSummary = buildSummary(record)
): string {
  const parts: string[] = [
    `## Gateway load test: ${summary.headline}`,
    '',
    `**${escapeTableCell(summary.verdictSentence)}**`,
    ''
  ]
  if (record.config.failOn === 'never' && record.status === 'failed') {
    parts.push('> Report only (`fail-on: never`): this verdict does not fail the step.', '')
  }
  if (summary.failures.length > 1) {
    parts.push(...summary.failures.map((failure) => `- ${escapeTableCell(failure)}`), '')
  }
  if (summary.failure?.logTail) {
    parts.push(
      `<details open><summary>Last lines of ${summary.failure.logFile ?? 'the log'}</summary>`,
      '',
      '```text',
      summary.failure.logTail,
      '```',
      '</details>',
      ''
    )
  }
  for (const section of summary.regression) {
    parts.push(
      `### ${section.title}`,
      '',
      regressionTable(section),
      '',
      `_Base and head ran side by side in one attack; ${escapeTableCell(section.estimate.intervalMethod)}. A regression fails only when its interval's lower bound exceeds the limit._`,
      '',
      ...noteLines(section.telemetry)
    )
  }
  for (const section of summary.overhead) {
    parts.push(
      `### ${section.title}`,
      '',
      overheadTable(section),
      '',
      `_Overhead = through the gateway − direct, statistic by statistic (${section.measurement} measurement); ${escapeTableCell(section.estimate.intervalMethod)}. Min, p99.9 and max rest on a few requests each: reported, not checked._`,
      '',
      ...noteLines(section.telemetry),
      ...noteLines(section.baseline && baselineNote(section.baseline, section.rate)),
      percentileChart(section),
      ''
    )
  }
  parts.push(...metricSections(summary.metrics.headline))
  if (summary.overhead.length === 0 && record.phases.length === 0) {
    parts.push('No phase completed.', '')
  }
  for (const section of summary.stress) {
    parts.push(
      `### ${section.title} (mock provider latency ${section.mockerLatencyMs} ms)`,
      '',
      markdownTable(
        ['Run', 'Requests', 'Actual RPS', 'Valid', 'Min valid', 'P50', 'P99', 'Max', 'Top failure'],
        section.runs.map(({ phase, successPct, check }) => {
          const stats = phase.statistics
          return [
            phase.label,
            String(stats.requests),
            formatRate(stats.achievedRate),
            `${formatPct(successPct)}${check ? (check.passed ? ' ✓' : ' ✗') : ''}`,
            formatPct(section.minSuccessPct),
            formatPhaseMs(stats, 'p50'),
            formatPhaseMs(stats, 'p99'),
            formatPhaseMs(stats, 'max'),
            escapeTableCell(stats.topErrors[0]?.error ?? '')
          ]
        })
      ),
      ''
    )
    const chartPhase = section.runs.find((run) => run.phase.statistics.histogram.length > 0)
    if (chartPhase) parts.push(stressHistogramChart(chartPhase.phase), '')
  }
  for (const { phaseLabel, example } of summary.invalidResponses) {
    parts.push(
      `<details><summary>First invalid response in ${escapeTableCell(phaseLabel)}: ${escapeTableCell(example.reason)}</summary>`,
      '',
      '```text',
      quotedBody(example.body),
      '```',
      '</details>',
      ''
    )
  }
  const validityFailed = summary.validity.some((check) => !check.passed)
  if (summary.validity.length > 0) {
    parts.push(
      `<details${validityFailed ? ' open' : ''}><summary>Measurement validity: ${summary.validity.filter((check) => check.passed).length} of ${summary.validity.length} checks passed</summary>`,
      '',
      markdownTable(
        ['Check', 'Value', 'Limit', ''],
        summary.validity.map((check) => [
          escapeTableCell(check.label),
          formatValue(check.value, check.unit),
          requirement(check),
          check.passed ? '✓' : '✗'
        ])
      ),
      '',
      '</details>',
      ''
    )
  }
  parts.push(...metricSections(summary.metrics.details))
  if (summary.warnings.length > 0) {
    parts.push(...summary.warnings.map((warning) => `> [!WARNING]\n> ${warning}\n`))
  }
  parts.push(
    '<details><summary>Method</summary>',
    '',
    ...summary.method.map((line) => `- ${line}`),
    '',
    '</details>',
    '',
    '<details><summary>Resolved configuration</summary>',
    '',
    '```json',
    JSON.stringify(publicConfig(record.config), null, 2),
    '```',
    '</details>',
    ''
  )
  return parts.join('\n')
}
