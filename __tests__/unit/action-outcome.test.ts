import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The engine is replaced: these tests are about the action's outputs, its status with
// fail-on, and the baselines it keeps in the cache (whose service has no local equivalent:
// a recording fake stands in for it).
vi.mock('../../src/engine/run.js', () => ({ runLoadTest: vi.fn() }))

import { runLoadTest } from '../../src/engine/run.js'
import { run } from '../../src/main.js'
import { run as runPost } from '../../src/post.js'
import { ACTION_OUTPUT_NAMES, actionOutputs } from '../../src/action/outputs.js'
import type { CacheApi } from '../../src/action/cache.js'
import type { LoadTestConfig } from '../../src/config/types.js'
import type { RunRecord } from '../../src/record.js'
import { buildResultsJson } from '../../src/report/results-json.js'
import { writeReports } from '../../src/report/write.js'
import { asStep, parseCommandFile, postStepEnv, runnerEnvironment } from '../e2e/action-env.js'
import { SMALL_PROFILE } from '../e2e/helpers.js'
import { comparedRecord, failingRecord, passingRecord } from './fixtures.js'

const HEADER_VALUE = 'Bearer s3cret-outcome-token'

function withConfig(record: RunRecord, config: LoadTestConfig): RunRecord {
  const resultsDir = config.resultsDir
  return {
    ...record,
    config,
    files: {
      resultsDir,
      json: path.join(resultsDir, 'load-test-results.json'),
      markdown: path.join(resultsDir, 'load-test-results.md'),
      processStatsCsv: path.join(resultsDir, 'gateway-process-stats.csv')
    }
  }
}

/** Stands in for the engine: the reports of `build`'s record, written as the engine writes them. */
function engineReturning(build: () => RunRecord): void {
  vi.mocked(runLoadTest).mockImplementation(async (config) => {
    const record = withConfig(build(), config)
    if (record.failure) record.failure.message = `upstream said Authorization: ${HEADER_VALUE}`
    await writeReports(record)
    return record
  })
}

/** Stands in for the cache service; restore answers with `restored` (and writes its file). */
function recordingCache(restored?: { key: string; file?: string }) {
  const calls = { restore: [] as [string[], string, string[]][], save: [] as [string[], string][] }
  const saved: Record<string, string> = {}
  const api: CacheApi = {
    isFeatureAvailable: () => true,
    async restoreCache(paths, key, restoreKeys = []) {
      calls.restore.push([paths, key, restoreKeys])
      if (!restored || !key.startsWith('bifrost-load-test-baseline-')) return undefined
      if (restored.file) {
        mkdirSync(paths[0] as string, { recursive: true })
        cpSync(restored.file, path.join(paths[0] as string, 'load-test-results.json'))
      }
      return restored.key
    },
    async saveCache(paths, key) {
      calls.save.push([paths, key])
      for (const directory of paths) {
        const file = path.join(directory, 'load-test-results.json')
        if (existsSync(file)) saved[key] = readFileSync(file, 'utf8')
      }
      return 1
    }
  }
  return { api, calls, saved }
}

const scratchDirs: string[] = []

beforeEach(() => {
  vi.mocked(runLoadTest).mockReset()
})

afterEach(() => {
  process.exitCode = undefined
  for (const directory of scratchDirs.splice(0)) rmSync(directory, { recursive: true, force: true })
})

async function step(
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  cacheApi?: CacheApi
) {
  const files = runnerEnvironment({
    ...(SMALL_PROFILE as Record<string, string>),
    'gateway-headers': `Authorization: ${HEADER_VALUE}`,
    cache: 'false',
    'upload-artifact': 'false',
    'github-token': '',
    ...inputs
  })
  scratchDirs.push(files.dir)
  const fullEnv: Record<string, string> = { ...files.env, GITHUB_REF_NAME: 'main', ...env }
  const printed = await asStep(fullEnv, () => run(process.env, { cacheApi }))
  const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
  return { printed, outputs, files, env: fullEnv, exitCode: process.exitCode }
}

