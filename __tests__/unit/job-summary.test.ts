import { describe, expect, it } from 'vitest'
import { renderJobSummary, verdictSentence } from '../../src/report/job-summary.js'
import {
  CALIBRATION_NS,
  GATEWAY_CRASH_MESSAGE,
  GATEWAY_LOG_TAIL,
  erroredRecord,
  failingRecord,
  passingRecord
} from './fixtures.js'

describe('renderJobSummary', () => {
  it('puts the verdict first, then the overhead table with limits', () => {
    const summary = renderJobSummary(passingRecord())
    const lines = summary.split('\n')
    expect(lines[0]).toBe('## Gateway load test: ✅ PASSED')
    expect(lines[2]).toBe(
      '**All 17 checks passed at 1000 RPS: p50 overhead 1000.0 µs (95% CI 950.0 µs … 1050.0 µs).**'
    )
    expect(summary).toContain(
      '| Statistic | Direct | Through gateway | Overhead | 95% CI | Limit |  |'
    )
    expect(summary).toContain(
      '| P50 | 1000.40 ms | 1001.40 ms | 1000.0 µs | 950.0 µs … 1050.0 µs | 5000.0 µs | ✓ |'
    )
    expect(summary).toContain('| P99 |')
    // Validity passed: folded away, with its count.
    expect(summary).toContain(
      '<details><summary>Measurement validity: 9 of 9 checks passed</summary>'
    )
  })

  it('charts the measured percentiles, direct then through the gateway', () => {
    const record = passingRecord()
    const summary = renderJobSummary(record)
    const direct = [
      CALIBRATION_NS.p50,
      CALIBRATION_NS.p90,
      CALIBRATION_NS.p95,
      CALIBRATION_NS.p99,
      CALIBRATION_NS.p999
    ]
      .map((ns) => Number((ns / 1e6).toFixed(3)))
      .join(', ')
    expect(summary).toContain('xychart-beta')
    expect(summary).toContain(`  line [${direct}]`)
    const overhead = record.phases[1]?.statistics.latencyNs
    expect(summary).toContain(`  line [${Number(((overhead?.p50 ?? 0) / 1e6).toFixed(3))}, `)
  })

  it('marks each failed check and says why in the first line', () => {
    const record = failingRecord()
    const summary = renderJobSummary(record)
    expect(summary.split('\n')[0]).toBe('## Gateway load test: ❌ FAILED')
    expect(verdictSentence(record)).toBe(
      'Measurement invalid: Stress #2: achieved rate is 95.00%, below the minimum of 99.00%'
    )
    // Every failure is listed under the sentence, validity first.
    expect(summary).toContain(
      [
        '- Stress #2: achieved rate is 95.00%, below the minimum of 99.00%',
        '- P99 overhead is 120000.0 µs, above the limit of 100000.0 µs',
        '- Stress #1 success rate is 99.00%, below the minimum of 100.00%',
        '- Stress #2 success rate is 99.50%, below the minimum of 100.00%'
      ].join('\n')
    )
    expect(summary).toMatch(
      /\| P99 \| [\d.]+ ms \| [\d.]+ ms \| 120000\.0 µs \| [^|]+ \| 100000\.0 µs \| ✗ \|/
    )
    // A validity failure opens the validity table.
    expect(summary).toContain(
      '<details open><summary>Measurement validity: 8 of 9 checks passed</summary>'
    )
    expect(summary).toMatch(/\| Stress #1 \| 30000 \| 998\.4 \| 99\.00% ✗ \| 100\.00% \|/)
    expect(summary).toContain('> [!WARNING]')
  })

  it('shows what completed and why a run stopped, with the log tail', () => {
    const summary = renderJobSummary(erroredRecord())
    expect(summary.split('\n')[0]).toBe('## Gateway load test: ⚠️ ERROR')
    expect(summary).toContain(`**Stopped during Stress #1: ${GATEWAY_CRASH_MESSAGE}**`)
    expect(summary).toContain(GATEWAY_LOG_TAIL)
    expect(summary).toContain('### Overhead at 1000 RPS')
    expect(summary).not.toContain('### Stress runs')
  })

  it('quotes the first invalid response, folded, with its reason', () => {
    const record = failingRecord()
    const stress = record.phases.find((phase) => phase.id === 'stress-2')
    if (!stress) throw new Error('fixture has stress-2')
    stress.statistics.invalidResponse = {
      reason: 'the body is an error object: upstream failed',
      statusCode: 200,
      body: '{"error":{"message":"upstream failed"}}'
    }
    const summary = renderJobSummary(record)
    expect(summary).toContain(
      '<details><summary>First invalid response in Stress #2: the body is an error object: upstream failed</summary>'
    )
    expect(summary).toContain('{"error":{"message":"upstream failed"}}')
  })

  it('keeps the resolved config folded away, without header values', () => {
    const record = passingRecord()
    record.config.gateway.headers = { Authorization: 'Bearer sk-live-123' }
    expect(renderJobSummary(record)).not.toContain('sk-live-123')
    record.config.gateway.headers = {}
    const summary = renderJobSummary(record)
    expect(summary).toContain('<details><summary>Resolved configuration</summary>')
    expect(summary).toContain(JSON.stringify(record.config, null, 2))
  })
})
