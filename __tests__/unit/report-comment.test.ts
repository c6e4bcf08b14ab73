import { describe, expect, it } from 'vitest'
import {
  MAX_COMMENT_CHARS,
  commentKeyOf,
  commentMarker,
  inertText,
  limitLength,
  renderComment,
  type CommentSource
} from '../../src/report/comment.js'
import { buildResultsJson } from '../../src/report/results-json.js'
import type { RunRecord } from '../../src/record.js'
import {
  addTelemetry,
  comparedRecord,
  comparedRecordWithTelemetry,
  erroredRecord,
  failingRecord,
  gatewayTelemetry,
  passingRecord
} from './fixtures.js'

/** The results JSON of a record, as a file would hold it. */
const resultsOf = (record: RunRecord): CommentSource =>
  JSON.parse(JSON.stringify(buildResultsJson(record))) as CommentSource

const LINKS = {
  runUrl: 'https://github.com/org/gateway/actions/runs/12/attempts/2',
  artifactUrl: 'https://github.com/org/gateway/actions/runs/12/artifacts/71'
}

function tableRow(body: string, statistic: string): string {
  return body.split('\n').find((line) => line.startsWith(`| ${statistic} |`)) ?? ''
}

describe('renderComment without a base', () => {
  const body = renderComment(resultsOf(passingRecord()), 'load-test-1a2b3c4d', LINKS)

  it('starts with the hidden marker of its key, then the headline and the verdict', () => {
    const lines = body.split('\n')
    expect(lines[0]).toBe('<!-- bifrost-load-test:load-test-1a2b3c4d -->')
    expect(lines[1]).toBe('### Gateway load test: ✅ PASSED')
    // The verdict sentence, escaped: its parentheses are Markdown punctuation.
    expect(body).toContain(
      '**All 17 checks passed at 1000 RPS: p50 overhead 1000.0 µs \\(95% CI 950.0 µs … 1050.0 µs\\).**'
    )
  })

  it('shows the overhead table with intervals, limits and marks', () => {
    expect(body).toContain('#### Gateway overhead at 1000 RPS')
    expect(tableRow(body, 'P50')).toBe('| P50 | 1000.0 µs | 950.0 µs … 1050.0 µs | 5000.0 µs | ✓ |')
    expect(tableRow(body, 'Mean')).toBe(
      '| Mean | 1200.5 µs | 1100.5 µs … 1300.5 µs | 5000.0 µs | ✓ |'
    )
    expect(body).not.toContain('Head against base')
    expect(body).toContain(
      '**Stress runs** (valid responses): stress-1 100.00% ✓, stress-2 100.00% ✓'
    )
  })

  it('links the run and the artifact', () => {
    expect(body).toContain(
      '[workflow run](https://github.com/org/gateway/actions/runs/12/attempts/2) · [results artifact](https://github.com/org/gateway/actions/runs/12/artifacts/71)'
    )
  })
})

describe('renderComment with a base', () => {
  it('shows base, head and the regression with its interval and limit; passes within noise', () => {
    const body = renderComment(resultsOf(comparedRecord()), 'k', {})
    expect(body).toContain('### Gateway load test: ✅ PASSED')
    expect(body).toContain('#### Head against base at 1000 RPS')
    expect(body).toContain(
      'No regression against main beyond ±80.0 µs could be detected at this load \\(p50: 20.0 µs, -40.0 µs … 80.0 µs\\).'
    )
    expect(tableRow(body, 'P50')).toBe(
      '| P50 | 980.0 µs | 1000.0 µs | +20.0 µs | -40.0 µs … 80.0 µs | 100.0 µs | ✓ |'
    )
    // The overhead table is left to the job summary: the regression is what a PR gate shows.
    expect(body).not.toContain('#### Gateway overhead')
  })

  it('marks the regression that failed, whose lower bound is above its limit', () => {
    const body = renderComment(resultsOf(comparedRecord(true)), 'k', {})
    expect(body).toContain('### Gateway load test: ❌ FAILED')
    expect(tableRow(body, 'P50')).toBe(
      '| P50 | 700.0 µs | 1000.0 µs | +300.0 µs | 240.0 µs … 360.0 µs | 100.0 µs | ✗ |'
    )
    expect(body).toContain('Head is 300.0 µs slower than main \\(240.0 µs … 360.0 µs\\) at p50.')
  })
})

