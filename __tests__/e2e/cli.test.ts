import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, SMALL_PROFILE, expectNothingLeftRunning, foreignListener } from './helpers.js'

const SMALL_PROFILE_FLAGS = Object.entries(SMALL_PROFILE).flatMap(([name, value]) => [
  `--${name}`,
  value as string
])

interface CliRun {
  exitCode: number | null
  /** Standard output and standard error, interleaved as they came. */
  output: string
  stdout: string
  stderr: string
  resultsDir: string
  /** performance.now() when the CLI's output closed. */
  exitedAtMs: number
}

/** Runs the bundled CLI (dist/cli/index.js, the package's bin) as a user would. */
function runCli(
  extraFlags: string[],
  onOutput?: (output: string, child: ReturnType<typeof spawn>) => void,
  env: NodeJS.ProcessEnv = process.env
): Promise<CliRun> {
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'blt-cli-'))
  const child = spawn(
    process.execPath,
    ['dist/cli/index.js', ...SMALL_PROFILE_FLAGS, '--results-dir', resultsDir, ...extraFlags],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    output += chunk.toString()
    onOutput?.(output, child)
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    output += chunk.toString()
    onOutput?.(output, child)
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode) =>
      resolve({ exitCode, output, stdout, stderr, resultsDir, exitedAtMs: performance.now() })
    )
  })
}

/** The PIDs of every process the run started, as its results file records them. */
function startedPids(resultsDir: string): number[] {
  const json = JSON.parse(readFileSync(path.join(resultsDir, 'load-test-results.json'), 'utf8'))
  return (json.processes as { pid: number }[]).map((process) => process.pid)
}

