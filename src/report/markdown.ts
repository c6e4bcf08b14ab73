import { expectedInFlight } from '../config/resolve.js'
import type { PhaseStatistics } from '../load/types.js'
import { phasesByRole, type PhaseRecord, type RunRecord } from '../record.js'
import { describeFailure } from '../analysis/verdict.js'
import {
  STAT_COLUMNS,
  markdownTable,
  bar,
  escapeTableCell,
  formatMsFromNs,
  formatPct,
  formatRate,
  formatSeconds,
  formatUs
} from './format.js'

const THRESHOLD_KEYS = new Set(['mean', 'p50', 'p90', 'p95', 'p99'])

export function statusHeadline(record: RunRecord): string {
  if (record.status === 'passed') return '✅ PASSED'
  if (record.status === 'failed') return '❌ FAILED'
  return '⚠️ ERROR'
}

function phaseRow(phase: PhaseRecord, concurrent: number): string[] {
  const stats = phase.statistics
  return [
    phase.label,
    formatRate(stats.achievedRate),
    formatSeconds(phase.durationS),
    `~${concurrent}`,
    formatPct(stats.successRatio * 100),
    ...STAT_COLUMNS.map(({ key }) => formatMsFromNs(stats.latencyNs[key]))
  ]
}

function overheadSection(record: RunRecord): string[] {
  const { calibration, overhead } = phasesByRole(record.phases)
  if (!calibration) return []
  const config = record.config
  const concurrent = expectedInFlight(config.rate, config.overheadMockerLatencyMs)
  const lines = [
    '## Gateway processing overhead',
    '',
    `${formatRate(config.rate)} RPS for ${formatSeconds(config.overheadDurationS)}, mock provider latency ${config.overheadMockerLatencyMs} ms. Overhead = through the gateway − direct to the mock provider, per statistic.`,
    '',
    markdownTable(
      [
        'Phase',
        'Actual RPS',
        'Duration',
        'Concurrent',
        'Success',
        ...STAT_COLUMNS.map((c) => c.title)
      ],
      [calibration, ...(overhead ? [overhead] : [])].map((phase) => phaseRow(phase, concurrent))
    ),
    ''
  ]
  if (overhead && record.overheadUs) {
    const overheadUs = record.overheadUs
    const checks = new Map(record.verdict.checks.map((check) => [check.id, check]))
    lines.push(
      markdownTable(
        ['Statistic', 'Direct', 'Through gateway', 'Overhead', 'Limit', ''],
        STAT_COLUMNS.map(({ key, title }) => {
          const check = THRESHOLD_KEYS.has(key) ? checks.get(`overhead-${key}`) : undefined
          return [
            title,
            formatMsFromNs(calibration.statistics.latencyNs[key]),
            formatMsFromNs(overhead.statistics.latencyNs[key]),
            formatUs(overheadUs[key]),
            check ? formatUs(check.limit) : 'not checked',
            check ? (check.passed ? '✓' : '✗') : ''
          ]
        })
      ),
      ''
    )
  }
  return lines
}

function stressSection(record: RunRecord): string[] {
  const stressPhases = phasesByRole(record.phases).stress
  if (stressPhases.length === 0) return []
  const config = record.config
  const concurrent = expectedInFlight(config.rate, config.stressMockerLatencyMs)
  return [
    '## Stress runs',
    '',
    `${formatRate(config.rate)} RPS for ${formatSeconds(config.stressDurationS)} per run, mock provider latency ${config.stressMockerLatencyMs} ms, ${formatSeconds(config.stressIdleS)} idle between runs; each run needs a success rate of at least ${formatPct(config.minStressSuccessRatePct)}.`,
    '',
    markdownTable(
      [
        'Run',
        'Actual RPS',
        'Duration',
        'Concurrent',
        'Success',
        ...STAT_COLUMNS.map((c) => c.title)
      ],
      stressPhases.map((phase) => phaseRow(phase, concurrent))
    ),
    ''
  ]
}

