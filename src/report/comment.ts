import { formatSignedUs, formatUs, markdownTable, noteLines } from './format.js'
import type { Interval } from '../analysis/interval.js'
import type { MetricFigure, MetricRow } from '../record.js'
import type { GatewayTelemetry } from '../services/gateway-telemetry.js'
import { markdownMetricTable, metricTables } from './metric-rows.js'
import {
  overheadTelemetrySentence,
  regressionTelemetrySentence,
  statusHeadline
} from './summary.js'

/**
 * The pull-request comment, rendered from the results JSON (load-test-results.json, what the
 * artifact carries) and nothing else, so a comment posted by the run itself and one posted
 * later from its artifact (comment-from-results) are the same text. The JSON may come from
 * an untrusted artifact: every text taken from it is escaped and cut to a length, and every
 * number must be a finite number to be shown.
 */

/** GitHub refuses a comment body longer than this many characters. */
export const MAX_COMMENT_CHARS = 65_536

const MARKER_PREFIX = 'bifrost-load-test:'
const MAX_SENTENCE_CHARS = 800
const MAX_LABEL_CHARS = 200
const MAX_LISTED_FAILURES = 10
/** The most metric rows the comment reads from the results. */
const MAX_METRIC_ROWS = 100
/** The statistics the comment shows: those checked against limits. */
const STATS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const
const STAT_TITLE: Record<(typeof STATS)[number], string> = {
  mean: 'Mean',
  p50: 'P50',
  p90: 'P90',
  p95: 'P95',
  p99: 'P99'
}

type NumbersUs = Partial<Record<string, number | null>>
type IntervalJson = { low: number; high: number } | null
type IntervalsUs = Partial<Record<string, IntervalJson>>

interface OverheadModeJson {
  latency_us?: NumbersUs
  interval_us?: IntervalsUs
  overhead_phase?: string
}

interface RegressionModeJson {
  latency_us?: NumbersUs
  interval_us?: IntervalsUs
  limit_us?: NumbersUs
  base_overhead_us?: NumbersUs
  base_interval_us?: IntervalsUs
  head_overhead_us?: NumbersUs
  sentence?: string
  base_phase?: string
  head_phase?: string
}

interface PhaseJson {
  id: string
  gateway_telemetry?: { metric?: string; requests?: number; mean_us?: number } | null
}

type FigureJson = { value?: unknown; interval?: { low?: unknown; high?: unknown } | null } | null

/** A probe's row in the results JSON (results-json.ts, metricJson). */
interface MetricRowJson {
  id?: unknown
  probe?: unknown
  metric?: unknown
  label?: unknown
  group?: unknown
  unit?: unknown
  value?: unknown
  interval?: { low?: unknown; high?: unknown } | null
  worse?: unknown
  target?: unknown
  phase?: unknown
  base?: FigureJson
  regression?: FigureJson
  regression_pct?: FigureJson
  decimals?: unknown
  shown?: unknown
}

interface StressModeJson {
  runs?: { id: string; success_rate?: number | null }[]
}

interface BaselineModeJson {
  overhead_us?: NumbersUs | null
  difference_us?: NumbersUs | null
}

interface CheckJson {
  check: string
  label?: string
  mode?: string | null
  value?: number
  limit?: number
  unit?: string
  /** max: value ≤ limit; min: value ≥ limit; below: value < limit. */
  bound?: string
  passed?: boolean
}

/** Where the run happened, as the action records it in the results (`github`). */
export interface GithubJson {
  repository?: string
  server_url?: string
  run_id?: string
  run_attempt?: string
  run_url?: string
  job?: string
  event?: string
  pr_number?: number | null
  head_sha?: string | null
  base_ref?: string | null
  comment_key?: string
  artifact_name?: string | null
}

/**
 * The part of the results JSON the comment reads; buildResultsJson's output is one (a test
 * passes it here, so the two cannot drift), and so is a file that passed the schema check.
 */
