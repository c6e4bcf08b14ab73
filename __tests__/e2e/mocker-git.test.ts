import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoadTestError } from '../../src/errors.js'
import { runLoadTest } from '../../src/engine/run.js'
import { runningProcesses } from '../../src/services/process.js'
import { isExecutable } from '../../src/tools/vegeta.js'
import { resolveMocker } from '../../src/tools/mocker.js'
import { REPO_ROOT, expectNothingLeftRunning, testConfig, expectSentAtRate } from './helpers.js'

const SUBDIRECTORY = 'providers/mocker'

/** git with argv, never a shell; fails the test with git's own words. */
function git(cwd: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed (${result.status}): ${result.stderr}`)
  }
  return result.stdout.trim()
}

// The mock provider from a git repository, a ref and a subdirectory, as with
// bifrost-benchmarking, but from a local repository: real git, real go build, real processes.
describe('mock provider from a git repository, end to end', () => {
  let scratchDir = ''
  let repository = ''
  /** Fresh per file, so the checkout and the builds are this file's alone. */
  let toolsDir = ''
  const resultsDirs: string[] = []
  const logLines: string[] = []
  const log = (line: string): void => {
    logLines.push(line)
  }
  const source = (ref: string) =>
    ({ kind: 'git', repository, ref, subdirectory: SUBDIRECTORY }) as const

  beforeAll(() => {
    scratchDir = mkdtempSync(path.join(os.tmpdir(), 'blt-mocker-git-'))
    repository = path.join(scratchDir, 'providers-repo')
    toolsDir = path.join(scratchDir, 'tools')
    mkdirSync(repository)
    git(repository, ['init', '--quiet', '--initial-branch', 'main'])
    git(repository, ['config', 'user.name', 'Load Test'])
    git(repository, ['config', 'user.email', 'load-test@example.invalid'])
    git(repository, ['config', 'commit.gpgsign', 'false'])
    cpSync(path.join(REPO_ROOT, 'mocker'), path.join(repository, SUBDIRECTORY), {
      recursive: true
    })
    git(repository, ['add', '--all'])
    git(repository, ['commit', '--quiet', '--message', 'mock provider'])
    git(repository, ['tag', 'v1'])
  })

  afterAll(() => {
    expect(runningProcesses()).toEqual([])
    for (const directory of [scratchDir, ...resultsDirs]) {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('builds the ref, names its commit, reuses the build, and rebuilds when the ref moves', async () => {
    const firstCommit = git(repository, ['rev-parse', 'v1^{commit}'])
    const first = await resolveMocker(source('v1'), toolsDir, log)
    expect(first.reused).toBe(false)
    expect(first.origin).toBe(`${repository}@${firstCommit}`)
    expect(first.binaryPath.startsWith(path.join(toolsDir, 'builds') + path.sep)).toBe(true)
    expect(await isExecutable(first.binaryPath)).toBe(true)
    expect(logLines.join('\n')).toContain(`fetching ${repository} at v1`)

    const again = await resolveMocker(source('v1'), toolsDir, log)
    expect(again).toEqual({ ...first, reused: true })

    // A new commit that changes Go source; the tag and a branch move to it.
    appendFileSync(path.join(repository, SUBDIRECTORY, 'main.go'), '\n// second revision\n')
    git(repository, ['commit', '--quiet', '--all', '--message', 'second revision'])
    git(repository, ['tag', '--force', 'v1'])
    git(repository, ['branch', '--force', 'stable', 'HEAD'])
    const secondCommit = git(repository, ['rev-parse', 'HEAD'])
    expect(secondCommit).not.toBe(firstCommit)

    const retagged = await resolveMocker(source('v1'), toolsDir, log)
    expect(retagged.reused).toBe(false)
    expect(retagged.origin).toBe(`${repository}@${secondCommit}`)
    expect(retagged.binaryPath).not.toBe(first.binaryPath)
    expect(await isExecutable(retagged.binaryPath)).toBe(true)

    // The branch names the same sources: the same checkout directory, the same build.
    const branch = await resolveMocker(source('stable'), toolsDir, log)
    expect(branch).toEqual({ ...retagged, reused: true })

    // Back at the first commit, by its full sha: its earlier build is still kept.
    const bySha = await resolveMocker(source(firstCommit), toolsDir, log)
    expect(bySha).toEqual({ ...first, reused: true })
  })

  it('names the repository, the ref and what git said when the ref does not exist', async () => {
    const error = await resolveMocker(source('no-such-ref'), toolsDir, log).catch(
      (caught: unknown) => caught
    )
    expect(error).toBeInstanceOf(LoadTestError)
    const { kind, message } = error as LoadTestError
    expect(kind).toBe('setup')
    expect(message).toContain(`mocker-repository ${repository}`)
    expect(message).toContain('mocker-ref no-such-ref')
    expect(message).toContain("couldn't find remote ref no-such-ref")
  })

  it('names mocker-subdirectory when the ref has no such directory', async () => {
    const commit = git(repository, ['rev-parse', 'main'])
    const error = await resolveMocker(
      { kind: 'git', repository, ref: 'main', subdirectory: 'mocker' },
      toolsDir,
      log
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(LoadTestError)
    const { kind, message } = error as LoadTestError
    expect(kind).toBe('setup')
    expect(message).toContain(
      `mocker-subdirectory mocker: no such directory in mocker-repository ${repository} at mocker-ref main (commit ${commit})`
    )
  })

  it('runs the whole load test with the mock provider built from the ref', async () => {
    const startedPids: number[] = []
    const config = testConfig({
      'mocker-repository': repository,
      'mocker-ref': 'v1',
      'mocker-subdirectory': SUBDIRECTORY,
      'stress-runs': '1',
      'tools-dir': toolsDir
    })
    resultsDirs.push(config.resultsDir)
    expect(config.mocker.source).toEqual(source('v1'))
    const record = await runLoadTest(config, {
      onProcessStarted: (process) => startedPids.push(process.pid)
    })
    await expectNothingLeftRunning(startedPids)

    expect(record.failure).toBeUndefined()
    expect(record.status).toBe('passed')
    const commit = git(repository, ['rev-parse', 'v1^{commit}'])
    expect(record.tools.mocker?.origin).toBe(`${repository}@${commit}`)
    expect(record.tools.mocker?.binaryPath.startsWith(path.join(toolsDir, 'builds'))).toBe(true)
    for (const phase of record.phases.filter((measured) => measured.role !== 'warmup')) {
      expectSentAtRate(phase.statistics.requests, 100, 2)
      expect(phase.statistics.statusCodes).toEqual({ '200': phase.statistics.requests })
    }
  })
})
