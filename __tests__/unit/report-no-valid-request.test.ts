import { describe, expect, it } from 'vitest'
import { consoleProgress, renderConsoleSummary } from '../../src/report/console.js'
import { renderJobSummary } from '../../src/report/job-summary.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import type { RunRecord } from '../../src/record.js'
import {
  DEAD_GATEWAY_MESSAGE,
  REFUSAL_BODY,
  deadGatewayRecord,
  failingRecord,
  statistics
} from './fixtures.js'

/** failingRecord with its second stress run answered 502 every time: no valid request. */
function deadStressRecord(): RunRecord {
  const record = failingRecord()
  const stress = record.phases.find((phase) => phase.id === 'stress-2')
  if (!stress) throw new Error('failingRecord has no stress-2')
  stress.statistics = statistics({
    successes: 0,
    statusCodes: { '502': 30000 },
    topErrors: [{ error: '502 Bad Gateway', count: 30000 }],
    invalidResponse: {
      reason: 'the status is 502 Bad Gateway, not 2xx',
      statusCode: 502,
      body: ''
    },
    latencyNs: { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 }
  })
  return record
}

/** The widest table row of a Markdown text whose first cell is `label`, split into cells. */
function row(markdown: string, label: string): string[] {
  const rows = markdown
    .split('\n')
    .filter((line) => line.startsWith(`| ${label} |`))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| | \|$/g, '')))
  expect(rows.length, label).toBeGreaterThan(0)
  return rows.reduce((widest, cells) => (cells.length > widest.length ? cells : widest))
}

describe('a phase with no valid request shows "—" for its statistics, never 0.00 ms', () => {
  it('in the Markdown report: the warm-up table and the stress table', () => {
    const warmup = renderMarkdown(deadGatewayRecord())
    expect(row(warmup, 'Warm-up, through the gateway').slice(4)).toEqual([
      '0.00% (0/3000)',
      ...Array(8).fill('—')
    ])
    // The direct requests were valid: their figures are shown.
    expect(row(warmup, 'Warm-up, direct')[6]).toBe('1000.50 ms')
    expect(warmup).not.toMatch(/(?<![\d.])0\.00 ms/)
    const stress = renderMarkdown(deadStressRecord())
    expect(row(stress, 'Stress #2').slice(5)).toEqual(Array(8).fill('—'))
  })

  it('in the job summary', () => {
    const summary = renderJobSummary(deadStressRecord())
    expect(row(summary, 'Stress #2').slice(5, 8)).toEqual(['—', '—', '—'])
  })

  it('in the console: the stress line and the end of a phase, marked ✗', () => {
    expect(renderConsoleSummary(deadStressRecord())).toContain(
      'Stress #2: 30000 requests at 1000.0 RPS, 0.00% valid, p99 —'
    )
    const lines: string[] = []
    consoleProgress((line) => lines.push(line))({
      type: 'phase-end',
      phase: 'warmup',
      label: 'Warm-up',
      summary: 'gateway: 100 requests, 0.00% valid, p50 —, p99 —',
      ok: false
    })
    expect(lines).toEqual(['✗ Warm-up: gateway: 100 requests, 0.00% valid, p50 —, p99 —'])
  })
})

describe("a gateway's own words on a failed answer", () => {
  it('are quoted in the Markdown report and the console, status first; "(empty body)" for none', () => {
    const record = deadGatewayRecord()
    const markdown = renderMarkdown(record)
    expect(markdown).toContain(`**The run stopped during Warm-up:** ${DEAD_GATEWAY_MESSAGE}`)
    expect(markdown).toContain(
      [
        'First invalid response in Warm-up, through the gateway (HTTP 400): the status is 400 Bad Request, not 2xx.',
        '',
        '```text',
        REFUSAL_BODY,
        '```'
      ].join('\n')
    )
    expect(renderConsoleSummary(record)).toContain(
      `First invalid response in Warm-up, through the gateway (HTTP 400): the status is 400 Bad Request, not 2xx\n  ${REFUSAL_BODY}`
    )
    expect(renderMarkdown(deadStressRecord())).toContain(
      'First invalid response in Stress #2 (HTTP 502): the status is 502 Bad Gateway, not 2xx.\n\n```text\n(empty body)\n```'
    )
  })
})
