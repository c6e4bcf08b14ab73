import { describe, expect, it } from 'vitest'
import { makeCheck } from '../../src/analysis/verdict.js'
import { processStatsRows } from '../../src/engine/probes/process-stats.js'
import type { MetricRow, RunRecord } from '../../src/record.js'
import { renderComment, type CommentSource } from '../../src/report/comment.js'
import { renderConsoleSummary } from '../../src/report/console.js'
import { bencherMetrics, benchmarkActionEntries } from '../../src/report/exports.js'
import { renderJobSummary } from '../../src/report/job-summary.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import {
  exportedMetrics,
  formatMetric,
  markdownMetricTable,
  metricTables
} from '../../src/report/metric-rows.js'
import { buildResultsJson } from '../../src/report/results-json.js'
import { schemaErrors, schemaValidator } from '../support/schemas.js'
import { comparedRecord, passingRecord } from './fixtures.js'

/** What a CPU-time probe would return for a comparison: head's row with base and head − base. */
const CPU_ROW: MetricRow = {
  id: 'cpu-time/cpu-us-per-request/overhead/gateway',
  probe: 'cpu-time',
  metric: 'cpu-us-per-request',
  label: 'CPU per request',
  group: 'Cost per request',
  unit: 'µs',
  value: 432.1,
  interval: { low: 420, high: 444.5 },
  worse: 'higher',
  target: 'gateway',
  phase: 'overhead',
  mode: 'non-streaming',
  base: { value: 410.9, interval: { low: 400.2, high: 421.3 } },
  regression: { value: 21.2, interval: { low: 17.9, high: 24.6 } },
  regressionPct: { value: 5.16, interval: { low: 4.3, high: 6.04 } },
  requests: 6000,
  shown: 'headline'
}

/** The same probe's figure for the mock provider: reported, not compared. */
const MOCKER_ROW: MetricRow = {
  ...CPU_ROW,
  id: 'cpu-time/cpu-us-per-request/overhead/direct',
  label: 'CPU per request of the mock provider',
  target: 'direct',
  value: 120.5,
  interval: { low: 118, high: 123 },
  base: undefined,
  regression: undefined,
  regressionPct: undefined
}

/** A growth rate where lower is not better either way: exported to Bencher only. */
const SUCCESS_ROW: MetricRow = {
  id: 'probe/valid-pct/stress-1/gateway',
  probe: 'probe',
  metric: 'valid-pct',
  label: 'Valid',
  group: 'Something else',
  unit: '%',
  value: 99.5,
  worse: 'lower',
  target: 'gateway',
  phase: 'stress-1',
  decimals: 2,
  shown: 'headline'
}

const CPU_CHECK = makeCheck({
  id: CPU_ROW.id,
  label: 'CPU regression, head − base, lower bound',
  category: 'regression',
  value: 17.9,
  limit: 10,
  unit: 'µs',
  bound: 'max'
})

/** comparedRecord(true) whose probes also returned the rows given, and the CPU check. */
function recordWith(rows: MetricRow[]): RunRecord {
  const record = comparedRecord(true)
  record.metrics.push(...rows)
  record.verdict = { ...record.verdict, checks: [...record.verdict.checks, CPU_CHECK] }
  return record
}

