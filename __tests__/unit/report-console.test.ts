import { describe, expect, it } from 'vitest'

import type { EngineEvent } from '../../src/engine/events.js'
import { consoleProgress, renderConsoleSummary } from '../../src/report/console.js'
import { formatMsFromNs, formatPct, formatRate, formatUs } from '../../src/report/format.js'
import {
  erroredRecord,
  failingRecord,
  GATEWAY_CRASH_MESSAGE,
  GATEWAY_LOG_TAIL,
  passingRecord,
  RESULTS_DIR,
  MOCKER_LOG_NOTE
} from './fixtures.js'

describe('renderConsoleSummary: a failing record', () => {
  const summary = renderConsoleSummary(failingRecord())
  const lines = summary.split('\n')

  it('starts with the verdict', () => {
    expect(lines.slice(0, 3)).toEqual(['', 'Gateway load test: ❌ FAILED', ''])
  })

  it('says why first, then aligns a table of statistics with intervals, marking FAIL', () => {
    expect(lines[3]).toBe(
      'Measurement invalid: Stress #2: achieved rate is 95.00%, below the minimum of 99.00%'
    )
    expect(lines[5]).toBe('Overhead at 1000 RPS (mock provider latency 1000 ms), interleaved:')
    expect(lines.slice(6, 15)).toEqual([
      'statistic      direct  via gateway     overhead                     95% CI        limit',
      'min        1000.10 ms   1000.25 ms     150.0 µs        130.0 µs … 170.0 µs            -',
      'mean       1000.50 ms   1001.70 ms    1200.5 µs      1100.5 µs … 1300.5 µs    5000.0 µs    ok',
      'p50        1000.40 ms   1001.40 ms    1000.0 µs       950.0 µs … 1050.0 µs    5000.0 µs    ok',
      'p90        1000.90 ms   1003.40 ms    2500.0 µs      2350.0 µs … 2650.0 µs   10000.0 µs    ok',
      'p95        1001.20 ms   1005.20 ms    4000.0 µs      3600.0 µs … 4400.0 µs   20000.0 µs    ok',
      'p99        1002.00 ms   1122.00 ms  120000.0 µs  117000.0 µs … 123000.0 µs  100000.0 µs  FAIL',
      'p999       1005.00 ms   1035.00 ms   30000.0 µs    10000.0 µs … 50000.0 µs            -',
      'max        1010.00 ms   1070.00 ms   60000.0 µs   10000.0 µs … 110000.0 µs            -'
    ])
    expect(lines.filter((line) => line.endsWith('FAIL'))).toHaveLength(1)
  })

  it('gives a line per stress run', () => {
    expect(lines).toContain('Stress #1: 30000 requests at 998.4 RPS, 99.00% valid, p99 1008.00 ms')
    expect(lines).toContain('Stress #2: 30000 requests at 950.0 RPS, 99.50% valid, p99 1009.00 ms')
  })

  it('gives a ✗ line per failed check, validity first, and a ⚠ line per warning', () => {
    expect(lines.filter((line) => line.startsWith('✗ '))).toEqual([
      '✗ Stress #2: achieved rate is 95.00%, below the minimum of 99.00%',
      '✗ P99 overhead is 120000.0 µs, above the limit of 100000.0 µs',
      '✗ Stress #1 success rate is 99.00%, below the minimum of 100.00%',
      '✗ Stress #2 success rate is 99.50%, below the minimum of 100.00%'
    ])
    expect(lines).toContain(`⚠ ${MOCKER_LOG_NOTE}`)
  })

  it('ends with where the results are', () => {
    expect(lines.slice(-2)).toEqual([
      `Results: ${RESULTS_DIR}/load-test-results.json`,
      `         ${RESULTS_DIR}/load-test-results.md`
    ])
  })
})

describe('renderConsoleSummary: a passing record', () => {
  const summary = renderConsoleSummary(passingRecord())

  it('says PASSED with no FAIL marker and no failure line', () => {
    expect(summary).toContain('Gateway load test: ✅ PASSED')
    expect(summary).not.toContain('FAIL')
    expect(summary).not.toContain('✗')
    expect(summary).not.toContain('⚠')
    expect(summary.split('\n').filter((line) => line.endsWith('  ok'))).toHaveLength(5)
  })

  it('narrows the overhead column to the widest value', () => {
    expect(summary).toContain(
      'p99        1002.00 ms   1011.00 ms   9000.0 µs    6000.0 µs … 12000.0 µs  100000.0 µs  ok'
    )
  })

  it('opens with the verdict sentence, naming the p50 overhead and its interval', () => {
    expect(summary.split('\n')[3]).toBe(
      'All 17 checks passed at 1000 RPS: p50 overhead 1000.0 µs (95% CI 950.0 µs … 1050.0 µs).'
    )
  })
})

