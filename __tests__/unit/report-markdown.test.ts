import { describe, expect, it } from 'vitest'

import { histogramBlock, renderMarkdown, statusHeadline } from '../../src/report/markdown.js'
import { bar, escapeTableCell, formatSeconds } from '../../src/report/format.js'
import { renderConsoleSummary } from '../../src/report/console.js'
import { renderJobSummary } from '../../src/report/job-summary.js'
import { buildResultsJson } from '../../src/report/results-json.js'
import { processStatsRows } from '../../src/engine/probes/process-stats.js'
import {
  addTelemetry,
  CALIBRATION_NS,
  comparedRecord,
  comparedRecordWithTelemetry,
  erroredRecord,
  failingRecord,
  gatewayTelemetry,
  GATEWAY_CRASH_MESSAGE,
  GATEWAY_LOG_TAIL,
  INTERVAL_METHOD,
  OVERHEAD_HISTOGRAM,
  passingRecord,
  RESULTS_DIR,
  MOCKER_LOG_NOTE,
  statistics
} from './fixtures.js'

const full = (eighths: number): string => '█'.repeat(eighths)

/** The lines of a ```text block following `### title`. */
function histogramRows(markdown: string, title: string): string[] {
  const lines = markdown.split('\n')
  const start = lines.indexOf(`### ${title}`)
  expect(start).toBeGreaterThan(-1)
  expect(lines[start + 2]).toBe('```text')
  const end = lines.indexOf('```', start + 3)
  return lines.slice(start + 3, end)
}