describe('metricTables', () => {
  it('lays a comparison out as base, head, head − base with intervals, and the check', () => {
    const [table, reported, ...rest] = metricTables(
      [CPU_ROW, MOCKER_ROW, SUCCESS_ROW],
      ['headline'],
      [CPU_CHECK]
    )
    expect(rest.map((other) => other.title)).toEqual(['Something else'])
    expect(table).toEqual({
      title: 'Cost per request',
      header: [
        'Metric',
        'Base',
        'Head',
        'Head − base',
        '95% CI',
        'Head − base, %',
        '95% CI, %',
        'Limit',
        ''
      ],
      rows: [
        [
          'CPU per request',
          '410.9 µs (400.2 µs … 421.3 µs)',
          '432.1 µs (420.0 µs … 444.5 µs)',
          '+21.2 µs',
          '17.9 µs … 24.6 µs',
          '+5.2%',
          '4.3% … 6.0%',
          '≤ 10.0 µs',
          '✗'
        ]
      ]
    })
    // What was not compared keeps its own table beside it.
    expect(reported).toEqual({
      title: 'Cost per request, not compared',
      header: ['Phase', 'CPU per request of the mock provider'],
      rows: [['overhead', '120.5 µs (118.0 µs … 123.0 µs)']]
    })
  })

  it('lays other rows out as phases by figures, telling targets apart when there are several', () => {
    const rows = [
      ...processStatsRows({
        overhead: {
          samples: 30,
          cpuAvgPct: 12.34,
          cpuPeakPct: 25.5,
          rssAvgMb: 48.1,
          rssPeakMb: 52.9
        }
      }),
      {
        ...SUCCESS_ROW,
        group: 'Gateway process stats (whole process tree)',
        phase: 'overhead',
        target: 'base' as const
      }
    ]
    const [table] = metricTables(
      rows,
      ['details', 'headline'],
      [{ id: SUCCESS_ROW.id, limit: 99, bound: 'min', passed: true }]
    )
    expect(table?.header).toEqual([
      'Phase',
      'CPU avg',
      'CPU peak',
      'RSS avg',
      'RSS peak',
      'Samples',
      'Valid'
    ])
    expect(table?.rows).toEqual([
      ['overhead (gateway)', '12.3%', '25.5%', '48.1 MiB', '52.9 MiB', '30', '—'],
      ['overhead (base)', '—', '—', '—', '—', '—', '99.50% ✓']
    ])
  })

  it('shows only the rows of the levels asked for, and marks a checked cell', () => {
    expect(
      metricTables(
        processStatsRows({
          overhead: { samples: 1, cpuAvgPct: 1, cpuPeakPct: 1, rssAvgMb: 1, rssPeakMb: 1 }
        }),
        ['headline']
      )
    ).toEqual([])
    const [table] = metricTables(
      [SUCCESS_ROW],
      ['headline'],
      [{ id: SUCCESS_ROW.id, limit: 99.9, bound: 'min', passed: false }]
    )
    expect(table?.rows).toEqual([['stress-1', '99.50% ✗']])
  })

  it('escapes a table cell in Markdown unless told the text is inert already', () => {
    const table = { title: 't', header: ['a|b'], rows: [['c|d']] }
    expect(markdownMetricTable(table)).toBe('| a\\|b |\n| --- |\n| c\\|d |')
    expect(markdownMetricTable(table, true)).toBe('| a|b |\n| --- |\n| c|d |')
  })
})

describe('formatMetric', () => {
  it('writes the unit after the value, % glued, none for a count, — when not finite', () => {
    expect(formatMetric(12.345, { unit: '%' })).toBe('12.3%')
    expect(formatMetric(48.06, { unit: 'MiB' })).toBe('48.1 MiB')
    expect(formatMetric(30, { unit: '' })).toBe('30')
    expect(formatMetric(1.23456, { unit: 'MiB/min', decimals: 3 })).toBe('1.235 MiB/min')
    expect(formatMetric(Number.NaN, { unit: 'µs' })).toBe('—')
  })
})

describe('exportedMetrics', () => {
  it('exports the headline rows and their regressions under the rows’ metric slugs', () => {
    expect(
      exportedMetrics([
        CPU_ROW,
        MOCKER_ROW,
        ...processStatsRows({
          overhead: { samples: 1, cpuAvgPct: 1, cpuPeakPct: 1, rssAvgMb: 1, rssPeakMb: 1 }
        })
      ])
    ).toEqual([
      {
        name: 'cost per request/cpu per request (overhead, gateway)',
        measure: 'cpu-us-per-request',
        unit: 'µs',
        value: 432.1,
        interval: { low: 420, high: 444.5 },
        worse: 'higher'
      },
      {
        name: 'regression head − base/cost per request/cpu per request (overhead, gateway)',
        measure: 'cpu-us-per-request-regression',
        unit: 'µs',
        value: 21.2,
        interval: { low: 17.9, high: 24.6 },
        worse: 'higher'
      },
      {
        name: 'cost per request/cpu per request of the mock provider (overhead, direct)',
        measure: 'cpu-us-per-request',
        unit: 'µs',
        value: 120.5,
        interval: { low: 118, high: 123 },
        worse: 'higher'
      }
    ])
  })
})