describe('the bifrost-load-test CLI (bundled)', () => {
  it('runs the whole test, prints progress and the summary, and exits 0', async () => {
    const run = await runCli(['--stress-runs', '1'])
    expect(run.exitCode, run.output).toBe(0)
    expect(run.output).toContain('▶ Warm-up: 100 RPS to each of 2 targets, alternating, for 1s')
    expect(run.output).toContain(
      '▶ Calibration and overhead, interleaved: 100 RPS to each of 2 targets, alternating, for 2s'
    )
    expect(run.output).toMatch(
      /^✔ Stress #1: [\d.]+ RPS; gateway: (19[89]|200) requests, 100\.00% valid/m
    )
    expect(run.output).toMatch(
      /^p99 +[\d.]+ ms +[\d.]+ ms +-?[\d.]+ µs +-?[\d.]+ µs … -?[\d.]+ µs +100000\.0 µs +ok$/m
    )
    expect(run.output).toContain('Gateway load test: ✅ PASSED')
    expect(run.output).toContain(`Results: ${path.join(run.resultsDir, 'load-test-results.json')}`)
    // Progress and summary on standard output; nothing went wrong, so nothing on standard error.
    expect(run.stdout).toContain('Gateway load test: ✅ PASSED')
    expect(run.stderr).toBe('')
    await expectNothingLeftRunning(startedPids(run.resultsDir))
  })

  it('with --json --quiet, prints the results JSON on stdout and the verdict line on stderr', async () => {
    const run = await runCli(['--stress-runs', '1', '--json', '--quiet'])
    expect(run.exitCode, run.output).toBe(0)
    const file = readFileSync(path.join(run.resultsDir, 'load-test-results.json'), 'utf8')
    expect(run.stdout).toBe(`${file.trimEnd()}\n`)
    expect(JSON.parse(run.stdout).verdict.passed).toBe(true)
    expect(run.stderr).toMatch(
      /^Gateway load test: ✅ PASSED — All \d+ checks passed at 100 RPS[^\n]*\n$/
    )
    await expectNothingLeftRunning(startedPids(run.resultsDir))
  })

  it('prints its version and refuses an unknown flag with a hint, on the right streams', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'))
    const shown = await runCli(['--version'])
    expect(shown).toMatchObject({
      exitCode: 0,
      stdout: `bifrost-load-test ${version}\n`,
      stderr: ''
    })
    const refused = await runCli(['--stres-runs', '1'])
    expect(refused).toMatchObject({
      exitCode: 2,
      stdout: '',
      stderr:
        'error: unknown option "--stres-runs". Did you mean --stress-runs? Known options are listed by --help.\n'
    })
  })

  it('stops cleanly on Ctrl-C, writes what completed, and exits 130 even with --fail-on never', async () => {
    let interrupted = false
    const run = await runCli(['--fail-on', 'never'], (output, child) => {
      if (!interrupted && output.includes('▶ Calibration and overhead')) {
        interrupted = true
        setTimeout(() => child.kill('SIGINT'), 500)
      }
    })
    expect(run.exitCode, run.output).toBe(130)
    expect(run.stderr).toContain('SIGINT: stopping the run and writing what completed')
    expect(run.stdout).toContain('Interrupted by SIGINT: the exit status is 130.')
    expect(run.stdout).not.toContain('reported only')
    const json = JSON.parse(
      readFileSync(path.join(run.resultsDir, 'load-test-results.json'), 'utf8')
    )
    expect(json.status).toBe('error')
    expect(json.error.message).toBe('the run was interrupted (SIGINT)')
    expect(json.phases.map((phase: { id: string }) => phase.id)).toEqual([
      'warmup-direct',
      'warmup-gateway',
      'calibration',
      'overhead'
    ])
    expect(json.attacks[1]).toMatchObject({ id: 'overhead', cut_short: true })
    await expectNothingLeftRunning(startedPids(run.resultsDir))
  })

  it('refuses a results-dir under /proc at once, exit 2, starting nothing', async () => {
    // Node's recursive mkdir used to spin there forever at 100% CPU, deaf to SIGTERM.
    const toolsDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'blt-cli-tools-')), 'tools')
    const startedMs = performance.now()
    const run = await runCli(['--results-dir', '/proc/x', '--tools-dir', toolsDir])
    const elapsedMs = performance.now() - startedMs
    expect(run.exitCode, run.output).toBe(2)
    // About 0.2 s here, most of it Node starting; the margin is for a busy machine.
    expect(elapsedMs).toBeLessThan(2000)
    expect(run.output).toBe(
      'error: Invalid options (nothing was started):\n  - results-dir: got "/proc/x", which is inside /proc, a kernel interface rather than storage; expected a directory of its own that can be created and written.\n'
    )
    expect(existsSync(toolsDir)).toBe(false)
  })

  it('ends at once on a second SIGTERM, killing a gateway that ignores SIGTERM and removing its work directory', async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-cli-stubborn-'))
    // The CLI's os.tmpdir(), where its work directory is made.
    const tmp = path.join(scratch, 'tmp')
    mkdirSync(tmp)
    const workDirs = () => readdirSync(tmp).filter((name) => name.startsWith('bifrost-load-test-'))
    const pidFile = path.join(scratch, 'gateway.pid')
    const stubborn = path.join(REPO_ROOT, '__tests__/fixtures/stubborn-process.mjs')
    let cli: ReturnType<typeof spawn> | undefined
    const running = runCli(
      [
        '--bifrost-path',
        '',
        '--gateway-command',
        `"${process.execPath}" ${stubborn} ${pidFile} {port}`,
        '--fail-on',
        'never'
      ],
      (_output, child) => (cli = child),
      { ...process.env, TMPDIR: tmp }
    )
    // The gateway runs (ignoring SIGTERM) once its pid file appears; it never gets ready.
    const deadline = Date.now() + 90_000
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') {
      if (Date.now() > deadline) throw new Error('the gateway never started')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const gatewayPid = Number(readFileSync(pidFile, 'utf8'))
    expect(workDirs()).toHaveLength(1)
    cli?.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    const secondSignalAtMs = performance.now()
    cli?.kill('SIGTERM')
    const run = await running
    expect(run.exitCode, run.output).toBe(143)
    // Before, the second signal first waited out a 5 s SIGTERM grace on the gateway.
    expect(run.exitedAtMs - secondSignalAtMs).toBeLessThan(1500)
    expect(run.output).toContain('SIGTERM again: stopping everything now.')
    await expectNothingLeftRunning([gatewayPid])
    expect(workDirs()).toEqual([])
  })

  it('with --fail-on never, exits 2 for an input refused once the run began and for a setup failure', async () => {
    // A gateway-port that is busy is only found when the run picks its ports.
    const busy = await foreignListener()
    try {
      const refused = await runCli(['--gateway-port', String(busy.port), '--fail-on', 'never'])
      expect(refused.exitCode, refused.output).toBe(2)
      expect(refused.output).toContain(`gateway-port ${busy.port} is already in use on 127.0.0.1`)
      expect(refused.output).not.toContain('reported only')
    } finally {
      await busy.close()
    }
    // A gateway command that fails at once: nothing could be measured.
    const setup = await runCli([
      '--bifrost-path',
      '',
      '--gateway-command',
      'false {port}',
      '--fail-on',
      'never'
    ])
    expect(setup.exitCode, setup.output).toBe(2)
    expect(setup.output).toContain('gateway exited with status 1 before it was ready')
    expect(setup.output).not.toContain('reported only')
  })

  it('with --fail-on never, exits 0 for a failed check, saying it is reported only', async () => {
    const run = await runCli([
      '--stress-runs',
      '1',
      '--max-overhead-p50-us',
      '1',
      '--fail-on',
      'never'
    ])
    expect(run.exitCode, run.output).toBe(0)
    expect(run.output).toContain('Gateway load test: ❌ FAILED')
    expect(run.output).toMatch(/✗ P50 overhead is [\d.]+ µs, above the limit of 1\.0 µs/)
    expect(run.output).toContain('fail-on never: reported only, the exit status is 0.')
    await expectNothingLeftRunning(startedPids(run.resultsDir))
  })
})
