import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  baselineDir,
  baselineRestorePrefix,
  baselineSaveKey,
  isBaselineKeyOf,
  restoreBaseline,
  stageBaseline
} from '../../src/action/baseline-cache.js'
import type { CacheApi } from '../../src/action/cache.js'

const scratchDirs: string[] = []
afterEach(() => {
  for (const directory of scratchDirs.splice(0)) rmSync(directory, { recursive: true, force: true })
})

function runnerTemp(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'blt-baseline-cache-'))
  scratchDirs.push(directory)
  return directory
}

function recordingLog() {
  const lines = { info: [] as string[], warning: [] as string[] }
  return {
    lines,
    info: (line: string) => lines.info.push(line),
    warning: (line: string) => lines.warning.push(line)
  }
}

/** Stands in for the cache service: `restore` decides what a restore finds (and may write it). */
function fakeCache(restore: (paths: string[]) => string | undefined, available = true): CacheApi {
  return {
    isFeatureAvailable: () => available,
    restoreCache: async (paths) => restore(paths),
    saveCache: async () => 1
  }
}

describe('baseline keys', () => {
  it('one per branch, run and attempt; restored by the branch prefix', () => {
    expect(baselineSaveKey('main', '123', '1')).toBe('bifrost-load-test-baseline-main-123-1')
    expect(baselineSaveKey('release/v1, x', '9', '2')).toBe(
      'bifrost-load-test-baseline-release/v1-x-9-2'
    )
    expect(baselineRestorePrefix('main')).toBe('bifrost-load-test-baseline-main-')
  })

  it("tells a branch's own keys from a longer branch name's", () => {
    expect(isBaselineKeyOf('bifrost-load-test-baseline-main-123-1', 'main')).toBe(true)
    expect(isBaselineKeyOf('bifrost-load-test-baseline-main-old-123-1', 'main')).toBe(false)
    expect(isBaselineKeyOf('bifrost-load-test-baseline-main-old-123-1', 'main-old')).toBe(true)
  })
})

describe('restoreBaseline', () => {
  it('returns the restored results file when it is a run’s results', async () => {
    const temp = runnerTemp()
    const log = recordingLog()
    const api = fakeCache((paths) => {
      writeFileSync(
        path.join(paths[0] as string, 'load-test-results.json'),
        JSON.stringify({
          timestamp: '2025-01-01T03:17:00Z',
          overhead: { latency_us: { mean: 1, p50: 2, p90: 3, p95: 4, p99: 5 } }
        })
      )
      return 'bifrost-load-test-baseline-main-7-1'
    })
    const file = await restoreBaseline({ GITHUB_BASE_REF: 'main', RUNNER_TEMP: temp }, log, api)
    expect(file).toBe(path.join(baselineDir({ RUNNER_TEMP: temp }), 'load-test-results.json'))
    expect(JSON.parse(readFileSync(file as string, 'utf8')).timestamp).toBe('2025-01-01T03:17:00Z')
  })

  it('warns and uses nothing when the restored file is not a run’s results', async () => {
    const temp = runnerTemp()
    const log = recordingLog()
    const api = fakeCache((paths) => {
      writeFileSync(path.join(paths[0] as string, 'load-test-results.json'), '{"overhead": null}')
      return 'bifrost-load-test-baseline-main-7-1'
    })
    expect(await restoreBaseline({ GITHUB_BASE_REF: 'main', RUNNER_TEMP: temp }, log, api)).toBe(
      undefined
    )
    expect(log.lines.warning[0]).toMatch(
      /^baseline: cache bifrost-load-test-baseline-main-7-1 restored .*load-test-results\.json, which has no overhead object; expected .*; not used$/
    )
  })

  it('says so when nothing was saved, the service is missing, or the restore fails; never throws', async () => {
    const env = { GITHUB_BASE_REF: 'main', RUNNER_TEMP: runnerTemp() }
    const log = recordingLog()
    expect(
      await restoreBaseline(
        env,
        log,
        fakeCache(() => undefined)
      )
    ).toBeUndefined()
    expect(
      await restoreBaseline(
        env,
        log,
        fakeCache(() => 'x', false)
      )
    ).toBeUndefined()
    const failing = fakeCache(() => {
      throw new Error('service hiccup')
    })
    expect(await restoreBaseline(env, log, failing)).toBeUndefined()
    expect(log.lines.info).toEqual([
      'baseline: none saved for main (save-baseline: true on a run of main saves one)',
      'baseline: no cache service, so no baseline of main'
    ])
    expect(log.lines.warning).toEqual([
      'baseline: restoring the baseline of main failed: service hiccup'
    ])
  })
})

describe('stageBaseline', () => {
  it('copies the results, secrets replaced, for the branch the run is on', async () => {
    const temp = runnerTemp()
    const results = path.join(temp, 'results.json')
    writeFileSync(results, '{"note": "Bearer k-123"}')
    const staged = await stageBaseline(
      results,
      { GITHUB_REF_NAME: 'main', GITHUB_RUN_ID: '5', GITHUB_RUN_ATTEMPT: '3', RUNNER_TEMP: temp },
      ['Bearer k-123']
    )
    expect(staged).toEqual({
      entry: {
        name: 'baseline of main',
        key: 'bifrost-load-test-baseline-main-5-3',
        paths: [path.join(temp, 'bifrost-load-test-baseline')]
      }
    })
    expect(
      readFileSync(path.join(temp, 'bifrost-load-test-baseline', 'load-test-results.json'), 'utf8')
    ).toBe('{"note": "***"}')
  })

  it('keys a pull request run by its head branch, and refuses without a run id', async () => {
    const temp = runnerTemp()
    const results = path.join(temp, 'results.json')
    writeFileSync(results, '{}')
    const env = {
      GITHUB_HEAD_REF: 'feature',
      GITHUB_REF_NAME: '7/merge',
      GITHUB_RUN_ID: '5',
      RUNNER_TEMP: temp
    }
    expect(await stageBaseline(results, env, [])).toMatchObject({
      entry: { key: 'bifrost-load-test-baseline-feature-5-1' }
    })
    expect(await stageBaseline(results, { RUNNER_TEMP: temp }, [])).toMatchObject({
      skipReason: expect.stringContaining('not on a runner')
    })
  })
})
