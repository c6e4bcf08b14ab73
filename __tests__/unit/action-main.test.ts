import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The engine is replaced: these tests are about what the action does with a run's record.
// The whole run, engine included, is tested in __tests__/e2e/action.test.ts.
vi.mock('../../src/engine/run.js', () => ({ runLoadTest: vi.fn() }))

import { runLoadTest } from '../../src/engine/run.js'
import { run } from '../../src/main.js'
import type { ArtifactApi } from '../../src/action/artifact.js'
import type { LoadTestConfig } from '../../src/config/types.js'
import type { RunRecord } from '../../src/record.js'
import { MOCKER_KEY } from '../../src/services/launch.js'
import { asStep, parseCommandFile, runnerEnvironment } from '../e2e/action-env.js'
import { SMALL_PROFILE } from '../e2e/helpers.js'
import { check, erroredRecord, failingRecord } from './fixtures.js'

const HEADER_VALUE = 'Bearer s3cret-token-42'

/** Annotations in what the step printed: `::error title=T::message`, `::warning::message`. */
function annotations(printed: string): { kind: string; title?: string; message: string }[] {
  return printed.split('\n').flatMap((line) => {
    const match = /^::(error|warning)( title=([^:]*))?::(.*)$/.exec(line)
    if (!match) return []
    const [, kind, , title, message] = match as unknown as string[]
    return [{ kind: kind as string, ...(title ? { title } : {}), message: message as string }]
  })
}

/** 12 failed checks (5 overhead statistics, overhead success, 6 stress runs). */
function twelveFailures(config: LoadTestConfig): RunRecord {
  const record = failingRecord()
  const checks = [
    ...['mean', 'p50', 'p90', 'p95', 'p99'].map((key) =>
      check(`overhead-${key}`, `${key} overhead`, 9000, 10, 'µs', 'max', false)
    ),
    check('overhead-success-rate', 'Overhead phase success rate', 50, 100, '%', 'min', false),
    ...[1, 2, 3, 4, 5, 6].map((run) =>
      check(`stress-${run}-success-rate`, `Stress #${run} success rate`, 90, 100, '%', 'min', false)
    )
  ]
  record.verdict = { passed: false, checks, failures: checks, warnings: [] }
  return withConfig(record, config)
}

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

/** Stands in for the engine: writes what a run leaves in the results directory. */
function engineReturning(build: (config: LoadTestConfig) => RunRecord): void {
  vi.mocked(runLoadTest).mockImplementation(async (config) => {
    mkdirSync(path.join(config.resultsDir, '.git'), { recursive: true })
    writeFileSync(path.join(config.resultsDir, '.git/config'), 'extraheader = AUTHORIZATION: x\n')
    writeFileSync(path.join(config.resultsDir, 'load-test-results.json'), '{}\n')
    writeFileSync(
      path.join(config.resultsDir, 'gateway-overhead.log'),
      `request headers: Authorization: ${HEADER_VALUE}; upstream key ${MOCKER_KEY}\n`
    )
    return build(config)
  })
}

function recordingClient(failFirstWith?: Error): ArtifactApi & {
  calls: { name: string; files: Record<string, string> }[]
} {
  const calls: { name: string; files: Record<string, string> }[] = []
  return {
    calls,
    async uploadArtifact(name, files, rootDirectory) {
      const contents = Object.fromEntries(
        files.map((file) => [path.relative(rootDirectory, file), readFileSync(file, 'utf8')])
      )
      calls.push({ name, files: contents })
      if (failFirstWith && calls.length === 1) throw failFirstWith
      return { id: 70 + calls.length }
    }
  }
}

const INPUTS = {
  ...(SMALL_PROFILE as Record<string, string>),
  'gateway-headers': `Authorization: ${HEADER_VALUE}`,
  cache: 'false'
}

const scratchDirs: string[] = []
function step(inputs: Record<string, string> = {}) {
  const files = runnerEnvironment({ ...INPUTS, ...inputs })
  scratchDirs.push(files.dir)
  return files
}

beforeEach(() => {
  vi.mocked(runLoadTest).mockReset()
})

afterEach(() => {
  process.exitCode = undefined
  for (const directory of scratchDirs.splice(0)) rmSync(directory, { recursive: true, force: true })
})