describe('renderComment of failed and stopped runs', () => {
  it('lists the failed checks, validity first', () => {
    const body = renderComment(resultsOf(failingRecord()), 'k', {})
    expect(body).toContain('**4 checks failed:**')
    expect(body).toContain(
      '- Stress \\#2: achieved rate: 95.00% (limit 99%)\n- P99 overhead: 120000.0 µs (limit 100000 µs)'
    )
    expect(tableRow(body, 'P99')).toContain('| 100000.0 µs | ✗ |')
  })

  it('says why a run stopped', () => {
    const body = renderComment(resultsOf(erroredRecord()), 'k', {})
    expect(body).toContain('### Gateway load test: ⚠️ ERROR')
    expect(body).toContain(
      '**Stopped during Stress \\#1: gateway exited with code 2 during Stress \\#1**'
    )
  })

  it('says that a failure does not fail the job with fail-on never', () => {
    const record = failingRecord()
    record.config = { ...record.config, failOn: 'never' }
    expect(renderComment(resultsOf(record), 'k', {})).toContain(
      '> Report only (`fail-on: never`): this verdict does not fail the job.'
    )
    expect(renderComment(resultsOf(passingRecord()), 'k', {})).not.toContain('Report only')
    // fail-on never covers failed checks only: a run that stopped early fails the job.
    const stopped = erroredRecord()
    stopped.config = { ...stopped.config, failOn: 'never' }
    expect(renderComment(resultsOf(stopped), 'k', {})).not.toContain('Report only')
  })
})

describe('renderComment with a baseline', () => {
  const baseline = {
    file: '/runner/_temp/bifrost-load-test-baseline/load-test-results.json',
    timestamp: '2025-01-01T03:17:00.000Z',
    overheadUs: {
      'non-streaming': { mean: 1100, p50: 900, p90: 2600, p95: 4000, p99: 8000 }
    },
    rate: 1000
  }

  it('adds the baseline and the difference beside the overhead, labelled informative', () => {
    const record = passingRecord()
    record.config = { ...record.config, baseline }
    const body = renderComment(resultsOf(record), 'k', {})
    expect(body).toContain('| Statistic | Overhead | 95% CI | Limit |  | Baseline | vs baseline |')
    expect(tableRow(body, 'P50')).toBe(
      '| P50 | 1000.0 µs | 950.0 µs … 1050.0 µs | 5000.0 µs | ✓ | 900.0 µs | +100.0 µs |'
    )
    expect(tableRow(body, 'P90')).toContain('| 2600.0 µs | −100.0 µs |')
    expect(body).toContain(
      "_vs baseline: this run's overhead minus that of an earlier run (2025-01-01T03:17:00.000Z). Informative only: measured on another runner, on another day; not checked._"
    )
  })

  it("adds head's difference from the baseline to the regression table", () => {
    const record = comparedRecord()
    record.config = { ...record.config, baseline }
    const body = renderComment(resultsOf(record), 'k', {})
    expect(body).toContain('| Limit (lower bound ≤) |  | Head vs baseline |')
    expect(tableRow(body, 'P50')).toMatch(/\| ✓ \| \+100\.0 µs \|$/)
  })
})

describe('text from an untrusted results file', () => {
  it('cannot mention, link, inject HTML or break out of its line', () => {
    const results = resultsOf(failingRecord())
    results.verdict.sentence =
      '@maintainers <img src=x onerror=alert(1)> [click](https://evil.example) `code`\n# heading | cell'
    const body = renderComment(results, 'k', {})
    const verdictLine = body.split('\n')[3] as string
    expect(verdictLine).toBe(
      '**@\u200bmaintainers &lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(https:\u200b//evil.example\\) \\`code\\` \\# heading \\| cell**'
    )
    expect(body).not.toContain('<img')
    expect(body).not.toContain('https://evil')
    // GitHub links a bare www. address too.
    expect(inertText('see www.evil.example or WWW.x.example', 100)).toBe(
      'see www\u200b.evil.example or WWW\u200b.x.example'
    )
  })

  it('is cut to a length, and numbers that are not numbers are not shown', () => {
    expect(inertText('x'.repeat(2000), 100)).toHaveLength(100)
    const results = resultsOf(passingRecord())
    ;(results.overhead as { latency_us: Record<string, unknown> }).latency_us.p50 = '1e999'
    expect(tableRow(renderComment(results, 'k', {}), 'P50')).toMatch(/^\| P50 \| — \|/)
  })

  it('links only http(s) URLs, and never a key that could close the marker', () => {
    const body = renderComment(resultsOf(passingRecord()), 'a --> <b>', {
      runUrl: 'javascript:alert(1)',
      artifactUrl: 'https://x.example/a)(b'
    })
    expect(body.split('\n')[0]).toBe('<!-- bifrost-load-test:a-b -->')
    expect(body).not.toContain('javascript:')
    expect(body).not.toContain('x.example')
  })
})