function processStatsSection(record: RunRecord): string[] {
  const phases = Object.entries(record.processStats).filter(([, summary]) => summary.samples > 0)
  if (phases.length === 0) return []
  return [
    '## Gateway process stats (whole process tree)',
    '',
    markdownTable(
      ['Phase', 'CPU avg', 'CPU peak', 'RSS avg', 'RSS peak', 'Samples'],
      phases.map(([phase, summary]) => [
        phase,
        `${summary.cpuAvgPct.toFixed(1)}%`,
        `${summary.cpuPeakPct.toFixed(1)}%`,
        `${summary.rssAvgMb.toFixed(1)} MB`,
        `${summary.rssPeakMb.toFixed(1)} MB`,
        String(summary.samples)
      ])
    ),
    ''
  ]
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
  const phases = record.phases.filter((phase) => phase.statistics.histogram.length > 0)
  if (phases.length === 0) return []
  return [
    '## Latency histograms',
    '',
    ...phases.flatMap((phase) => [`### ${phase.label}`, '', histogramBlock(phase.statistics), ''])
  ]
}

function errorsSection(record: RunRecord): string[] {
  const rows = record.phases.flatMap((phase) =>
    phase.statistics.topErrors.map((error) => [
      phase.label,
      String(error.count),
      escapeTableCell(error.error)
    ])
  )
  if (rows.length === 0) return []
  return ['## Most frequent errors', '', markdownTable(['Phase', 'Count', 'Error'], rows), '']
}

function verdictSection(record: RunRecord): string[] {
  const lines: string[] = []
  if (record.failure) {
    lines.push(
      `**The run stopped${record.failure.phase ? ` during ${record.failure.phase}` : ''}:** ${record.failure.message}`,
      ''
    )
    if (record.failure.logTail) {
      lines.push(
        `Last lines of ${record.failure.logFile ?? 'the log'}:`,
        '',
        '```text',
        record.failure.logTail,
        '```',
        ''
      )
    }
  }
  if (record.verdict.failures.length > 0) {
    lines.push(
      'Failed checks:',
      '',
      ...record.verdict.failures.map((check) => `- ${describeFailure(check)}`),
      ''
    )
  } else if (record.status === 'passed') {
    lines.push(`All ${record.verdict.checks.length} checks passed.`, '')
  }
  if (record.verdict.warnings.length > 0) {
    lines.push(...record.verdict.warnings.map((warning) => `> ⚠️ ${warning}`), '')
  }
  return lines
}

/** load-test-results.md: the seed's tables, per-phase histograms, and why it passed or failed. */
export function renderMarkdown(record: RunRecord): string {
  const config = record.config
  const lines = [
    `# Gateway load test: ${statusHeadline(record)}`,
    '',
    `Single gateway instance at ${config.rate} RPS · ${record.finishedAt}`,
    '',
    ...verdictSection(record),
    ...overheadSection(record),
    ...stressSection(record),
    ...processStatsSection(record),
    ...errorsSection(record),
    ...histogramSection(record),
    '## Method',
    '',
    `- **Calibration**: vegeta → mock provider directly; **overhead**: vegeta → gateway → mock provider, same rate and duration. Overhead is the difference per statistic, so it includes the extra local network hop, JSON (de)serialisation and the gateway's own work.`,
    `- Mock provider and gateway are restarted before the stress runs, so pooled connections from the overhead phase cannot affect them.`,
    `- Latency statistics are exact, computed from every request's latency (nearest rank), not vegeta's estimates.`,
    `- Overhead limits: mean ≤ ${config.maxOverheadUs.mean} µs, p50 ≤ ${config.maxOverheadUs.p50} µs, p90 ≤ ${config.maxOverheadUs.p90} µs, p95 ≤ ${config.maxOverheadUs.p95} µs, p99 ≤ ${config.maxOverheadUs.p99} µs; min, p99.9 and max are reported, not checked.`,
    '',
    '---',
    '*Generated by bifrost-load-test*',
    ''
  ]
  return lines.join('\n')
}
