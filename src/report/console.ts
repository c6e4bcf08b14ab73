import type { EngineEvent } from '../engine/events.js'
import { LATENCY_STAT_KEYS } from '../load/types.js'
import { phasesByRole, type RunRecord } from '../record.js'
import { describeFailure } from '../analysis/verdict.js'
import { formatMsFromNs, formatPct, formatRate, formatUs } from './format.js'
import { statusHeadline } from './markdown.js'

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
          write(`  ${event.label}: ${event.elapsedS.toFixed(0)}s / ~${event.totalS.toFixed(0)}s`)
        }
        break
      case 'phase-end':
        write(`✔ ${event.label}: ${event.summary}`)
        break
    }
  }
}

/** The final summary: verdict, overhead per statistic against its limit, stress runs, files. */
export function renderConsoleSummary(record: RunRecord): string {
  const lines = ['', `Gateway load test: ${statusHeadline(record)}`, '']
  if (record.failure) {
    lines.push(`Stopped during ${record.failure.phase ?? 'the run'}: ${record.failure.message}`)
    if (record.failure.logTail && !record.failure.message.includes(record.failure.logTail)) {
      lines.push(`Last lines of ${record.failure.logFile ?? 'the log'}:`, record.failure.logTail)
    }
    lines.push('')
  }
  const { calibration, overhead, stress: stressPhases } = phasesByRole(record.phases)
  if (calibration && overhead && record.overheadUs) {
    const checks = new Map(record.verdict.checks.map((check) => [check.id, check]))
    const rows = [['statistic', 'direct', 'via gateway', 'overhead', 'limit', '']]
    for (const key of LATENCY_STAT_KEYS) {
      const check = checks.get(`overhead-${key}`)
      rows.push([
        key,
        formatMsFromNs(calibration.statistics.latencyNs[key]),
        formatMsFromNs(overhead.statistics.latencyNs[key]),
        formatUs(record.overheadUs[key]),
        check ? formatUs(check.limit) : '-',
        check ? (check.passed ? 'ok' : 'FAIL') : ''
      ])
    }
    lines.push(...alignColumns(rows), '')
  }
  for (const phase of stressPhases) {
    const stats = phase.statistics
    lines.push(
      `${phase.label}: ${stats.requests} requests at ${formatRate(stats.achievedRate)} RPS, success ${formatPct(stats.successRatio * 100)}, p99 ${formatMsFromNs(stats.latencyNs.p99)}`
    )
  }
  if (stressPhases.length > 0) lines.push('')
  for (const check of record.verdict.failures) lines.push(`✗ ${describeFailure(check)}`)
  for (const warning of record.verdict.warnings) lines.push(`⚠ ${warning}`)
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
