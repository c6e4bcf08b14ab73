import type { LatencyStatsNs, PhaseStatistics } from '../load/types.js'

/** Number formatting shared by the Markdown report, the job summary and the console. */

export const formatUs = (us: number): string => `${us.toFixed(1)} µs`

/** A difference in µs with its sign: "+12.3 µs", "−4.0 µs" (a true minus), "±0.0 µs". */
export function formatSignedUs(us: number): string {
  const rounded = Number(us.toFixed(1))
  if (rounded === 0) return '±0.0 µs'
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)} µs`
}

export const formatMsFromNs = (ns: number): string => `${(ns / 1e6).toFixed(2)} ms`

/**
 * One latency statistic of a phase in ms, or "—" when no request of the phase was valid:
 * its statistics are then 0 by convention, not a measurement.
 */
export function formatPhaseMs(stats: PhaseStatistics, key: keyof LatencyStatsNs): string {
  return stats.successes === 0 ? '—' : formatMsFromNs(stats.latencyNs[key])
}

export const formatPct = (pct: number): string => `${pct.toFixed(2)}%`

export const formatRate = (rate: number): string => rate.toFixed(1)

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`
  const minutes = Math.floor(seconds / 60)
  const rest = Number((seconds - minutes * 60).toFixed(3))
  return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`
}

/** A histogram bar of `width` cells for count/maxCount, using eighth blocks for precision. */
export function bar(count: number, maxCount: number, width = 40): string {
  if (maxCount <= 0 || count <= 0) return ''
  const eighths = Math.max(1, Math.round((count / maxCount) * width * 8))
  const partial = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']
  return '█'.repeat(Math.floor(eighths / 8)) + (partial[eighths % 8] ?? '')
}

export function escapeTableCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

/** A quoted answer's body as the reports show it: an empty body said in words. */
export const quotedBody = (body: string): string => (body === '' ? '(empty body)' : body)

/** A Markdown note under a table: the text in italics on its own line, or nothing. */
export const noteLines = (text: string | undefined): string[] =>
  text ? [`_${escapeTableCell(text)}_`, ''] : []

/** The statistics every table shows, in order, with their column titles. */
export const STAT_COLUMNS: readonly { key: keyof LatencyStatsNs; title: string }[] = [
  { key: 'min', title: 'Min' },
  { key: 'mean', title: 'Mean' },
  { key: 'p50', title: 'P50' },
  { key: 'p90', title: 'P90' },
  { key: 'p95', title: 'P95' },
  { key: 'p99', title: 'P99' },
  { key: 'p999', title: 'P99.9' },
  { key: 'max', title: 'Max' }
]

/** A Markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
