import type { Interval } from '../analysis/interval.js'
import type { MetricFigure, MetricRow, MetricShown } from '../record.js'
import { escapeTableCell, markdownTable } from './format.js'

/**
 * The one place that turns the probes' metric rows (MetricRow, engine/probes) into tables
 * and exported figures: the Markdown report, the job summary, the console, the PR comment
 * and both exports render rows through it, so a new probe's rows appear everywhere without
 * a renderer of their own. Pure.
 */

/** A table of metric rows, as text cells; each renderer lays it out in its own format. */
export interface MetricTable {
  title: string
  header: string[]
  rows: string[][]
}

/** A check made from a metric row: it carries the row's id (see MetricRow). */
export interface MetricCheck {
  id: string
  limit: number
  bound: 'max' | 'min' | 'below'
  passed: boolean
}

/**
 * The tables of the rows shown at `shown`, per group, in the order the groups first appear.
 * A group's rows that compare head with base make one table, a line per row: base, head,
 * head − base and its interval (and in % of base when a row has it), and a limit column
 * when a check was made from a row. Its other rows make a table of phases (and targets, when
 * it has several) by figures, each cell the value with its interval, and ✓ or ✗ when a check
 * was made from it; titled "<group>, not compared" beside a comparison.
 */
export function metricTables(
  rows: readonly MetricRow[],
  shown: readonly MetricShown[],
  checks: readonly MetricCheck[] = []
): MetricTable[] {
  const groups = new Map<string, MetricRow[]>()
  for (const row of rows) {
    if (!shown.includes(row.shown)) continue
    const group = groups.get(row.group)
    if (group) group.push(row)
    else groups.set(row.group, [row])
  }
  const checkById = new Map(checks.map((check) => [check.id, check]))
  return [...groups].flatMap(([title, group]) => {
    const compared = group.filter((row) => row.base !== undefined || row.regression !== undefined)
    const others = group.filter((row) => !compared.includes(row))
    if (compared.length === 0) return [phaseTable(title, group, checkById)]
    return [
      comparisonTable(title, compared, checkById),
      ...(others.length > 0 ? [phaseTable(`${title}, not compared`, others, checkById)] : [])
    ]
  })
}

/** Where a row is in its group: its phase, and its target when the group has several. */
function placeOf(group: readonly MetricRow[]): (row: MetricRow) => string {
  const targets = new Set(group.map((row) => row.target))
  return (row) => (targets.size > 1 && row.target ? `${row.phase} (${row.target})` : row.phase)
}

function comparisonTable(
  title: string,
  group: readonly MetricRow[],
  checkById: ReadonlyMap<string, MetricCheck>
): MetricTable {
  const place = placeOf(group)
  const places = new Set(group.map(place))
  const withPct = group.some((row) => row.regressionPct !== undefined)
  const withCheck = group.some((row) => checkById.has(row.id))
  return {
    title,
    header: [
      'Metric',
      'Base',
      'Head',
      'Head − base',
      '95% CI',
      ...(withPct ? ['Head − base, %', '95% CI, %'] : []),
      ...(withCheck ? ['Limit', ''] : [])
    ],
    rows: group.map((row) => {
      const check = checkById.get(row.id)
      return [
        places.size > 1 ? `${row.label}, ${place(row)}` : row.label,
        row.base ? figureText(row.base, row) : '—',
        figureText(row, row),
        row.regression ? signedText(row.regression.value, row) : '—',
        intervalText(row.regression?.interval, row),
        ...(withPct
          ? [
              row.regressionPct ? signedText(row.regressionPct.value, PCT) : '—',
              intervalText(row.regressionPct?.interval, PCT)
            ]
          : []),
        ...(withCheck ? (check ? [limitText(check, row), mark(check)] : ['not checked', '']) : [])
      ]
    })
  }
}