describe("the gateways' own telemetry in the comment", () => {
  const METRIC = 'bifrost\\_overhead\\_latency\\_microseconds'

  it('puts the reported mean beside the measured one, as the job summary does', () => {
    const record = passingRecord()
    addTelemetry(record, 'overhead', gatewayTelemetry(123.456))
    const results = resultsOf(record)
    const measuredMeanUs = results.overhead?.latency_us?.mean ?? NaN
    expect(renderComment(results, 'k', {})).toContain(
      `_The gateway's own telemetry (${METRIC}, GET /metrics) reports a mean overhead of 123.5 µs over the 1000 requests it finished during this phase; measured from outside, the mean overhead is ${measuredMeanUs.toFixed(1)} µs.`
    )
  })

  it("names head's and base's figures and their difference under the regression", () => {
    const results = resultsOf(
      comparedRecordWithTelemetry(gatewayTelemetry(540), gatewayTelemetry(240, 999))
    )
    expect(renderComment(results, 'k', {})).toContain(
      `_The gateways' own telemetry (${METRIC}) reports a mean overhead of 540.0 µs for head and 240.0 µs for base (over 1000 and 999 requests), a difference of 300.0 µs; measured from outside, the mean regression is ${(results.regression?.latency_us?.mean ?? NaN).toFixed(1)} µs._`
    )
    // One gateway without the histogram: no difference to show.
    const headOnly = comparedRecordWithTelemetry(gatewayTelemetry(540), undefined)
    expect(renderComment(resultsOf(headOnly), 'k', {})).not.toContain('own telemetry')
  })

  it('shows nothing without telemetry, and from an untrusted file only inert text and numbers', () => {
    expect(renderComment(resultsOf(passingRecord()), 'k', {})).not.toContain('own telemetry')
    const record = passingRecord()
    addTelemetry(record, 'overhead', gatewayTelemetry(123.456))
    const results = resultsOf(record)
    const phaseJson = results.phases?.find((phase) => phase.id === 'overhead')
    if (!phaseJson?.gateway_telemetry) throw new Error('results without the telemetry')
    // Only a Prometheus metric name is shown; anything else drops the sentence.
    phaseJson.gateway_telemetry.metric = '@maintainers [x](https://evil.example)'
    expect(renderComment(results, 'k', {})).not.toContain('own telemetry')
    phaseJson.gateway_telemetry.metric = 'www.evil.example'
    expect(renderComment(results, 'k', {})).not.toContain('own telemetry')
    phaseJson.gateway_telemetry.metric = 'gateway:overhead_us'
    expect(renderComment(results, 'k', {})).toContain('telemetry (gateway:overhead\\_us, GET')
    ;(phaseJson.gateway_telemetry as { mean_us: unknown }).mean_us = '1e999'
    expect(renderComment(results, 'k', {})).not.toContain('own telemetry')
  })
})

describe('comment keys and length', () => {
  it('keeps letters, digits, dot, underscore and dash', () => {
    expect(commentKeyOf('load-test_1.x')).toBe('load-test_1.x')
    expect(commentKeyOf('matrix (linux, 1000)')).toBe('matrix-linux-1000')
    expect(commentKeyOf('')).toBe('default')
    expect(commentKeyOf('y'.repeat(300))).toHaveLength(100)
    expect(commentMarker('a b')).toBe('<!-- bifrost-load-test:a-b -->')
  })

  it(`never exceeds GitHub's ${MAX_COMMENT_CHARS} characters, keeping the marker first`, () => {
    const body = `${commentMarker('k')}\n${'| row |\n'.repeat(20_000)}`
    const cut = limitLength(body, MAX_COMMENT_CHARS)
    expect(cut.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(cut.startsWith(commentMarker('k'))).toBe(true)
    expect(cut).toContain(
      '_(cut to fit a comment; the full report is in the job summary and the artifact)_'
    )
    expect(limitLength('short', MAX_COMMENT_CHARS)).toBe('short')
  })
})

describe('the results JSON the comment reads', () => {
  it('is what buildResultsJson writes (checked by the compiler)', () => {
    const source: CommentSource = buildResultsJson(comparedRecord(true))
    expect(source.regression?.latency_us?.p50).toBe(300)
  })
})
