import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { run } from '../../src/main.js'
import { run as runPost } from '../../src/post.js'
import { runningProcesses, startProcess } from '../../src/services/process.js'
import { ownStartTimeTicks, runToken } from '../../src/services/run-token.js'
import { ACTION_OUTPUT_NAMES } from '../../src/action/outputs.js'
import { defaultToolsDir } from '../../src/package-root.js'
import {
  REPO_ROOT,
  expectNothingLeftRunning,
  git,
  replicaCheckout,
  withGatewayEnv
} from './helpers.js'
import {
  BENCHER_METRIC_FORMAT_SCHEMA,
  CUSTOM_SMALLER_IS_BETTER_SCHEMA,
  formatValidator
} from '../support/export-formats.js'
import { schemaErrors } from '../support/schemas.js'
import {
  SMALL_ACTION_INPUTS,
  asStep,
  node24,
  parseCommandFile,
  postStepEnv,
  runNode24,
  runnerEnvironment,
  spawnCollect,
  type RunnerFiles
} from './action-env.js'

function startedPids(files: RunnerFiles): number[] {
  const state = parseCommandFile(readFileSync(files.state, 'utf8'))
  return (JSON.parse(state.processes ?? '[]') as { pid: number }[]).map((entry) => entry.pid)
}

describe('the action, main then post, with the real @actions/core', () => {
  let restoreGatewayEnv: (() => void) | undefined
  afterEach(() => {
    restoreGatewayEnv?.()
    restoreGatewayEnv = undefined
    process.exitCode = undefined
    expect(runningProcesses()).toEqual([])
  })

  it('passes, writes outputs and summary, warns about missing cache and artifact services', async () => {
    // No ACTIONS_RUNTIME_TOKEN or cache URL here: both services are missing, as off GitHub.
    const files = runnerEnvironment({ ...SMALL_ACTION_INPUTS, cache: 'true' })
    const printed = await asStep(files.env, () => run())
    expect(process.exitCode ?? 0).toBe(0)
    expect(printed).toContain('::warning::cache service unavailable, continuing without cache')
    expect(printed).toMatch(
      /::warning::could not upload the results as artifact bifrost-load-test-load-test-linux-x64-attempt1-[0-9a-f]{8}/
    )

    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
    expect(outputs.passed).toBe('true')
    expect(outputs.status).toBe('passed')
    const results = JSON.parse(readFileSync(outputs['results-json'] as string, 'utf8'))
    // The action records where the run happened, for a comment posted from the artifact.
    expect(results.github).toMatchObject({
      repository: 'org/gateway',
      run_url: 'https://github.com/org/gateway/actions/runs/1',
      comment_key: expect.stringMatching(/^load-test-[0-9a-f]{8}$/)
    })
    // The exports for history tools, as this real run wrote them, in their documented shapes.
    const bencher = JSON.parse(readFileSync(path.join(files.resultsDir, 'bencher.json'), 'utf8'))
    const benchmarkAction = JSON.parse(
      readFileSync(path.join(files.resultsDir, 'benchmark-action.json'), 'utf8')
    )
    const bencherValid = formatValidator(BENCHER_METRIC_FORMAT_SCHEMA)
    const benchmarkActionValid = formatValidator(CUSTOM_SMALLER_IS_BETTER_SCHEMA)
    expect(bencherValid(bencher), schemaErrors(bencherValid).join('; ')).toBe(true)
    expect(
      benchmarkActionValid(benchmarkAction),
      schemaErrors(benchmarkActionValid).join('; ')
    ).toBe(true)
    expect(bencher['gateway overhead/p50'].latency.value).toBeCloseTo(
      results.overhead.latency_us.p50 * 1000,
      -2
    )
    expect(outputs['results-json']).toBe(path.join(files.resultsDir, 'load-test-results.json'))
    expect(outputs['results-markdown']).toBe(path.join(files.resultsDir, 'load-test-results.md'))
    expect(Number(outputs['overhead-p50-us'])).toBeCloseTo(results.overhead.latency_us.p50, 1)
    expect(Number(outputs['overhead-p99-us'])).toBeCloseTo(results.overhead.latency_us.p99, 1)
    expect(outputs['stress-success-rate']).toBe('100.00')
    expect(outputs['artifact-id']).toBe('')

    const summary = readFileSync(files.summary, 'utf8')
    expect(summary).toContain('## Gateway load test: ✅ PASSED')
    expect(summary).toMatch(/All \d+ checks passed at 100 RPS/)
    expect(summary).toContain('xychart-beta')
    expect(summary).toContain('<details><summary>Resolved configuration</summary>')
    expect(summary).toMatch(
      /\| P99 \| [\d.]+ ms \| [\d.]+ ms \| -?[\d.]+ µs \| [^|]+ \| 100000\.0 µs \| ✓ \|/
    )

    const pids = startedPids(files)
    const postPrinted = await asStep({ ...files.env, ...postStepEnv(files) }, () => runPost())
    // Main stopped everything itself: the post step finds nothing to stop.
    expect(postPrinted).not.toContain('stopped process group')
    await expectNothingLeftRunning(pids)
  })

  it('fails with one line, one annotation per failed check, and still sets every output', async () => {
    restoreGatewayEnv = withGatewayEnv({ BIFROST_LIKE_ADDED_LATENCY_MS: '20' })
    const files = runnerEnvironment({
      ...SMALL_ACTION_INPUTS,
      'stress-runs': '1',
      'max-overhead-p50-us': '10000',
      cache: 'false',
      'upload-artifact': 'false'
    })
    const printed = await asStep(files.env, () => run())
    expect(process.exitCode).toBe(1)
    expect(printed).toMatch(
      /::error title=Load test check failed \(P50 overhead\)::P50 overhead is 2\d{4}\.\d µs, above the limit of 10000\.0 µs/
    )
    expect(printed).toMatch(
      /::error::Gateway load test failed: [^\n]*P50 overhead is 2\d{4}\.\d µs/
    )
    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
    expect(outputs.passed).toBe('false')
    expect(Number(outputs['overhead-p50-us'])).toBeGreaterThanOrEqual(20_000)
    expect(outputs['stress-success-rate']).toBe('100.00')
    expect(readFileSync(files.summary, 'utf8')).toContain('## Gateway load test: ❌ FAILED')
    await asStep({ ...files.env, ...postStepEnv(files) }, () => runPost())
    await expectNothingLeftRunning(startedPids(files))
  })

  it('refuses a bad input with a message naming it, before starting anything', async () => {
    const files = runnerEnvironment({ ...SMALL_ACTION_INPUTS, rate: 'fast', cache: 'maybe' })
    const printed = await asStep(files.env, () => run())
    expect(process.exitCode).toBe(1)
    expect(printed).toContain('::error::cache: got "maybe"; expected true or false.')
    expect(readFileSync(files.state, 'utf8')).toBe('')
    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
    expect(outputs.passed).toBe('false')
    expect(Object.keys(outputs).sort()).toEqual([...ACTION_OUTPUT_NAMES].sort())
  })

  it('post stops the process groups a dead main left running, and is safe to run twice', async () => {
    const files = runnerEnvironment({})
    // Stands in for a gateway that main started before it died: a process group of two.
    const leftover = startProcess({
      name: 'left by main',
      argv: [
        process.execPath,
        '-e',
        "require('child_process').spawn('sleep', ['60'], { stdio: 'ignore' }); setInterval(() => {}, 1000)"
      ],
      logFile: path.join(files.dir, 'leftover.log')
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const state = { STATE_processes: JSON.stringify([leftover.pidIdentity]) }
    const first = await asStep({ ...files.env, ...state }, () => runPost())
    expect(first).toContain(
      `stopped process group ${leftover.pid}, which the main step left running`
    )
    await expectNothingLeftRunning([leftover.pid])
    const second = await asStep({ ...files.env, ...state }, () => runPost())
    expect(second).not.toContain('stopped process group')
    expect(process.exitCode ?? 0).toBe(0)
    await leftover.stop()
  })
})

describe('the post step after a main step that was killed', () => {
  /** Run after each test whatever happened: a failed test must not leave a killed main's services. */
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    expect(runningProcesses()).toEqual([])
  })

  it('stops, by the main step’s run token, a daemon that left every saved process group', async () => {
    const files = runnerEnvironment({})
    const pidFile = path.join(files.dir, 'daemon.pids')
    // What a gateway command that daemonized leaves: its launcher is gone, its server is in a
    // session of its own, so no saved process group holds it.
    const launcher = startProcess({
      name: 'launcher',
      argv: [
        path.join(REPO_ROOT, '__tests__/fixtures/daemonize.sh'),
        'exit',
        pidFile,
        path.join(files.dir, 'daemon.log'),
        'listening on',
        process.execPath,
        path.join(REPO_ROOT, '__tests__/fixtures/tcp-listener.mjs'),
        '0',
        path.join(files.dir, 'daemon-signals.log')
      ],
      logFile: path.join(files.dir, 'launcher.log')
    })
    await launcher.exited
    await launcher.stop()
    const daemon = Number(readFileSync(pidFile, 'utf8').trim())
    const state = {
      STATE_processes: JSON.stringify([launcher.pidIdentity]),
      'STATE_run-token': JSON.stringify({ token: runToken(), notBeforeTicks: ownStartTimeTicks() })
    }
    try {
      const printed = await asStep({ ...files.env, ...state }, () => runPost())
      expect(printed).toMatch(
        new RegExp(
          `^stopped pid ${daemon} \\(.*tcp-listener\\.mjs 0 .*\\), which the main step started and left running outside its process groups$`,
          'm'
        )
      )
      await expectNothingLeftRunning([daemon])
    } finally {
      try {
        process.kill(daemon, 'SIGKILL')
      } catch {
        // Stopped by the post step, as it should be.
      }
    }
  })

  it('removes the targets files, the work directory and the base-ref worktree a SIGKILLed main left', async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-killed-main-'))
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }))
    // The main step's os.tmpdir(), to see what it creates there.
    const tmp = path.join(scratch, 'tmp')
    mkdirSync(tmp)
    const repository = replicaCheckout(scratch, 'repository')
    const worktreesBefore = git(repository, 'worktree', 'list')
    const inputs = runnerEnvironment({
      ...SMALL_ACTION_INPUTS,
      'bifrost-path': repository,
      'base-ref': git(repository, 'rev-parse', 'HEAD').trim(),
      'tools-dir': defaultToolsDir(),
      'warmup-duration': '10s',
      cache: 'false',
      'upload-artifact': 'false'
    })
    const main = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...inputs.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    main.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    main.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise((resolve) => main.on('exit', resolve))
    cleanups.push(async () => {
      main.kill('SIGKILL')
      await exited
      // Idempotent: stops what the killed main left even when the test failed before it ran.
      await asStep({ ...inputs.env, ...postStepEnv(inputs) }, () => runPost())
    })
    // Mid-run: the warm-up's attack is running, its targets file written.
    const ours = (prefix: string) => readdirSync(tmp).filter((name) => name.startsWith(prefix))
    let targetsFile: string | undefined
    const deadline = Date.now() + 110_000
    while (targetsFile === undefined) {
      const workDir = ours('bifrost-load-test-')[0]
      const targets =
        workDir &&
        readdirSync(path.join(tmp, workDir)).find((name) => name.endsWith('-targets.json'))
      if (workDir && targets) targetsFile = path.join(tmp, workDir, targets)
      else if (Date.now() > deadline || main.exitCode !== null) {
        throw new Error(`the main step never reached an attack:\n${output}`)
      } else await sleep(50)
    }
    expect(ours('base-')).toHaveLength(1)
    expect(git(repository, 'worktree', 'list')).not.toBe(worktreesBefore)
    main.kill('SIGKILL')
    await exited

    const printed = await asStep({ ...inputs.env, ...postStepEnv(inputs) }, () => runPost())
    expect(printed).toContain(
      `removed the work directory ${path.dirname(targetsFile)}, which the main step left`
    )
    expect(printed).toMatch(
      /^removed the git worktree \S+\/base-\w+ of \S+, which the main step left$/m
    )
    expect(existsSync(targetsFile)).toBe(false)
    expect(ours('bifrost-load-test-')).toEqual([])
    expect(ours('base-')).toEqual([])
    expect(git(repository, 'worktree', 'list')).toBe(worktreesBefore)
    const admin = path.join(repository, '.git', 'worktrees')
    expect(existsSync(admin) ? readdirSync(admin) : []).toEqual([])
    await expectNothingLeftRunning(startedPids(inputs))
  })
})