describe('the action with 12 failed checks', () => {
  it('annotates the verdict first, then at most 10 errors in all, the rest merged', async () => {
    engineReturning(twelveFailures)
    const files = step()
    const client = recordingClient()
    const printed = await asStep(files.env, () => run(process.env, { artifactClient: client }))
    expect(process.exitCode).toBe(1)

    const errors = annotations(printed).filter((a) => a.kind === 'error')
    expect(errors).toHaveLength(10)
    expect(errors[0]?.message).toMatch(/^Gateway load test failed: mean overhead is 9000\.0 µs/)
    expect(errors[1]).toEqual({
      kind: 'error',
      title: 'Load test check failed (mean overhead)',
      message: 'mean overhead is 9000.0 µs, above the limit of 10.0 µs'
    })
    expect(errors[9]?.message).toMatch(
      /^and 4 more: Load test check failed \(Stress #3 success rate\)/
    )
    expect(errors[9]?.message).toContain('Stress #6 success rate is 90.00%')

    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
    expect(outputs.passed).toBe('false')
    expect(outputs['artifact-id']).toBe('71')
  })
})

describe('the artifact and the job summary', () => {
  it('upload redacted copies, no .git, under a name that differs per matrix leg', async () => {
    engineReturning(twelveFailures)
    const names: string[] = []
    for (const leg of [
      { RUNNER_ARCH: 'X64', RUNNER_NAME: 'GitHub Actions 3' },
      { RUNNER_ARCH: 'ARM64', RUNNER_NAME: 'GitHub Actions 4' }
    ]) {
      const files = step()
      const client = recordingClient()
      await asStep({ ...files.env, ...leg }, () => run(process.env, { artifactClient: client }))
      expect(client.calls).toHaveLength(1)
      const [call] = client.calls
      names.push(call?.name as string)
      expect(Object.keys(call?.files ?? {}).sort()).toEqual([
        'gateway-overhead.log',
        'load-test-results.json'
      ])
      expect(call?.files['gateway-overhead.log']).toBe(
        'request headers: Authorization: ***; upstream key ***\n'
      )
      // The user's results directory keeps what the run wrote.
      expect(readFileSync(path.join(files.resultsDir, 'gateway-overhead.log'), 'utf8')).toContain(
        HEADER_VALUE
      )
    }
    expect(names[0]).toMatch(/^bifrost-load-test-load-test-linux-x64-attempt1-[0-9a-f]{8}$/)
    expect(names[1]).toMatch(/^bifrost-load-test-load-test-linux-arm64-attempt1-[0-9a-f]{8}$/)
    expect(new Set(names).size).toBe(2)
  })

  it('retries a taken name once and says so', async () => {
    engineReturning(twelveFailures)
    const files = step({ 'artifact-name': 'load-test' })
    const client = recordingClient(
      new Error(
        'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict'
      )
    )
    const printed = await asStep(files.env, () => run(process.env, { artifactClient: client }))
    expect(client.calls.map((call) => call.name)).toEqual([
      'load-test',
      expect.stringMatching(/^load-test-[0-9a-f]{6}$/)
    ])
    expect(printed).toMatch(
      /::warning::artifact name load-test is already used in this workflow run \(409 Conflict\); uploading as load-test-[0-9a-f]{6} instead/
    )
    expect(parseCommandFile(readFileSync(files.output, 'utf8'))['artifact-id']).toBe('72')
  })

  it('refuses the workspace itself as results-dir before anything starts, uploading nothing', async () => {
    engineReturning(twelveFailures)
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'blt-workspace-'))
    scratchDirs.push(workspace)
    const files = step({ 'results-dir': workspace })
    const client = recordingClient()
    const printed = await asStep({ ...files.env, GITHUB_WORKSPACE: workspace }, () =>
      run(process.env, { artifactClient: client })
    )
    expect(client.calls).toEqual([])
    // Config validation refuses it; the upload's own check (artifact.ts) is the second line.
    expect(printed).toContain(
      `results-dir: got "${workspace}", which is the workspace root; expected a directory of its own that can be created and written.`
    )
  })

  it('keeps header values and the provider key out of the summary and the annotations', async () => {
    engineReturning((config) => {
      const record = withConfig(erroredRecord(), config)
      record.failure = {
        kind: 'setup',
        message: `gateway was not ready: Authorization: ${HEADER_VALUE}`,
        phase: 'starting services',
        logFile: path.join(config.resultsDir, 'gateway-overhead.log'),
        logTail: `request headers: Authorization: ${HEADER_VALUE}\nkey ${MOCKER_KEY}`
      }
      return record
    })
    const files = step()
    const printed = await asStep(files.env, () =>
      run(process.env, { artifactClient: recordingClient() })
    )
    const summary = readFileSync(files.summary, 'utf8')
    expect(summary).toContain('request headers: Authorization: ***\nkey ***')
    expect(summary).not.toContain('s3cret')
    expect(summary).not.toContain(MOCKER_KEY)
    // The runner masks what add-mask names; nothing else printed holds the secret.
    const unmasked = printed
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(unmasked).not.toContain('s3cret')
    expect(printed).toContain(`::add-mask::${HEADER_VALUE}`)
    expect(annotations(printed)[0]?.message).toBe(
      'Gateway load test stopped: Stopped during starting services: gateway was not ready: Authorization: ***'
    )
  })
})

describe('the action on a runner that is not Linux', () => {
  it('fails with a clear error before starting anything, and sets the outputs', async () => {
    const files = step()
    const printed = await asStep(files.env, () => run(process.env, { platform: 'darwin' }))
    expect(process.exitCode).toBe(1)
    expect(printed).toContain(
      "::error::bifrost-load-test runs on Linux only (it reads /proc to sample the gateway's processes); this is darwin. On GitHub, use a Linux runner such as runs-on: ubuntu-latest."
    )
    expect(runLoadTest).not.toHaveBeenCalled()
    expect(parseCommandFile(readFileSync(files.output, 'utf8')).passed).toBe('false')
  })
})