describe('renderMarkdown: a passing record', () => {
  const markdown = renderMarkdown(passingRecord())
  const lines = markdown.split('\n')

  it('opens with the verdict headline and the run', () => {
    expect(lines[0]).toBe('# Gateway load test: ✅ PASSED')
    expect(lines[2]).toBe('Single gateway instance at 1000 RPS · 2025-01-02T03:02:30.000Z')
    expect(lines[4]).toBe(
      '**All 17 checks passed at 1000 RPS: p50 overhead 1000.0 µs (95% CI 950.0 µs … 1050.0 µs).**'
    )
    expect(markdown).not.toContain('Failed checks:')
    expect(markdown).not.toContain('✗')
  })

  it('shows calibration and overhead phases with rate, duration, concurrency and latencies', () => {
    expect(lines).toContain(
      `1000.0 RPS per target for 30s, mock provider latency 1000 ms, interleaved measurement. Overhead = through the gateway − direct to the mock provider, per statistic; ${INTERVAL_METHOD}.`
    )
    expect(lines).toContain(
      '| Phase | Actual RPS | Duration | Peak in flight (attack) | Valid | Min | Mean | P50 | P90 | P95 | P99 | P99.9 | Max |'
    )
    expect(lines).toContain(
      '| Calibration | 1000.0 | 30s | 2150 | 100.00% (30000/30000) | 1000.10 ms | 1000.50 ms | 1000.40 ms | 1000.90 ms | 1001.20 ms | 1002.00 ms | 1005.00 ms | 1010.00 ms |'
    )
    expect(lines).toContain(
      '| Overhead | 999.5 | 30s | 2150 | 100.00% (30000/30000) | 1000.25 ms | 1001.70 ms | 1001.40 ms | 1003.40 ms | 1005.20 ms | 1011.00 ms | 1035.00 ms | 1070.00 ms |'
    )
  })

  it('shows each statistic: direct, through the gateway, overhead, interval, limit and ✓', () => {
    const start = lines.indexOf(
      '| Statistic | Direct | Through gateway | Overhead | 95% CI | Limit |  |'
    )
    expect(start).toBeGreaterThan(-1)
    expect(lines[start + 1]).toBe('| --- | --- | --- | --- | --- | --- | --- |')
    expect(lines.slice(start + 2, start + 10)).toEqual([
      '| Min | 1000.10 ms | 1000.25 ms | 150.0 µs | 130.0 µs … 170.0 µs | not checked |  |',
      '| Mean | 1000.50 ms | 1001.70 ms | 1200.5 µs | 1100.5 µs … 1300.5 µs | 5000.0 µs | ✓ |',
      '| P50 | 1000.40 ms | 1001.40 ms | 1000.0 µs | 950.0 µs … 1050.0 µs | 5000.0 µs | ✓ |',
      '| P90 | 1000.90 ms | 1003.40 ms | 2500.0 µs | 2350.0 µs … 2650.0 µs | 10000.0 µs | ✓ |',
      '| P95 | 1001.20 ms | 1005.20 ms | 4000.0 µs | 3600.0 µs … 4400.0 µs | 20000.0 µs | ✓ |',
      '| P99 | 1002.00 ms | 1011.00 ms | 9000.0 µs | 6000.0 µs … 12000.0 µs | 100000.0 µs | ✓ |',
      '| P99.9 | 1005.00 ms | 1035.00 ms | 30000.0 µs | 10000.0 µs … 50000.0 µs | not checked |  |',
      '| Max | 1010.00 ms | 1070.00 ms | 60000.0 µs | 10000.0 µs … 110000.0 µs | not checked |  |'
    ])
    expect(lines[start + 10]).toBe('')
  })

  it('shows the stress runs', () => {
    expect(lines).toContain('## Stress runs')
    expect(lines).toContain(
      '1000.0 RPS for 30s per run, mock provider latency 1000 ms, 30s idle between runs; each run needs at least 100.00% valid responses.'
    )
    expect(lines).toContain(
      '| Stress #1 | 998.4 | 30s | 1050 | 100.00% (30000/30000) | 1000.20 ms | 1002.00 ms | 1001.50 ms | 1003.00 ms | 1004.00 ms | 1008.00 ms | 1020.00 ms | 1040.00 ms |'
    )
    expect(lines).toContain(
      '| Stress #2 | 999.2 | 30s | 1040 | 100.00% (30000/30000) | 1000.20 ms | 1002.00 ms | 1001.50 ms | 1003.00 ms | 1004.00 ms | 1009.00 ms | 1020.00 ms | 1040.00 ms |'
    )
  })

  it('shows process stats per sampled phase', () => {
    const start = lines.indexOf('## Gateway process stats (whole process tree)')
    expect(start).toBeGreaterThan(-1)
    expect(lines.slice(start + 2, start + 6)).toEqual([
      '| Phase | CPU avg | CPU peak | RSS avg | RSS peak | Samples |',
      '| --- | --- | --- | --- | --- | --- |',
      '| overhead | 12.3% | 25.5% | 48.1 MiB | 52.9 MiB | 30 |',
      '| stress | 20.0% | 41.2% | 55.6 MiB | 60.0 MiB | 60 |'
    ])
  })

  it('draws a histogram for each phase that has buckets, with its measured counts', () => {
    expect(lines).toContain('## Latency histograms (valid responses)')
    // 20000 is the largest: 40 cells; 9700 → 155.2 eighths → 19 cells + ▍; 300 → 4.8 → ▋
    expect(histogramRows(markdown, 'Calibration')).toEqual([
      `1000.00 ms – 1001.00 ms      20000  ${full(40)}`,
      `1001.00 ms – 1002.00 ms       9700  ${full(19)}▍`,
      `1002.00 ms – 1010.00 ms        300  ▋`
    ])
    // 15000 is the largest: 12000 → 32 cells; 2000 → 42.7 eighths → 5 + ▍; 1000 → 21.3 → 2 + ▋
    const overheadRows = histogramRows(markdown, 'Overhead')
    expect(overheadRows).toEqual([
      `1000.00 ms – 1002.00 ms      12000  ${full(32)}`,
      `1002.00 ms – 1004.00 ms      15000  ${full(40)}`,
      `1004.00 ms – 1006.00 ms       2000  ${full(5)}▍`,
      `1006.00 ms – 1070.00 ms       1000  ${full(2)}▋`
    ])
    const total = overheadRows
      .map((row) => Number(/ms\s+(\d+)/.exec(row)?.[1]))
      .reduce((sum, count) => sum + count, 0)
    expect(total).toBe(30000)
    // The stress runs of this record have no buckets: no empty histogram is drawn for them.
    expect(lines).not.toContain('### Stress #1')
  })

  it('states the limits in the method section', () => {
    expect(lines).toContain(
      '- **Limits**: mean ≤ 5000 µs, p50 ≤ 5000 µs, p90 ≤ 10000 µs, p95 ≤ 20000 µs, p99 ≤ 100000 µs, compared with the estimates; min, p99.9 and max rest on a few requests each and are reported, not checked. An overhead whose interval lies wholly below zero marks the measurement unreliable.'
    )
    expect(lines).toContain(`- **Uncertainty**: ${INTERVAL_METHOD}.`)
    expect(lines.at(-2)).toBe('*Generated by bifrost-load-test*')
    expect(markdown.endsWith('\n')).toBe(true)
  })

  it('orders the sections: verdict, overhead, stress, validity, process stats, histograms, method', () => {
    const order = [
      '**All 17 checks passed at 1000 RPS: p50 overhead 1000.0 µs (95% CI 950.0 µs … 1050.0 µs).**',
      '## Gateway processing overhead',
      '## Stress runs',
      '## Measurement validity',
      '## Gateway process stats (whole process tree)',
      '## Latency histograms (valid responses)',
      '## Method'
    ].map((heading) => lines.indexOf(heading))
    expect(order.every((index) => index > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('has no errors section when no phase had errors', () => {
    expect(markdown).not.toContain('## Failed requests')
  })
})

describe('renderMarkdown: a failing record', () => {
  const markdown = renderMarkdown(failingRecord())
  const lines = markdown.split('\n')

  it('has the failed headline and a line per failed check naming statistic, value and limit', () => {
    expect(lines[0]).toBe('# Gateway load test: ❌ FAILED')
    const start = lines.indexOf('Failed checks:')
    expect(start).toBeGreaterThan(-1)
    expect(lines.slice(start + 2, start + 6)).toEqual([
      '- Stress #2: achieved rate is 95.00%, below the minimum of 99.00%',
      '- P99 overhead is 120000.0 µs, above the limit of 100000.0 µs',
      '- Stress #1 success rate is 99.00%, below the minimum of 100.00%',
      '- Stress #2 success rate is 99.50%, below the minimum of 100.00%'
    ])
    expect(lines[start + 6]).toBe('')
    expect(markdown).not.toContain('checks passed.')
  })

  it('marks only the p99 row with ✗', () => {
    expect(lines).toContain(
      '| P99 | 1002.00 ms | 1122.00 ms | 120000.0 µs | 117000.0 µs … 123000.0 µs | 100000.0 µs | ✗ |'
    )
    const overheadRows = lines.filter((line) => /^\| (Min|Mean|P\d+(\.9)?|Max) \|/.test(line))
    expect(overheadRows.filter((line) => line.endsWith('| ✗ |'))).toHaveLength(1)
    expect(overheadRows.filter((line) => line.endsWith('| ✓ |'))).toHaveLength(4)
  })

  it('shows the stress runs with their success rates and achieved rates', () => {
    expect(lines).toContain(
      '| Stress #1 | 998.4 | 30s | 1050 | 99.00% (29700/30000) | 1000.20 ms | 1002.00 ms | 1001.50 ms | 1003.00 ms | 1004.00 ms | 1008.00 ms | 1020.00 ms | 1040.00 ms |'
    )
    expect(lines).toContain(
      '| Stress #2 | 950.0 | 30s | 1040 | 99.50% (29850/30000) | 1000.20 ms | 1002.00 ms | 1001.50 ms | 1003.00 ms | 1004.00 ms | 1009.00 ms | 1020.00 ms | 1040.00 ms |'
    )
  })

  it('quotes the notes as warnings', () => {
    expect(lines).toContain(`> ⚠️ ${MOCKER_LOG_NOTE}`)
  })

  it('lists the most frequent errors, escaping | inside the table', () => {
    const start = lines.indexOf('## Failed requests')
    expect(start).toBeGreaterThan(-1)
    expect(lines.slice(start + 2, start + 5)).toEqual([
      '| Phase | Count | Reason |',
      '| --- | --- | --- |',
      '| Stress #1 | 300 | Post "http://127.0.0.1:41002/v1/chat/completions": context deadline exceeded \\| timeout |'
    ])
  })
})

describe('renderMarkdown: a run that stopped midway', () => {
  const markdown = renderMarkdown(erroredRecord())
  const lines = markdown.split('\n')

  it('has the error headline, the reason and the phase', () => {
    expect(lines[0]).toBe('# Gateway load test: ⚠️ ERROR')
    expect(lines).toContain(`**The run stopped during Stress #1:** ${GATEWAY_CRASH_MESSAGE}`)
  })

  it('shows the log tail in a text block', () => {
    const start = lines.indexOf(`Last lines of ${RESULTS_DIR}/gateway-stress.log:`)
    expect(start).toBeGreaterThan(-1)
    // The tail is two lines: blank, fence, 2 lines, fence, blank.
    expect(lines.slice(start + 1, start + 7).join('\n')).toBe(
      ['', '```text', GATEWAY_LOG_TAIL, '```', ''].join('\n')
    )
  })

  it('keeps what was measured and claims nothing else', () => {
    expect(lines).toContain(
      '| P99 | 1002.00 ms | 1011.00 ms | 9000.0 µs | 6000.0 µs … 12000.0 µs | 100000.0 µs | ✓ |'
    )
    expect(markdown).not.toContain('## Stress runs')
    expect(markdown).not.toContain('checks passed')
    expect(markdown).not.toContain('Failed checks:')
    expect(lines).toContain('| overhead | 12.3% | 25.5% | 48.1 MiB | 52.9 MiB | 30 |')
    expect(lines.some((line) => line.startsWith('| stress |'))).toBe(false)
  })

  it('shows only calibration when the overhead phase never finished', () => {
    const record = erroredRecord()
    record.phases = record.phases.filter((phase) => phase.id === 'calibration')
    record.evaluation = { overhead: [], regression: [], checks: [], warnings: [] }
    record.verdict = { passed: false, checks: [], failures: [], warnings: [] }
    record.failure = { kind: 'run', message: 'gateway stopped answering', phase: 'Overhead' }
    const text = renderMarkdown(record)
    expect(text).toContain('**The run stopped during Overhead:** gateway stopped answering')
    expect(text).toContain('## Measured phases without an overhead estimate')
    expect(text).toContain('| Calibration | 1000.0 | 30s | 2150 | 100.00% (30000/30000) |')
    expect(text).not.toContain('| Overhead |')
    expect(text).not.toContain('| Statistic |')
    expect(text).not.toContain('Last lines of')
  })

  it('words a stop without a phase or log', () => {
    const record = erroredRecord()
    record.phases = []
    record.evaluation = { overhead: [], regression: [], checks: [], warnings: [] }
    record.metrics = []
    record.failure = { kind: 'setup', message: 'go was not found on PATH' }
    const text = renderMarkdown(record)
    expect(text).toContain('**The run stopped:** go was not found on PATH')
    expect(text).not.toContain('## Gateway processing overhead')
    expect(text).not.toContain('## Gateway process stats')
    expect(text).not.toContain('## Latency histograms')
  })

  it('skips process stats without samples', () => {
    const record = erroredRecord()
    record.metrics = processStatsRows({
      overhead: { samples: 0, cpuAvgPct: 0, cpuPeakPct: 0, rssAvgMb: 0, rssPeakMb: 0 }
    })
    expect(renderMarkdown(record)).not.toContain('## Gateway process stats')
  })
})

describe('statusHeadline', () => {
  it('names each status', () => {
    expect(statusHeadline(passingRecord().status)).toBe('✅ PASSED')
    expect(statusHeadline(failingRecord().status)).toBe('❌ FAILED')
    expect(statusHeadline(erroredRecord().status)).toBe('⚠️ ERROR')
  })
})

describe('histogramBlock', () => {
  it('is a fenced text block with one row per bucket', () => {
    const block = histogramBlock(
      statistics({ latencyNs: CALIBRATION_NS, histogram: OVERHEAD_HISTOGRAM })
    ).split('\n')
    expect(block[0]).toBe('```text')
    expect(block.at(-1)).toBe('```')
    expect(block).toHaveLength(OVERHEAD_HISTOGRAM.length + 2)
  })

  it('draws nothing for an empty bucket and an empty fence for no buckets', () => {
    const block = histogramBlock(
      statistics({
        latencyNs: CALIBRATION_NS,
        histogram: [
          { lowerNs: 500_000, upperNs: 1_000_000, count: 8 },
          { lowerNs: 1_000_000, upperNs: 1_500_000, count: 0 },
          { lowerNs: 1_500_000, upperNs: 2_000_000, count: 1 }
        ]
      })
    )
    expect(block.split('\n')).toEqual([
      '```text',
      // 17-character range padded to 25, a space, the count padded to 8: 16 spaces before 8.
      `0.50 ms – 1.00 ms${' '.repeat(16)}8  ${full(40)}`,
      `1.00 ms – 1.50 ms${' '.repeat(16)}0  `,
      `1.50 ms – 2.00 ms${' '.repeat(16)}1  ${full(5)}`,
      '```'
    ])
    expect(histogramBlock(statistics({ latencyNs: CALIBRATION_NS, histogram: [] }))).toBe(
      '```text\n```'
    )
  })
})

describe('format helpers used by the reports', () => {
  it('bar uses eighth blocks and at least one eighth for a non-zero count', () => {
    expect(bar(1, 1)).toBe(full(40))
    expect(bar(1, 2)).toBe(full(20))
    expect(bar(1, 320)).toBe('▏')
    expect(bar(1, 100000)).toBe('▏')
    expect(bar(0, 10)).toBe('')
    expect(bar(5, 0)).toBe('')
    expect(bar(3, 8, 8)).toBe(`${full(3)}`)
  })

  it('formatSeconds keeps seconds under a minute and uses minutes above', () => {
    expect(formatSeconds(30)).toBe('30s')
    expect(formatSeconds(1.5)).toBe('1.5s')
    expect(formatSeconds(0)).toBe('0s')
    expect(formatSeconds(60)).toBe('1m')
    expect(formatSeconds(90)).toBe('1m30s')
    expect(formatSeconds(3600)).toBe('60m')
  })

  it('escapeTableCell escapes pipes and flattens newlines', () => {
    expect(escapeTableCell('a|b\nc')).toBe('a\\|b c')
  })
})

describe("the gateway's own telemetry in the reports", () => {
  it('puts the reported mean beside the measured mean overhead, in every report', () => {
    const record = passingRecord()
    addTelemetry(record, 'overhead', gatewayTelemetry(123.456))
    const measuredMeanUs = record.evaluation.overhead[0]?.estimateUs.mean ?? NaN
    const sentence = `The gateway's own telemetry (bifrost_overhead_latency_microseconds, GET /metrics) reports a mean overhead of 123.5 µs over the 1000 requests it finished during this phase; measured from outside, the mean overhead is ${measuredMeanUs.toFixed(1)} µs.`
    expect(renderMarkdown(record)).toContain(`_${sentence}`)
    expect(renderConsoleSummary(record)).toContain(sentence)
    expect(renderJobSummary(record)).toContain(`_${sentence}`)
    expect(
      buildResultsJson(record).phases.find((phase) => phase.id === 'overhead')?.gateway_telemetry
    ).toEqual({
      metric: 'bifrost_overhead_latency_microseconds',
      requests: 1000,
      mean_us: 123.46
    })
  })

  it("names head's and base's figures and their difference in a comparison", () => {
    const record = comparedRecordWithTelemetry(gatewayTelemetry(540), gatewayTelemetry(240, 999))
    const markdown = renderMarkdown(record)
    expect(markdown).toContain(
      "_The gateways' own telemetry (bifrost_overhead_latency_microseconds) reports a mean overhead of 540.0 µs for head and 240.0 µs for base (over 1000 and 999 requests), a difference of 300.0 µs; measured from outside, the mean regression is "
    )
    expect(renderConsoleSummary(record)).toContain('a difference of 300.0 µs')
  })

  it('says nothing of telemetry when the gateway reported none', () => {
    const record = comparedRecord(true)
    expect(renderMarkdown(record)).not.toContain('own telemetry')
    expect(renderConsoleSummary(record)).not.toContain('own telemetry')
    expect(renderJobSummary(record)).not.toContain('own telemetry')
  })
})

describe('a comparison with a base-ref', () => {
  it('names the base-ref in the title, the sentence and the verdict: head is slower than it', () => {
    const record = comparedRecord(true)
    const markdown = renderMarkdown(record)
    expect(markdown).toContain('## Head against main at 1000 RPS')
    expect(markdown).toContain(
      '**Head is 300.0 µs slower than main (240.0 µs … 360.0 µs) at p50.**'
    )
    expect(markdown).toContain(
      'P50 regression, head − base, lower bound of its 95% confidence interval is 240.0 µs, above the limit of 100.0 µs: head is 300.0 µs slower than main (240.0 µs … 360.0 µs) at p50'
    )
    expect(renderConsoleSummary(record)).toContain('Head against main at 1000 RPS:')
    expect(renderJobSummary(record)).toContain('### Head against main at 1000 RPS')
  })
})
