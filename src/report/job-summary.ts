import type { LatencyStatsNs } from '../load/types.js'
import { phasesByRole, type PhaseRecord, type RunRecord } from '../record.js'
import { describeFailure } from '../analysis/verdict.js'
import {
  STAT_COLUMNS,
  escapeTableCell,
  formatMsFromNs,
  formatPct,
  formatRate,
  formatUs,
  markdownTable
} from './format.js'
import { statusHeadline } from './markdown.js'
import { publicConfig } from './redact.js'

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
  if (record.failure) {
    return `Stopped${record.failure.phase ? ` during ${record.failure.phase}` : ''}: ${record.failure.message.split('\n')[0]}`
  }
  if (record.verdict.failures.length > 0) {
    return record.verdict.failures.map(describeFailure).join('; ')
  }
  return `All ${record.verdict.checks.length} checks passed at ${record.config.rate} RPS.`
}

function overheadTable(record: RunRecord, calibration: PhaseRecord, overhead: PhaseRecord): string {
  const checks = new Map(record.verdict.checks.map((check) => [check.id, check]))
  const overheadUs = record.overheadUs
  return markdownTable(
    ['Statistic', 'Direct (ms)', 'Through gateway (ms)', 'Overhead', 'Limit', ''],
    STAT_COLUMNS.map(({ key, title }) => {
      const check = checks.get(`overhead-${key}`)
      return [
        title,
        ms(calibration.statistics.latencyNs[key]),
        ms(overhead.statistics.latencyNs[key]),
        overheadUs ? formatUs(overheadUs[key]) : '—',
        check ? formatUs(check.limit) : 'not checked',
        check ? (check.passed ? '✓' : '✗') : ''
      ]
    })
  )
}

/** Mermaid line chart: latency percentiles direct vs through the gateway. */
function percentileChart(calibration: PhaseRecord, overhead: PhaseRecord): string {
  const values = (phase: PhaseRecord): number[] =>
    PERCENTILES.map(({ key }) => Number(ms(phase.statistics.latencyNs[key])))
  const all = [...values(calibration), ...values(overhead)]
  const low = Math.floor(Math.min(...all))
  const high = Math.ceil(Math.max(...all))
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Latency percentiles (ms): direct (first line) vs through the gateway (second line)"',
    `  x-axis [${PERCENTILES.map(({ title }) => `"${title}"`).join(', ')}]`,
    `  y-axis "latency (ms)" ${low} --> ${high === low ? high + 1 : high}`,
    `  line [${values(calibration).join(', ')}]`,
    `  line [${values(overhead).join(', ')}]`,
    '```'
  ].join('\n')
}

/** Mermaid bar chart of a stress run's measured latency histogram. */
function stressHistogramChart(phase: PhaseRecord): string {
  const buckets = phase.statistics.histogram
  const labels = buckets.map((bucket) => `"≤${(bucket.upperNs / 1e6).toFixed(1)}"`)
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

/**
 * The job summary: the verdict first, then the overhead table with limits, the stress runs,
 * the gateway's CPU and memory, two charts, and the resolved config folded away.
 */
export function renderJobSummary(record: RunRecord): string {
  const parts: string[] = [
    `## Gateway load test: ${statusHeadline(record)}`,
    '',
    `**${escapeTableCell(verdictSentence(record))}**`,
    ''
  ]
  if (record.failure?.logTail) {
    parts.push(
      `<details open><summary>Last lines of ${record.failure.logFile ?? 'the log'}</summary>`,
      '',
      '```text',
      record.failure.logTail,
      '```',
      '</details>',
      ''
    )
  }
  const { calibration, overhead, stress: stressPhases } = phasesByRole(record.phases)
  if (calibration && overhead) {
    parts.push(
      `### Overhead at ${record.config.rate} RPS (mock provider latency ${record.config.overheadMockerLatencyMs} ms)`,
      '',
      overheadTable(record, calibration, overhead),
      '',
      '_Overhead = through the gateway − direct, statistic by statistic, over two separate runs at the same load; min, p99.9 and max rest on a few requests each, so they are reported, not checked, and can come out negative._',
      '',
      percentileChart(calibration, overhead),
      ''
    )
  } else if (record.phases.length === 0) {
    parts.push('No phase completed.', '')
  }
  if (stressPhases.length > 0) {
    parts.push(
      `### Stress runs (mock provider latency ${record.config.stressMockerLatencyMs} ms)`,
      '',
      markdownTable(
        ['Run', 'Requests', 'Actual RPS', 'Success', 'Min success', 'P50', 'P99', 'Max', 'Errors'],
        stressPhases.map((phase) => {
          const stats = phase.statistics
          const check = record.verdict.checks.find((c) => c.id === `${phase.id}-success-rate`)
          return [
            phase.label,
            String(stats.requests),
            formatRate(stats.achievedRate),
            `${formatPct(stats.successRatio * 100)}${check ? (check.passed ? ' ✓' : ' ✗') : ''}`,
            formatPct(record.config.minStressSuccessRatePct),
            formatMsFromNs(stats.latencyNs.p50),
            formatMsFromNs(stats.latencyNs.p99),
            formatMsFromNs(stats.latencyNs.max),
            escapeTableCell(stats.topErrors[0]?.error ?? '')
          ]
        })
      ),
      ''
    )
    const chartPhase = stressPhases.find((phase) => phase.statistics.histogram.length > 0)
    if (chartPhase) parts.push(stressHistogramChart(chartPhase), '')
  }
  const stats = Object.entries(record.processStats).filter(([, summary]) => summary.samples > 0)
  if (stats.length > 0) {
    parts.push(
      '### Gateway CPU and memory (whole process tree)',
      '',
      markdownTable(
        ['Phase', 'CPU avg', 'CPU peak', 'RSS avg', 'RSS peak'],
        stats.map(([phase, summary]) => [
          phase,
          `${summary.cpuAvgPct.toFixed(1)}%`,
          `${summary.cpuPeakPct.toFixed(1)}%`,
          `${summary.rssAvgMb.toFixed(1)} MB`,
          `${summary.rssPeakMb.toFixed(1)} MB`
        ])
      ),
      ''
    )
  }
  if (record.verdict.warnings.length > 0) {
    parts.push(...record.verdict.warnings.map((warning) => `> [!WARNING]\n> ${warning}\n`))
  }
  parts.push(
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