export interface CommentSource {
  status: 'passed' | 'failed' | 'error'
  timestamp?: string
  overhead: (OverheadModeJson & { streaming?: OverheadModeJson }) | null
  regression?: (RegressionModeJson & { streaming?: RegressionModeJson }) | null
  stress?: (StressModeJson & { streaming?: StressModeJson }) | null
  baseline?: (BaselineModeJson & { timestamp?: string; streaming?: BaselineModeJson }) | null
  verdict: {
    passed: boolean
    sentence?: string
    failures?: CheckJson[]
    checks?: CheckJson[]
  }
  config?: { rate?: number; failOn?: string }
  github?: GithubJson
  phases?: PhaseJson[]
  metrics?: MetricRowJson[]
}

/** What the comment links to; all optional. */
export interface CommentLinks {
  /** The workflow run. */
  runUrl?: string
  /** The results artifact's own page, when its id is known. */
  artifactUrl?: string
  /** The artifact's name, shown when only the run is linked. */
  artifactName?: string
}

/**
 * A key for the hidden marker: letters, digits, `.`, `_` and single `-` (so it cannot end the
 * HTML comment), at most 100 characters; anything else becomes `-`. Empty gives "default".
 */
export function commentKeyOf(text: string): string {
  const key = text
    .replace(/[^\w.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
  return key || 'default'
}

/** The hidden first line that finds a job's comment again: `<!-- bifrost-load-test:KEY -->`. */
export function commentMarker(key: string): string {
  return `<!-- ${MARKER_PREFIX}${commentKeyOf(key)} -->`
}

/**
 * Text from the results, made inert for a comment: control characters and line breaks
 * become spaces, it is cut to `maxChars`, HTML and Markdown punctuation are escaped, and
 * `@`, `://` and `www.` get a zero-width space so the text can neither mention anyone nor
 * link (GitHub also links a bare `www.` address).
 */
export function inertText(text: unknown, maxChars: number): string {
  if (typeof text !== 'string') return ''
  // eslint-disable-next-line no-control-regex
  let flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (flat.length > maxChars) flat = `${flat.slice(0, maxChars - 1)}…`
  return flat
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1')
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/www\./gi, (match) => `${match.slice(0, 3)}\u200b.`)
}

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

const us = (value: unknown): string => (isNumber(value) ? formatUs(value) : '—')
const signedUs = (value: unknown): string => (isNumber(value) ? formatSignedUs(value) : '—')

function interval(value: IntervalJson | undefined): string {
  return value && isNumber(value.low) && isNumber(value.high)
    ? `${formatUs(value.low)} … ${formatUs(value.high)}`
    : '—'
}

/** A phase's gateway telemetry, with its metric name made inert; undefined unless whole. */
function telemetryOf(source: CommentSource, phaseId: unknown): GatewayTelemetry | undefined {
  if (typeof phaseId !== 'string') return undefined
  const telemetry = source.phases?.find((phase) => phase.id === phaseId)?.gateway_telemetry
  if (!telemetry || !isNumber(telemetry.requests) || !isNumber(telemetry.mean_us)) {
    return undefined
  }
  // A Prometheus metric name (letters, digits, _ and :) can be neither a link nor markup.
  const metric = telemetry.metric
  if (typeof metric !== 'string' || !/^[A-Za-z_:][A-Za-z0-9_:]{0,199}$/.test(metric)) {
    return undefined
  }
  return {
    metric: inertText(metric, MAX_LABEL_CHARS),
    requests: telemetry.requests,
    meanUs: telemetry.mean_us
  }
}

function intervalOf(
  value: { low?: unknown; high?: unknown } | null | undefined
): Interval | undefined {
  return value && isNumber(value.low) && isNumber(value.high)
    ? { low: value.low, high: value.high }
    : undefined
}

function figureOf(value: FigureJson | undefined): MetricFigure | undefined {
  if (!value || !isNumber(value.value)) return undefined
  const interval = intervalOf(value.interval)
  return { value: value.value, ...(interval ? { interval } : {}) }
}

/**
 * The `headline` rows of the results, as rows again: every text made inert, every number
 * finite or left out; a row without its id, texts or a finite value is dropped.
 */
function headlineRowsOf(source: CommentSource): MetricRow[] {
  if (!Array.isArray(source.metrics)) return []
  return source.metrics.slice(0, MAX_METRIC_ROWS).flatMap((row): MetricRow[] => {
    const texts = [row.id, row.label, row.group, row.phase, row.unit]
    if (row.shown !== 'headline' || !texts.every((text) => typeof text === 'string')) return []
    if (!isNumber(row.value)) return []
    const interval = intervalOf(row.interval)
    const base = figureOf(row.base)
    const regression = figureOf(row.regression)
    const regressionPct = figureOf(row.regression_pct)
    const target = row.target === 'direct' || row.target === 'gateway' || row.target === 'base'
    return [
      {
        id: row.id as string,
        probe: inertText(row.probe, MAX_LABEL_CHARS),
        metric: inertText(row.metric, MAX_LABEL_CHARS),
        label: inertText(row.label, MAX_LABEL_CHARS),
        group: inertText(row.group, MAX_LABEL_CHARS),
        unit: inertText(row.unit, 20),
        value: row.value,
        worse: row.worse === 'higher' || row.worse === 'lower' ? row.worse : 'neither',
        phase: inertText(row.phase, MAX_LABEL_CHARS),
        shown: 'headline',
        ...(interval ? { interval } : {}),
        ...(target ? { target: row.target as MetricRow['target'] } : {}),
        ...(base ? { base } : {}),
        ...(regression ? { regression } : {}),
        ...(regressionPct ? { regressionPct } : {}),
        ...(Number.isInteger(row.decimals) &&
        (row.decimals as number) >= 0 &&
        (row.decimals as number) <= 6
          ? { decimals: row.decimals as number }
          : {})
      }
    ]
  })
}

const boundOf = (check: CheckJson): 'max' | 'min' | 'below' =>
  check.bound === 'min' || check.bound === 'below' ? check.bound : 'max'

/** The probes' headline tables, from the results' metric rows and the checks made from them. */
function metricLines(source: CommentSource): string[] {
  const checks = (source.verdict.checks ?? []).flatMap((check) =>
    isNumber(check.limit) && typeof check.passed === 'boolean'
      ? [{ id: check.check, limit: check.limit, bound: boundOf(check), passed: check.passed }]
      : []
  )
  return metricTables(headlineRowsOf(source), ['headline'], checks).flatMap((table) => [
    `#### ${table.title}`,
    '',
    markdownMetricTable(table, true),
    ''
  ])
}

const mark = (check: CheckJson | undefined): string =>
  check?.passed === undefined ? '' : check.passed ? '✓' : '✗'

/** An http(s) URL on its own, for a link target; anything else is dropped. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s()<>"'`]+$/.test(url)) return undefined
  return url
}

interface ModeView {
  mode: 'non-streaming' | 'streaming'
  suffix: string
  title: string
}

const MODES: ModeView[] = [
  { mode: 'non-streaming', suffix: '', title: '' },
  { mode: 'streaming', suffix: '-streaming', title: ' (streaming)' }
]

/** The object of one mode under a byMode key: the top level for non-streaming. */
function ofMode<T extends object>(
  value: (T & { streaming?: T }) | null | undefined,
  view: ModeView,
  present: keyof T
): T | undefined {
  if (!value) return undefined
  const candidate = view.mode === 'streaming' ? value.streaming : value
  return candidate && present in candidate ? candidate : undefined
}

function checkById(source: CommentSource): Map<string, CheckJson> {
  return new Map((source.verdict.checks ?? []).map((check) => [check.check, check]))
}

function baselineOf(source: CommentSource, view: ModeView): BaselineModeJson | undefined {
  const baseline = ofMode(source.baseline, view, 'overhead_us')
  return baseline?.overhead_us ? baseline : undefined
}

const atRate = (source: CommentSource): string =>
  isNumber(source.config?.rate) ? ` at ${source.config.rate} RPS` : ''

function regressionTable(
  source: CommentSource,
  view: ModeView,
  regression: RegressionModeJson
): string[] {
  const checks = checkById(source)
  const baseline = baselineOf(source, view)
  const header = [
    'Statistic',
    'Base overhead',
    'Head overhead',
    'Head − base',
    '95% CI',
    'Limit (lower bound ≤)',
    '',
    ...(baseline ? ['Head vs baseline'] : [])
  ]
  const rows = STATS.map((stat) => {
    const check = checks.get(`regression${view.suffix}-${stat}`)
    return [
      STAT_TITLE[stat],
      us(regression.base_overhead_us?.[stat]),
      us(regression.head_overhead_us?.[stat]),
      signedUs(regression.latency_us?.[stat]),
      interval(regression.interval_us?.[stat]),
      isNumber(regression.limit_us?.[stat]) ? us(regression.limit_us?.[stat]) : 'not checked',
      mark(check),
      ...(baseline ? [signedUs(baseline.difference_us?.[stat])] : [])
    ]
  })
  const sentence = inertText(regression.sentence, MAX_SENTENCE_CHARS)
  return [
    `#### Head against base${view.title}${atRate(source)}`,
    '',
    ...(sentence ? [`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`, ''] : []),
    markdownTable(header, rows),
    '',
    `_Base and head ran side by side in one attack. A regression fails its check only when the lower bound of its 95% interval exceeds the limit, so noise alone cannot fail it._`,
    '',
    ...noteLines(
      isNumber(regression.latency_us?.mean)
        ? regressionTelemetrySentence(
            telemetryOf(source, regression.head_phase),
            telemetryOf(source, regression.base_phase),
            regression.latency_us.mean
          )
        : undefined
    )
  ]
}

function overheadTable(
  source: CommentSource,
  view: ModeView,
  overhead: OverheadModeJson
): string[] {
  const checks = checkById(source)
  const baseline = baselineOf(source, view)
  const header = [
    'Statistic',
    'Overhead',
    '95% CI',
    'Limit',
    '',
    ...(baseline ? ['Baseline', 'vs baseline'] : [])
  ]
  const rows = STATS.map((stat) => {
    const check = checks.get(`overhead${view.suffix}-${stat}`)
    return [
      STAT_TITLE[stat],
      us(overhead.latency_us?.[stat]),
      interval(overhead.interval_us?.[stat]),
      isNumber(check?.limit) ? us(check?.limit) : 'not checked',
      mark(check),
      ...(baseline
        ? [us(baseline.overhead_us?.[stat]), signedUs(baseline.difference_us?.[stat])]
        : [])
    ]
  })
  return [
    `#### Gateway overhead${view.title}${atRate(source)}`,
    '',
    markdownTable(header, rows),
    '',
    '_Overhead = through the gateway − direct to the mock provider, per statistic._',
    '',
    ...noteLines(
      isNumber(overhead.latency_us?.mean)
        ? overheadTelemetrySentence(
            telemetryOf(source, overhead.overhead_phase),
            overhead.latency_us.mean
          )
        : undefined
    )
  ]
}

function stressLine(source: CommentSource, view: ModeView): string[] {
  const stress = ofMode(source.stress, view, 'runs')
  if (!stress?.runs || stress.runs.length === 0) return []
  const checks = checkById(source)
  const runs = stress.runs.slice(0, 20).map((run) => {
    const rate = isNumber(run.success_rate) ? `${run.success_rate.toFixed(2)}%` : '—'
    const check = checks.get(`${run.id}-success-rate`)
    return `${inertText(run.id, 40)} ${rate} ${mark(check)}`.trimEnd()
  })
  return [`**Stress runs${view.title}** (valid responses): ${runs.join(', ')}`, '']
}

function failureLines(source: CommentSource): string[] {
  const failures = source.verdict.failures ?? []
  if (failures.length < 2) return []
  const lines = failures.slice(0, MAX_LISTED_FAILURES).map((failure) => {
    const unit = failure.unit === '%' ? '%' : failure.unit === 'µs' ? ' µs' : ''
    const figures =
      isNumber(failure.value) && isNumber(failure.limit)
        ? `: ${failure.value.toFixed(unit === '%' ? 2 : 1)}${unit} (limit ${failure.limit}${unit})`
        : ''
    return `- ${inertText(failure.label ?? failure.check, MAX_LABEL_CHARS)}${figures}`
  })
  if (failures.length > MAX_LISTED_FAILURES) {
    lines.push(`- and ${failures.length - MAX_LISTED_FAILURES} more (see the run's job summary)`)
  }
  return [`**${failures.length} checks failed:**`, '', ...lines, '']
}

function baselineNoteLine(source: CommentSource): string[] {
  if (!source.baseline) return []
  const when = inertText(source.baseline.timestamp ?? 'unknown', 60)
  return [
    `_vs baseline: this run's overhead minus that of an earlier run (${when}). Informative only: measured on another runner, on another day; not checked._`,
    ''
  ]
}

function footer(source: CommentSource, key: string, links: CommentLinks): string {
  const parts: string[] = []
  const runUrl = safeUrl(links.runUrl)
  if (runUrl) parts.push(`[workflow run](${runUrl})`)
  const artifactUrl = safeUrl(links.artifactUrl)
  const artifactName = inertText(links.artifactName ?? '', 200)
  if (artifactUrl) parts.push(`[results artifact](${artifactUrl})`)
  else if (artifactName && runUrl) parts.push(`results in artifact ${artifactName} of the run`)
  const sha = source.github?.head_sha
  if (typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha)) {
    parts.push(`head \`${sha.slice(0, 12)}\``)
  }
  if (typeof source.timestamp === 'string') parts.push(inertText(source.timestamp, 40))
  parts.push(`comment key \`${commentKeyOf(key)}\``)
  return `<sub>${parts.join(' · ')} · bifrost-load-test</sub>`
}