describe('outputs: status and the regression', () => {
  it('sets status and every regression statistic with its interval from a compared run', () => {
    const outputs = actionOutputs(comparedRecord(true), 71, 'https://github.com/c')
    expect(Object.keys(outputs)).toEqual([...ACTION_OUTPUT_NAMES])
    expect(outputs).toMatchObject({
      status: 'failed',
      passed: 'false',
      // Head − base: 20 ± 60 µs at the mean, 300 ± 60 µs at p50 (the fixture's arithmetic).
      'regression-mean-us': '20.00',
      'regression-mean-ci-low-us': '-40.00',
      'regression-mean-ci-high-us': '80.00',
      'regression-p50-us': '300.00',
      'regression-p50-ci-low-us': '240.00',
      'regression-p50-ci-high-us': '360.00',
      'regression-p99-us': '100.00',
      'regression-p99-ci-low-us': '-1900.00',
      'regression-streaming-p50-us': '',
      'artifact-id': '71',
      'comment-url': 'https://github.com/c'
    })
  })

  it('leaves the regression empty without a base, and says passed', () => {
    const outputs = actionOutputs(passingRecord(), undefined)
    expect(outputs.status).toBe('passed')
    for (const name of ACTION_OUTPUT_NAMES.filter((n) => n.startsWith('regression-'))) {
      expect(outputs[name], name).toBe('')
    }
  })

  it('are written by the step, status included', async () => {
    engineReturning(() => comparedRecord(true))
    const { outputs } = await step()
    expect(outputs.status).toBe('failed')
    expect(outputs['regression-p50-us']).toBe('300.00')
    expect(outputs['regression-p50-ci-low-us']).toBe('240.00')
  })

  it('says error for a refused input', async () => {
    const { outputs } = await step({ rate: 'fast' })
    expect(outputs.status).toBe('error')
    expect(outputs.passed).toBe('false')
  })
})

describe('fail-on', () => {
  it('never: a failed run does not fail the step; the verdict is shown as warnings and in the summary', async () => {
    engineReturning(failingRecord)
    const { printed, outputs, files, exitCode } = await step({ 'fail-on': 'never' })
    expect(exitCode ?? 0).toBe(0)
    expect(printed).not.toMatch(/^::error/m)
    expect(printed).toMatch(
      /^::warning::Gateway load test failed: Measurement invalid: [^\n]* \(fail-on: never, so the step passes\)$/m
    )
    expect(printed).toContain(
      '::warning title=Load test check failed (P99 overhead)::P99 overhead is 120000.0 µs, above the limit of 100000.0 µs'
    )
    const summary = readFileSync(files.summary, 'utf8')
    expect(summary).toContain('## Gateway load test: ❌ FAILED')
    expect(summary).toContain(
      '> Report only (`fail-on: never`): this verdict does not fail the step.'
    )
    expect(outputs).toMatchObject({ status: 'failed', passed: 'false' })
  })

  it('never: a run that stopped early still fails the step (setup, a dead service, an interruption), secrets redacted', async () => {
    for (const failure of [
      { kind: 'setup', message: '', phase: 'setup' },
      { kind: 'run', message: '', phase: 'Stress #1' },
      { kind: 'run', message: '', phase: 'Calibration and overhead' }
    ] as const) {
      engineReturning(() => {
        const record = failingRecord()
        record.failure = { ...failure }
        record.status = 'error'
        return record
      })
      const { printed, exitCode, outputs, files } = await step({ 'fail-on': 'never' })
      expect(exitCode).toBe(1)
      expect(readFileSync(files.summary, 'utf8')).not.toContain('Report only')
      expect(printed).toMatch(
        /^::error::Gateway load test stopped: [^\n]*upstream said Authorization: \*\*\*$/m
      )
      expect(printed).not.toContain('so the step passes')
      // The failed checks it did make are still reported only.
      expect(printed).toMatch(/^::warning title=Load test check failed/m)
      expect(outputs.status).toBe('error')
      process.exitCode = undefined
    }
  })

  it('never: a run interrupted after it measured still fails the step', async () => {
    vi.mocked(runLoadTest).mockImplementation(async (config) => {
      // What a cancelled workflow sends: handleInterrupts aborts the run.
      process.emit('SIGINT', 'SIGINT')
      const record = withConfig(passingRecord(), config)
      await writeReports(record)
      return record
    })
    const { printed, exitCode } = await step({ 'fail-on': 'never' })
    expect(exitCode).toBe(1)
    expect(printed).toContain('::error::Gateway load test interrupted by SIGINT.')
  })

  it('checks (the default): the same run fails the step', async () => {
    engineReturning(failingRecord)
    const { printed, exitCode, files } = await step()
    expect(exitCode).toBe(1)
    expect(printed).toMatch(/^::error::Gateway load test failed: /m)
    expect(readFileSync(files.summary, 'utf8')).not.toContain('Report only')
  })

  it('never still fails on a refused input: nothing was measured', async () => {
    const { exitCode } = await step({ 'fail-on': 'never', rate: 'fast' })
    expect(exitCode).toBe(1)
  })
})