describe('a new probe’s headline rows, in every report without a renderer of their own', () => {
  const record = recordWith([CPU_ROW, MOCKER_ROW, SUCCESS_ROW])
  const results = JSON.parse(JSON.stringify(buildResultsJson(record))) as CommentSource
  const cpuLine =
    '| CPU per request | 410.9 µs (400.2 µs … 421.3 µs) | 432.1 µs (420.0 µs … 444.5 µs) | +21.2 µs | 17.9 µs … 24.6 µs | +5.2% | 4.3% … 6.0% | ≤ 10.0 µs | ✗ |'

  it('Markdown and the job summary: a table under the group’s title', () => {
    const markdown = renderMarkdown(record).split('\n')
    expect(markdown).toContain('## Cost per request')
    expect(markdown).toContain(cpuLine)
    // Right after the latency figures, before the stress runs.
    expect(markdown.indexOf('## Cost per request')).toBeLessThan(markdown.indexOf('## Stress runs'))
    const jobSummary = renderJobSummary(record).split('\n')
    expect(jobSummary).toContain('### Cost per request')
    expect(jobSummary).toContain('### Cost per request, not compared')
    expect(jobSummary).toContain(cpuLine)
  })

  it('the console: the same cells, aligned', () => {
    const lines = renderConsoleSummary(record).split('\n')
    const title = lines.indexOf('Cost per request:')
    expect(title).toBeGreaterThan(0)
    expect(lines[title + 1]?.split(/\s{2,}/)).toEqual([
      'Metric',
      'Base',
      'Head',
      'Head − base',
      '95% CI',
      'Head − base, %',
      '95% CI, %',
      'Limit'
    ])
    expect(lines[title + 2]).toMatch(
      /^CPU per request\s+410\.9 µs .*\+21\.2 µs\s+17\.9 µs … 24\.6 µs .*≤ 10\.0 µs\s+✗$/
    )
    // Detail rows stay in the full reports.
    expect(lines.join('\n')).not.toContain('CPU avg')
  })

  it('the results JSON: every row as it is, valid against the schema', () => {
    const validate = schemaValidator('results.schema.json')
    expect(validate(results), schemaErrors(validate).join('; ')).toBe(true)
    const json = results as unknown as { metrics: Record<string, unknown>[] }
    expect(json.metrics.find((row) => row.id === CPU_ROW.id)).toEqual({
      id: CPU_ROW.id,
      probe: 'cpu-time',
      metric: 'cpu-us-per-request',
      label: 'CPU per request',
      group: 'Cost per request',
      unit: 'µs',
      value: 432.1,
      interval: { low: 420, high: 444.5 },
      worse: 'higher',
      target: 'gateway',
      phase: 'overhead',
      mode: 'non-streaming',
      base: { value: 410.9, interval: { low: 400.2, high: 421.3 } },
      regression: { value: 21.2, interval: { low: 17.9, high: 24.6 } },
      regression_pct: { value: 5.16, interval: { low: 4.3, high: 6.04 } },
      requests: 6000,
      source: null,
      decimals: null,
      shown: 'headline'
    })
    const broken = JSON.parse(JSON.stringify(results))
    broken.metrics[0].metric = 'CPU µs'
    expect(validate(broken)).toBe(false)
  })

  it('the PR comment: from the results JSON, as the job summary shows it', () => {
    const body = renderComment(results, 'k', {}).split('\n')
    expect(body).toContain('#### Cost per request')
    expect(body).toContain(cpuLine)
    // Detail rows (the gateway's CPU and memory) stay out of the comment.
    expect(body.join('\n')).not.toContain('CPU avg')
  })

  it('the PR comment takes only inert text and finite numbers from an untrusted file', () => {
    const tampered = JSON.parse(JSON.stringify(results)) as CommentSource & {
      metrics: Record<string, unknown>[]
    }
    const cpu = tampered.metrics.find((row) => row.id === CPU_ROW.id) as Record<string, unknown>
    cpu.label = '@maintainers see [this](https://evil.example) <img src=x>'
    const mocker = tampered.metrics.find((row) => row.id === MOCKER_ROW.id) as Record<
      string,
      unknown
    >
    mocker.value = '1e999'
    const body = renderComment(tampered, 'k', {})
    expect(body).toContain(
      '@\u200bmaintainers see \\[this\\]\\(https:\u200b//evil.example\\) &lt;img src=x&gt;'
    )
    expect(body).not.toContain('Cost per request, not compared')
    expect(body).not.toContain('<img')
  })

  it('both exports: Bencher under each row’s measure, github-action-benchmark where higher is worse', () => {
    const bencher = bencherMetrics(record)
    expect(bencher['cost per request/cpu per request (overhead, gateway)']).toEqual({
      'cpu-us-per-request': { value: 432.1, lower_value: 420, upper_value: 444.5 }
    })
    expect(bencher['something else/valid (stress-1, gateway)']).toEqual({
      'valid-pct': { value: 99.5 }
    })
    const entries = benchmarkActionEntries(record)
    expect(entries.find((entry) => entry.name.startsWith('regression head − base/cost'))).toEqual({
      name: 'regression head − base/cost per request/cpu per request (overhead, gateway)',
      unit: 'µs',
      value: 21.2,
      range: '17.9 … 24.6',
      extra: '95% confidence interval; 1000 RPS, mock provider latency 1000 ms'
    })
    expect(entries.some((entry) => entry.name.includes('valid'))).toBe(false)
  })

  it('a run whose probes returned only detail rows exports and comments as before', () => {
    const plain = passingRecord()
    expect(Object.keys(bencherMetrics(plain))).toHaveLength(8)
    const json = JSON.parse(JSON.stringify(buildResultsJson(plain))) as CommentSource
    const withoutRows = { ...json, metrics: undefined }
    expect(renderComment(json, 'k', {})).toBe(renderComment(withoutRows, 'k', {}))
  })
})