/**
 * The comment for a run's results: the hidden marker for `key`, the headline and verdict,
 * per mode the table of head against base (with a base build) or of the overhead (without),
 * each with its interval, limit and check mark, a "vs baseline" column when the results
 * carry one, and the gateways' own telemetry when they exported it; the stress runs, the
 * failed checks, and links. At most MAX_COMMENT_CHARS long.
 */
export function renderComment(source: CommentSource, key: string, links: CommentLinks): string {
  const reportOnly = source.config?.failOn === 'never' && source.status === 'failed'
  const lines: string[] = [
    commentMarker(key),
    `### Gateway load test: ${statusHeadline(source.status)}`,
    ''
  ]
  const sentence = inertText(source.verdict.sentence, MAX_SENTENCE_CHARS)
  if (sentence) lines.push(`**${sentence}**`, '')
  if (reportOnly) {
    lines.push('> Report only (`fail-on: never`): this verdict does not fail the job.', '')
  }
  lines.push(...failureLines(source))
  for (const view of MODES) {
    const regression = ofMode(source.regression, view, 'latency_us')
    const overhead = ofMode(source.overhead, view, 'latency_us')
    if (regression) lines.push(...regressionTable(source, view, regression))
    else if (overhead) lines.push(...overheadTable(source, view, overhead))
  }
  lines.push(...metricLines(source))
  lines.push(...baselineNoteLine(source))
  for (const view of MODES) lines.push(...stressLine(source, view))
  return limitLength(`${lines.join('\n')}\n${footer(source, key, links)}\n`, MAX_COMMENT_CHARS)
}

/** `body` cut at a line boundary to at most `maxChars`, saying so; the marker stays first. */
export function limitLength(body: string, maxChars: number): string {
  if (body.length <= maxChars) return body
  const note =
    '\n\n_(cut to fit a comment; the full report is in the job summary and the artifact)_\n'
  const cut = body.slice(0, maxChars - note.length)
  const lastBreak = cut.lastIndexOf('\n')
  return `${lastBreak > 0 ? cut.slice(0, lastBreak) : cut}${note}`
}
