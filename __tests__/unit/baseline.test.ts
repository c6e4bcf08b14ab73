import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/configure.js'
import { LoadTestError } from '../../src/errors.js'
import type { RunRecord } from '../../src/record.js'
import { renderConsoleSummary } from '../../src/report/console.js'
import { renderJobSummary } from '../../src/report/job-summary.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { buildResultsJson } from '../../src/report/results-json.js'
import { schemaErrors, schemaValidator } from '../support/schemas.js'
import { REPO_ROOT, passingRecord } from './fixtures.js'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-baseline-'))

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** An earlier run's results: the passing fixture with last night's figures. */
function lastNight(): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(buildResultsJson(passingRecord())))
  json.timestamp = '2025-01-01T03:17:00.000Z'
  json.overhead.latency_us = {
    min: 100,
    mean: 1100.25,
    p50: 900,
    p90: 2600,
    p95: 4000,
    p99: 8000,
    p999: 25000,
    max: 50000
  }
  return json
}

function writeJson(name: string, content: unknown): string {
  const file = path.join(scratch, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

function resolveWith(baselineResults: string) {
  return resolveConfig(
    [{ 'bifrost-path': 'examples/bifrost-like', 'baseline-results': baselineResults }],
    { cwd: REPO_ROOT, packageRoot: REPO_ROOT, defaultToolsDir: path.join(scratch, 'tools') }
  )
}

function problemOf(baselineResults: string): string {
  try {
    resolveWith(baselineResults)
  } catch (error) {
    expect(error).toBeInstanceOf(LoadTestError)
    return (error as LoadTestError).message
  }
  throw new Error('expected the baseline to be refused')
}

/** The passing fixture compared with last night's run. */
function withBaseline(): RunRecord {
  const record = passingRecord()
  const config = resolveWith(writeJson('last-night.json', lastNight()))
  record.config = { ...record.config, baseline: config.baseline }
  return record
}

describe('baseline-results at config resolution', () => {
  it("reads an earlier run's overhead per mode, its time and its rate", () => {
    const file = writeJson('ok.json', lastNight())
    expect(resolveWith(file).baseline).toEqual({
      file,
      timestamp: '2025-01-01T03:17:00.000Z',
      overheadUs: {
        'non-streaming': {
          min: 100,
          mean: 1100.25,
          p50: 900,
          p90: 2600,
          p95: 4000,
          p99: 8000,
          p999: 25000,
          max: 50000
        }
      },
      rate: 1000
    })
  })

  it('takes a streaming-only run, and a path relative to the workspace', () => {
    const json = lastNight()
    const overhead = json.overhead as Record<string, unknown>
    json.overhead = { streaming: { ...overhead } }
    writeJson('streaming.json', json)
    const relative = path.relative(REPO_ROOT, path.join(scratch, 'streaming.json'))
    const baseline = resolveWith(relative).baseline
    expect(Object.keys(baseline?.overheadUs ?? {})).toEqual(['streaming'])
    expect(baseline?.overheadUs.streaming?.p50).toBe(900)
  })

  it.each([
    ['a missing file', () => path.join(scratch, 'nope.json'), 'which does not exist'],
    ['a directory', () => scratch, 'which is a directory'],
    [
      'text that is not JSON',
      () => writeJson('bad.json', '{"overhead": '),
      'which is not valid JSON'
    ],
    [
      'JSON without overhead',
      () => writeJson('no-overhead.json', { status: 'error', overhead: null }),
      'which has no overhead object; expected the load-test-results.json of an earlier run'
    ],
    [
      'an overhead without p99',
      () => {
        const json = lastNight()
        delete (json.overhead as { latency_us: Record<string, number> }).latency_us.p99
        return writeJson('no-p99.json', json)
      },
      'whose overhead has no complete latency_us'
    ]
  ])('refuses %s, naming the option and the file', (_, file, problem) => {
    const message = problemOf(file())
    expect(message).toContain('baseline-results: got "')
    expect(message).toContain(problem)
  })
})

describe('the vs baseline column', () => {
  const record = withBaseline()

  it('is in the Markdown overhead table, labelled informative', () => {
    const markdown = renderMarkdown(record)
    expect(markdown).toContain(
      '| Statistic | Direct | Through gateway | Overhead | 95% CI | Limit |  | Baseline | vs baseline |'
    )
    expect(markdown).toMatch(/\| P50 \| [^\n]* \| 5000\.0 µs \| ✓ \| 900\.0 µs \| \+100\.0 µs \|/)
    expect(markdown).toMatch(/\| P90 \| [^\n]* \| 2600\.0 µs \| −100\.0 µs \|/)
    expect(markdown).toMatch(/\| Mean \| [^\n]* \| 1100\.3 µs \| \+100\.2 µs \|/)
    expect(markdown).toContain(
      '_Baseline: the overhead of an earlier run (2025-01-01T03:17:00.000Z); "vs baseline" is this run\'s overhead minus it. Informative only: it was measured on another runner, on another day, and is not checked._'
    )
  })

  it('is in the job summary and the console', () => {
    expect(renderJobSummary(record)).toMatch(/\| P50 \| [^\n]* \| 900\.0 µs \| \+100\.0 µs \|/)
    const console = renderConsoleSummary(record)
    expect(console).toMatch(/statistic .* baseline {2}vs baseline/)
    expect(console).toMatch(/p50 .* 900\.0 µs {4}\+100\.0 µs/)
    expect(console).toContain('Informative only')
  })

  it('is in the results JSON, which keeps to its schema', () => {
    const json = JSON.parse(JSON.stringify(buildResultsJson(record)))
    expect(json.baseline).toEqual({
      file: path.join(scratch, 'last-night.json'),
      timestamp: '2025-01-01T03:17:00.000Z',
      rate: 1000,
      overhead_us: {
        mean: 1100.25,
        p50: 900,
        p90: 2600,
        p95: 4000,
        p99: 8000,
        min: 100,
        p999: 25000,
        max: 50000
      },
      difference_us: {
        min: 50,
        mean: 100.21,
        p50: 100,
        p90: -100,
        p95: 0,
        p99: 1000,
        p999: 5000,
        max: 10000
      }
    })
    const validate = schemaValidator('results.schema.json')
    expect(validate(json), schemaErrors(validate).join('; ')).toBe(true)
    // Without a baseline the key is null, and the reports have no such column.
    expect(buildResultsJson(passingRecord()).baseline).toBeNull()
    expect(renderMarkdown(passingRecord())).not.toContain('vs baseline')
  })

  it('says when the baseline ran at another rate', () => {
    const other = withBaseline()
    other.config = {
      ...other.config,
      baseline: {
        ...(other.config.baseline as NonNullable<typeof other.config.baseline>),
        rate: 500
      }
    }
    expect(renderMarkdown(other)).toContain(
      '(2025-01-01T03:17:00.000Z, measured at 500 RPS (this run: 1000))'
    )
  })
})