describe('baselines in the Actions cache', () => {
  it('save-baseline: the post step saves the redacted results under a key per branch and run', async () => {
    engineReturning(() => {
      const record = passingRecord()
      record.verdict.warnings = [`a warning quoting ${HEADER_VALUE}`]
      return record
    })
    const cache = recordingCache()
    const main = await step(
      { 'save-baseline': 'true' },
      { GITHUB_REF_NAME: 'main', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2' },
      cache.api
    )
    expect(main.printed).toContain(
      'save-baseline: the post step saves these results as cache bifrost-load-test-baseline-main-4242-2'
    )
    expect(cache.calls.save).toEqual([])
    await asStep({ ...main.env, ...postStepEnv(main.files) }, () =>
      runPost({ cacheApi: cache.api })
    )
    const baselineDir = path.join(main.env.RUNNER_TEMP as string, 'bifrost-load-test-baseline')
    expect(cache.calls.save).toEqual([[[baselineDir], 'bifrost-load-test-baseline-main-4242-2']])
    const saved = cache.saved['bifrost-load-test-baseline-main-4242-2'] as string
    expect(JSON.parse(saved).overhead.latency_us.p50).toBe(1000)
    expect(saved).toContain('a warning quoting ***')
    expect(saved).not.toContain('s3cret')
  })

  it('save-baseline: a run that stopped early is not saved', async () => {
    engineReturning(() => ({ ...failingRecord(), status: 'error' }))
    const cache = recordingCache()
    const main = await step({ 'save-baseline': 'true' }, {}, cache.api)
    expect(main.printed).toContain('save-baseline: this run stopped early, so it is not saved')
    await asStep({ ...main.env, ...postStepEnv(main.files) }, () =>
      runPost({ cacheApi: cache.api })
    )
    expect(cache.calls.save).toEqual([])
  })

  it('a pull request restores the newest baseline of its base branch and shows it', async () => {
    const scratch = runnerEnvironment({})
    scratchDirs.push(scratch.dir)
    const lastNight = JSON.parse(JSON.stringify(buildResultsJson(passingRecord())))
    lastNight.timestamp = '2025-01-01T03:17:00.000Z'
    lastNight.overhead.latency_us.p50 = 900
    const lastNightFile = path.join(scratch.dir, 'last-night.json')
    writeFileSync(lastNightFile, JSON.stringify(lastNight))
    engineReturning(passingRecord)
    const cache = recordingCache({
      key: 'bifrost-load-test-baseline-main-77-1',
      file: lastNightFile
    })
    const { printed, files } = await step(
      { cache: 'true' },
      { GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature' },
      cache.api
    )
    const baselineRestores = cache.calls.restore.filter(([, key]) =>
      key.startsWith('bifrost-load-test-baseline-')
    )
    expect(baselineRestores).toEqual([
      [
        [expect.stringMatching(/bifrost-load-test-baseline$/)],
        'bifrost-load-test-baseline-main-',
        ['bifrost-load-test-baseline-main-']
      ]
    ])
    expect(printed).toContain(
      "baseline: main's run of 2025-01-01T03:17:00.000Z, from cache bifrost-load-test-baseline-main-77-1"
    )
    const config = vi.mocked(runLoadTest).mock.calls[0]?.[0]
    expect(config?.baseline?.overheadUs['non-streaming']?.p50).toBe(900)
    expect(readFileSync(files.summary, 'utf8')).toMatch(
      /\| P50 \| [^\n]* \| 900\.0 µs \| \+100\.0 µs \|/
    )
    const results = JSON.parse(
      readFileSync(path.join(files.resultsDir, 'load-test-results.json'), 'utf8')
    )
    expect(results.baseline.difference_us.p50).toBe(100)
  })

  it("does not use another branch's entry that shares the prefix (main-old for main)", async () => {
    engineReturning(passingRecord)
    const cache = recordingCache({ key: 'bifrost-load-test-baseline-main-old-5-1' })
    const { printed } = await step({ cache: 'true' }, { GITHUB_BASE_REF: 'main' }, cache.api)
    expect(printed).toContain(
      'baseline: bifrost-load-test-baseline-main-old-5-1 is not a baseline of main, not used'
    )
    expect(vi.mocked(runLoadTest).mock.calls[0]?.[0].baseline).toBeUndefined()
  })

  it('is not restored when baseline-results is given, nor with cache off, nor outside a pull request', async () => {
    const scratch = runnerEnvironment({})
    scratchDirs.push(scratch.dir)
    const given = path.join(scratch.dir, 'given.json')
    writeFileSync(given, JSON.stringify(buildResultsJson(passingRecord())))
    engineReturning(passingRecord)
    for (const [inputs, env] of [
      [{ cache: 'true', 'baseline-results': given }, { GITHUB_BASE_REF: 'main' }],
      [{ cache: 'false' }, { GITHUB_BASE_REF: 'main' }],
      [{ cache: 'true' }, {}]
    ] as [Record<string, string>, Record<string, string>][]) {
      const cache = recordingCache({ key: 'bifrost-load-test-baseline-main-77-1' })
      await step(inputs, env, cache.api)
      expect(
        cache.calls.restore.filter(([, key]) => key.startsWith('bifrost-load-test-baseline-'))
      ).toEqual([])
    }
    expect(vi.mocked(runLoadTest).mock.calls[0]?.[0].baseline?.file).toBe(given)
  })
})