describe('the bundled action under Node 24', () => {
  it('runs dist/index.js then dist/post/index.js as a runner would, and passes', async () => {
    const version = await spawnCollect(await node24(), ['--version'], {})
    expect(version.output.trim()).toMatch(/^v24\./)

    const files = runnerEnvironment({
      ...SMALL_ACTION_INPUTS,
      cache: 'true',
      'upload-artifact': 'true',
      // A closed loopback port: any download attempt fails fast instead of leaving the machine.
      'vegeta-download-url': 'http://127.0.0.1:9'
    })
    const main = await runNode24('dist/index.js', files.env)
    expect(main.code, main.output).toBe(0)
    expect(main.output).toContain('✔ Stress #2')
    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
    expect(outputs.passed).toBe('true')
    expect(Number(outputs['overhead-mean-us'])).not.toBeNaN()
    expect(readFileSync(files.summary, 'utf8')).toContain('## Gateway load test: ✅ PASSED')
    // Built into the runner's tool cache, where the cache entries restore from.
    expect(readdirSync(path.join(files.toolCache, 'bifrost-load-test', 'builds')).sort()).toEqual([
      expect.stringMatching(/^gateway-[0-9a-f]{16}$/),
      expect.stringMatching(/^mocker-[0-9a-f]{16}$/)
    ])

    const post = await runNode24('dist/post/index.js', { ...files.env, ...postStepEnv(files) })
    expect(post.code, post.output).toBe(0)
    expect(post.output).toContain('cache service unavailable')
    await expectNothingLeftRunning(startedPids(files))
  })
})