function phaseTable(
  title: string,
  group: readonly MetricRow[],
  checkById: ReadonlyMap<string, MetricCheck>
): MetricTable {
  const place = placeOf(group)
  const columns = new Map<string, string>()
  for (const row of group) if (!columns.has(row.metric)) columns.set(row.metric, row.label)
  const lines = new Map<string, Map<string, MetricRow>>()
  for (const row of group) {
    const key = place(row)
    const line = lines.get(key) ?? new Map<string, MetricRow>()
    line.set(row.metric, row)
    lines.set(key, line)
  }
  return {
    title,
    header: ['Phase', ...columns.values()],
    rows: [...lines].map(([key, line]) => [
      key,
      ...[...columns.keys()].map((metric) => {
        const row = line.get(metric)
        if (!row) return '—'
        const check = checkById.get(row.id)
        return `${figureText(row, row)}${check ? ` ${mark(check)}` : ''}`
      })
    ])
  }
}

const PCT = { unit: '%', decimals: 1 }

const mark = (check: MetricCheck): string => (check.passed ? '✓' : '✗')

function limitText(check: MetricCheck, format: Format): string {
  const relation = check.bound === 'max' ? '≤' : check.bound === 'min' ? '≥' : '<'
  return `${relation} ${formatMetric(check.limit, format)}`
}

/** How a row's numbers are written: its unit, and its decimals (default 1, 0 for a count). */
export type Format = Pick<MetricRow, 'unit' | 'decimals'>

/** A value in its unit: "12.3%", "48.1 MiB", "30" for a count; "—" when not finite. */
export function formatMetric(value: number, { unit, decimals }: Format): string {
  if (!Number.isFinite(value)) return '—'
  const text = value.toFixed(decimals ?? (unit === '' ? 0 : 1))
  if (unit === '') return text
  return unit === '%' ? `${text}%` : `${text} ${unit}`
}

/** A difference with its sign, a true minus, and ± for zero: "+2.1 µs", "−0.4%". */
function signedText(value: number, format: Format): string {
  const text = formatMetric(Math.abs(value), format)
  if (text === '—') return text
  if (Number(Math.abs(value).toFixed(format.decimals ?? (format.unit === '' ? 0 : 1))) === 0) {
    return `±${text}`
  }
  return `${value > 0 ? '+' : '−'}${text}`
}

function intervalText(interval: Interval | undefined, format: Format): string {
  return interval && Number.isFinite(interval.low) && Number.isFinite(interval.high)
    ? `${formatMetric(interval.low, format)} … ${formatMetric(interval.high, format)}`
    : '—'
}

/** A value with its interval when it has one: "412.0 µs (401.2 µs … 420.9 µs)". */
function figureText(figure: MetricFigure, format: Format): string {
  const interval = intervalText(figure.interval, format)
  const value = formatMetric(figure.value, format)
  return interval === '—' ? value : `${value} (${interval})`
}

/**
 * A metric table in Markdown; cells are escaped for a table unless `escaped` says the text
 * is already inert (the PR comment escapes what it reads from the results JSON itself).
 */
export function markdownMetricTable(table: MetricTable, escaped = false): string {
  const cell = escaped ? (text: string) => text : escapeTableCell
  return markdownTable(
    table.header.map(cell),
    table.rows.map((row) => row.map(cell))
  )
}

/** One figure of the exports: a row's value, or its regression head − base. */
export interface ExportedMetric {
  /** The benchmark: "<group>/<label> (<phase>[, <target>])", lower case; regressions prefixed. */
  name: string
  /** Bencher's Measure: the row's metric slug, "-regression" appended for head − base. */
  measure: string
  unit: string
  value: number
  interval?: Interval
  worse: MetricRow['worse']
}

/** The figures of the `headline` rows, for bencher.json and benchmark-action.json. */
export function exportedMetrics(rows: readonly MetricRow[]): ExportedMetric[] {
  return rows
    .filter((row) => row.shown === 'headline')
    .flatMap((row) => {
      const where = `${row.phase}${row.target ? `, ${row.target}` : ''}`
      const name = `${row.group}/${row.label} (${where})`.toLowerCase()
      const own: ExportedMetric = {
        name,
        measure: row.metric,
        unit: row.unit,
        value: row.value,
        ...(row.interval ? { interval: row.interval } : {}),
        worse: row.worse
      }
      if (!row.regression) return [own]
      return [
        own,
        {
          name: `regression head − base/${name}`,
          measure: `${row.metric}-regression`,
          unit: row.unit,
          value: row.regression.value,
          ...(row.regression.interval ? { interval: row.regression.interval } : {}),
          worse: row.worse
        }
      ]
    })
    .filter((figure) => Number.isFinite(figure.value))
}