describe('renderConsoleSummary: a run that stopped midway', () => {
  const summary = renderConsoleSummary(erroredRecord())
  const lines = summary.split('\n')

  it('says ERROR, where it stopped and why, then the log tail', () => {
    expect(lines[1]).toBe('Gateway load test: ⚠️ ERROR')
    expect(lines[3]).toBe(`Stopped during Stress #1: ${GATEWAY_CRASH_MESSAGE}`)
    expect(lines[4]).toBe(`Last lines of ${RESULTS_DIR}/gateway-stress.log:`)
    expect(lines.slice(5, 7).join('\n')).toBe(GATEWAY_LOG_TAIL)
  })

  it('still shows the measured overhead, and no stress lines or FAIL', () => {
    expect(summary).toContain(
      'p99        1002.00 ms   1011.00 ms   9000.0 µs    6000.0 µs … 12000.0 µs  100000.0 µs  ok'
    )
    expect(summary).not.toMatch(/^Stress #\d+: \d+ requests/m)
    expect(summary).not.toContain('FAIL')
  })

  it('does not repeat a log tail the message already holds', () => {
    const record = erroredRecord()
    record.failure = {
      kind: 'setup',
      message: `gateway did not become ready:\n${GATEWAY_LOG_TAIL}`,
      logFile: `${RESULTS_DIR}/gateway-overhead.log`,
      logTail: GATEWAY_LOG_TAIL
    }
    const text = renderConsoleSummary(record)
    expect(text).toContain('Stopped during the run: gateway did not become ready:')
    expect(text).not.toContain('Last lines of')
    expect(text.split(GATEWAY_LOG_TAIL)).toHaveLength(2)
  })

  it('has no table when the overhead was never measured', () => {
    const record = erroredRecord()
    record.phases = []
    record.evaluation = { overhead: [], regression: [], checks: [], warnings: [] }
    expect(renderConsoleSummary(record)).not.toContain('statistic')
  })
})

describe('consoleProgress', () => {
  function render(events: EngineEvent[]): string[] {
    const lines: string[] = []
    const listener = consoleProgress((line) => lines.push(line))
    for (const event of events) listener(event)
    return lines
  }

  it('writes info, warnings, phase starts and ends', () => {
    expect(
      render([
        { type: 'info', message: 'vegeta 12.13.0 (PATH): /usr/bin/vegeta' },
        { type: 'warning', message: 'low file descriptor limit' },
        {
          type: 'phase-start',
          phase: 'overhead',
          label: 'Overhead',
          totalS: 30,
          detail: '1000 RPS for 30s'
        },
        { type: 'phase-end', phase: 'overhead', label: 'Overhead', summary: 'p99 1011.00 ms' }
      ])
    ).toEqual([
      '  vegeta 12.13.0 (PATH): /usr/bin/vegeta',
      '  ⚠ low file descriptor limit',
      '▶ Overhead: 1000 RPS for 30s',
      '✔ Overhead: p99 1011.00 ms'
    ])
  })

  it('writes progress at most every 5 seconds, and again from the start of each phase', () => {
    const progress = (label: string, elapsedS: number): EngineEvent => ({
      type: 'phase-progress',
      phase: label.toLowerCase(),
      label,
      elapsedS,
      totalS: 31
    })
    const start = (label: string): EngineEvent => ({
      type: 'phase-start',
      phase: label.toLowerCase(),
      label,
      totalS: 31,
      detail: 'go'
    })
    expect(
      render([
        start('Calibration'),
        ...[1, 2, 3, 4, 4.9, 5, 6, 9.9, 10.2, 12].map((s) => progress('Calibration', s)),
        start('Overhead'),
        ...[1, 5.4].map((s) => progress('Overhead', s))
      ])
    ).toEqual([
      '▶ Calibration: go',
      '  Calibration: 5s / ~31s',
      '  Calibration: 10s / ~31s',
      '▶ Overhead: go',
      '  Overhead: 5s / ~31s'
    ])
  })

  it('adds what was measured so far to a progress line', () => {
    expect(
      render([
        { type: 'phase-start', phase: 'o', label: 'Overhead', totalS: 31, detail: 'go' },
        {
          type: 'phase-progress',
          phase: 'o',
          label: 'Overhead',
          elapsedS: 5,
          totalS: 31,
          detail: '9000 responses, 100.00% valid'
        }
      ])
    ).toEqual(['▶ Overhead: go', '  Overhead: 5s / ~31s, 9000 responses, 100.00% valid'])
  })
})

describe('format helpers used by the console', () => {
  it('formats µs, ms from ns, percentages and rates', () => {
    expect(formatUs(1200.456)).toBe('1200.5 µs')
    expect(formatUs(-12.34)).toBe('-12.3 µs')
    expect(formatMsFromNs(1_001_700_456)).toBe('1001.70 ms')
    expect(formatMsFromNs(250_000)).toBe('0.25 ms')
    expect(formatPct(99.5)).toBe('99.50%')
    expect(formatRate(999.96)).toBe('1000.0')
  })
})
