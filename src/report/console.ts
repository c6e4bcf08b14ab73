import type { EngineEvent } from '../engine/events.js'
import type { RunRecord } from '../record.js'
import {
  formatMsFromNs,
  formatPct,
  formatPhaseMs,
  formatRate,
  formatUs,
  quotedBody
} from './format.js'
import { baselineNote, buildSummary, formatInterval, type RunSummary } from './summary.js'
import { baselineCells } from './markdown.js'

const PROGRESS_LINE_EVERY_S = 5

/**
 * Renders engine events as console lines: one line when a phase starts and ends, and its
 * progress (elapsed / total) every few seconds, so a log on CI shows the run is alive.
 */
export function consoleProgress(write: (line: string) => void): (event: EngineEvent) => void {
  let lastProgressLineS = 0
  return (event) => {
    switch (event.type) {
      case 'info':
        write(`  ${event.message}`)
        break
      case 'warning':
        write(`  ⚠ ${event.message}`)
        break
      case 'phase-start':
        lastProgressLineS = 0
        write(`▶ ${event.label}: ${event.detail}`)
        break
      case 'phase-progress':
        if (event.elapsedS - lastProgressLineS >= PROGRESS_LINE_EVERY_S) {
          lastProgressLineS = event.elapsedS
          const detail = event.detail ? `, ${event.detail}` : ''
          write(
            `  ${event.label}: ${event.elapsedS.toFixed(0)}s / ~${event.totalS.toFixed(0)}s${detail}`
          )
        }
        break
      case 'phase-end':
        write(`${event.ok === false ? '✗' : '✔'} ${event.label}: ${event.summary}`)
        break
    }
  }
}

/**
 * The final summary: verdict, overhead per statistic with its interval and limit, the
 * probes' headline tables, stress runs, files.
 */
export function renderConsoleSummary(
  record: RunRecord,
  summary: RunSummary = buildSummary(record)
): string {
  const lines = ['', `Gateway load test: ${summary.headline}`, '']
  if (!summary.failure) lines.push(summary.verdictSentence, '')
  if (summary.failure) {
    lines.push(`Stopped during ${summary.failure.phase ?? 'the run'}: ${summary.failure.message}`)
    if (summary.failure.logTail && !summary.failure.message.includes(summary.failure.logTail)) {
      lines.push(`Last lines of ${summary.failure.logFile ?? 'the log'}:`, summary.failure.logTail)
    }
    lines.push('')
  }
  for (const section of summary.regression) {
    lines.push(`${section.title}:`)
    const rows = [['statistic', 'base', 'head', 'regression', '95% CI', 'limit', '']]
    for (const row of section.rows) {
      rows.push([
        row.key,
        formatUs(row.baseUs),
        formatUs(row.headUs),
        formatUs(row.regressionUs),
        formatInterval(row.interval),
        row.check ? formatUs(row.check.limit) : '-',
        row.check ? (row.check.passed ? 'ok' : 'FAIL') : ''
      ])
    }
    lines.push(...alignColumns(rows))
    if (section.telemetry) lines.push(section.telemetry)
    lines.push('')
  }
  for (const section of summary.overhead) {
    lines.push(`${section.title}, ${section.measurement}:`)
    const withBaseline = section.baseline !== undefined
    const rows = [
      [
        'statistic',
        'direct',
        'via gateway',
        'overhead',
        '95% CI',
        'limit',
        '',
        ...(withBaseline ? ['baseline', 'vs baseline'] : [])
      ]
    ]
    for (const row of section.rows) {
      rows.push([
        row.key,
        formatMsFromNs(row.directNs),
        formatMsFromNs(row.gatewayNs),
        formatUs(row.overheadUs),
        formatInterval(row.interval),
        row.check ? formatUs(row.check.limit) : '-',
        row.check ? (row.check.passed ? 'ok' : 'FAIL') : '',
        ...(withBaseline ? baselineCells(row) : [])
      ])
    }
    lines.push(...alignColumns(rows))
    if (section.telemetry) lines.push(section.telemetry)
    if (section.baseline) lines.push(baselineNote(section.baseline, section.rate))
    lines.push('')
  }
  for (const table of summary.metrics.headline) {
    lines.push(`${table.title}:`, ...alignColumns([table.header, ...table.rows]), '')
  }
  for (const section of summary.stress) {
    for (const { phase, successPct } of section.runs) {
      const stats = phase.statistics
      lines.push(
        `${phase.label}: ${stats.requests} requests at ${formatRate(stats.achievedRate)} RPS, ${formatPct(successPct)} valid, p99 ${formatPhaseMs(stats, 'p99')}`
      )
    }
    lines.push('')
  }
  for (const failure of summary.failures) lines.push(`✗ ${failure}`)
  for (const { phaseLabel, example } of summary.invalidResponses) {
    lines.push(
      `First invalid response in ${phaseLabel} (HTTP ${example.statusCode}): ${example.reason}`
    )
    lines.push(`  ${quotedBody(example.body).slice(0, 200).replaceAll('\n', '\n  ')}`)
  }
  for (const warning of summary.warnings) lines.push(`⚠ ${warning}`)
  lines.push(`Results: ${record.files.json}`, `         ${record.files.markdown}`)
  return lines.join('\n')
}

function alignColumns(rows: string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)
      )
      .join('  ')
      .trimEnd()
  )
}
