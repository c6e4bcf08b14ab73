import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

// The unit tests must never start a real run: any call reaching the engine fails loudly.
vi.mock('../../src/engine/run.js', () => ({
  runLoadTest: vi.fn(async () => {
    throw new Error('runLoadTest must not be called from the unit tests')
  })
}))

import { runLoadTest } from '../../src/engine/run.js'
import {
  CLI_FLAG_NAMES,
  EXIT_BAD_INPUT_OR_SETUP,
  EXIT_FAILED,
  EXIT_PASSED,
  exitStatus,
  helpText,
  main,
  parseArgs
} from '../../src/cli.js'
import { OPTIONS, OPTION_NAMES } from '../../src/config/options.js'
import { LoadTestError } from '../../src/errors.js'
import { buildResultsJson } from '../../src/report/results-json.js'
import { verdictSentence } from '../../src/report/job-summary.js'
import type { RunRecord } from '../../src/record.js'
import { REPO_ROOT, erroredRecord, failingRecord, passingRecord } from './fixtures.js'

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-cli-'))
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

beforeEach(() => {
  vi.mocked(runLoadTest).mockClear()
})

function parseError(args: string[]): LoadTestError {
  try {
    parseArgs(args)
  } catch (error) {
    expect(error).toBeInstanceOf(LoadTestError)
    expect((error as LoadTestError).kind).toBe('input')
    return error as LoadTestError
  }
  throw new Error(`expected ${JSON.stringify(args)} to be refused`)
}

async function run(
  args: string[],
  platform: NodeJS.Platform = 'linux',
  abortSignal?: AbortSignal
): Promise<{ status: number; output: string[]; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = []
  const stderr: string[] = []
  const status = await main(
    args,
    { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) },
    abortSignal,
    platform
  )
  return { status, output: [...stdout, ...stderr], stdout, stderr }
}

const NO_FLAGS = { help: false, version: false, json: false, quiet: false, verbose: false }

describe('parseArgs', () => {
  it('reads --name value and --name=value for options, --config and --help', () => {
    expect(
      parseArgs(['--rate', '200', '--stress-runs=3', '--config', 'load.json', '--help'])
    ).toEqual({
      ...NO_FLAGS,
      help: true,
      configFile: 'load.json',
      options: { rate: '200', 'stress-runs': '3' }
    })
  })

  it('takes -h for help and no arguments as nothing', () => {
    expect(parseArgs(['-h'])).toEqual({ ...NO_FLAGS, help: true, options: {} })
    expect(parseArgs([])).toEqual({ ...NO_FLAGS, options: {} })
  })

  it('reads --version, --json, --quiet (-q) and --verbose (-v)', () => {
    expect(parseArgs(['--version', '--json', '-q', '-v'])).toEqual({
      help: false,
      version: true,
      json: true,
      quiet: true,
      verbose: true,
      options: {}
    })
  })

  it('splits --name=value at the first = only, and allows an empty value', () => {
    expect(parseArgs(['--gateway-headers=X-Query: a=b', '--gateway-health-path=']).options).toEqual(
      { 'gateway-headers': 'X-Query: a=b', 'gateway-health-path': '' }
    )
  })

  it('takes a value starting with a dash after =, and refuses it as the next word', () => {
    expect(parseArgs(['--gateway-command=--not-a-flag']).options).toEqual({
      'gateway-command': '--not-a-flag'
    })
    expect(parseError(['--max-overhead-p99-us', '-5']).message).toBe(
      '--max-overhead-p99-us: the next word, "-5", starts with a dash; write --max-overhead-p99-us=-5 if it is the value, or give --max-overhead-p99-us a value. See --help.'
    )
  })

  it('lets a later flag win over an earlier one', () => {
    expect(parseArgs(['--rate', '1', '--rate=2']).options).toEqual({ rate: '2' })
  })

  it('accepts every option of the table', () => {
    const args = OPTIONS.flatMap((option) => [`--${option.name}`, `value-of-${option.name}`])
    const options = parseArgs(args).options
    expect(Object.keys(options)).toEqual(OPTIONS.map((option) => option.name))
    expect(options['max-workers']).toBe('value-of-max-workers')
  })

  it('has no option named like a flag of the CLI', () => {
    expect(OPTION_NAMES.filter((name) => CLI_FLAG_NAMES.includes(name))).toEqual([])
  })

  it('refuses an unknown option, suggesting the nearest', () => {
    expect(parseError(['--rte', '5']).message).toBe(
      'unknown option "--rte". Did you mean --rate? Known options are listed by --help.'
    )
    expect(parseError(['--stress-run=2']).message).toContain('Did you mean --stress-runs?')
    expect(parseError(['--verbos']).message).toContain('unknown option "--verbos".')
    expect(parseError(['-r', '5']).message).toBe(
      'unknown option "-r". Known options are listed by --help.'
    )
  })

  it('refuses a flag without a value, and a value for a switch', () => {
    expect(parseError(['--rate']).message).toBe('--rate needs a value. See --help.')
    expect(parseError(['--rate', '5', '--config']).message).toBe(
      '--config needs a value. See --help.'
    )
    expect(parseError(['--json=yes']).message).toBe('--json takes no value. See --help.')
  })

  it('refuses a positional argument', () => {
    expect(parseError(['--rate', '5', '200']).message).toBe(
      'unexpected argument "200"; options start with --. See --help.'
    )
    expect(parseError(['--', 'x']).message).toContain('unexpected argument "x"')
  })
})

describe('helpText', () => {
  const text = helpText()
  const lines = text.split('\n')

  it('lists every option with its value hint and description', () => {
    for (const option of OPTIONS) {
      const line = lines.find((l) => l.startsWith(`  --${option.name} ${option.valueHint}`))
      expect(line, option.name).toBeDefined()
      expect(line).toContain(option.description)
    }
    // The table's options, and --config, --json and --version.
    expect(lines.filter((line) => line.startsWith('  --'))).toHaveLength(OPTIONS.length + 3)
  })

  it('shows defaults, but not empty ones', () => {
    const line = (name: string) => lines.find((l) => l.startsWith(`  --${name} `)) ?? ''
    expect(line('rate').endsWith('(default: 1000)')).toBe(true)
    expect(line('overhead-duration').endsWith('(default: 30s)')).toBe(true)
    expect(line('max-workers').endsWith('(default: 12000)')).toBe(true)
    expect(line('vegeta-version').endsWith('(default: 12.13.0)')).toBe(true)
    expect(line('gateway-headers')).not.toContain('(default')
    expect(line('gateway-command')).not.toContain('(default')
  })

  it('explains usage, --config and the exit statuses', () => {
    expect(lines[0]).toBe('Usage: bifrost-load-test [--config FILE] [--OPTION VALUE ...]')
    expect(text).toContain('--config FILE')
    expect(text).toContain(
      [
        'Exit status: 0 passed; 1 a check failed, or a service died mid-run; 2 bad input or setup',
        'failure; 130 (SIGINT) or 143 (SIGTERM) interrupted, after writing what completed.',
        '--fail-on never turns only failed checks into 0. Linux only.'
      ].join('\n')
    )
    for (const flag of ['--json', '-q, --quiet', '-v, --verbose', '--version', '-h, --help']) {
      expect(lines.some((line) => line.startsWith(`  ${flag} `))).toBe(true)
    }
  })
})

describe('exitStatus', () => {
  it('is 0 for a passed run and 1 for a failed check', () => {
    expect(EXIT_PASSED).toBe(0)
    expect(EXIT_FAILED).toBe(1)
    expect(EXIT_BAD_INPUT_OR_SETUP).toBe(2)
    expect(exitStatus(passingRecord())).toBe(0)
    expect(exitStatus(failingRecord())).toBe(1)
  })

  it('is 1 for a run that stopped while measuring, 2 for setup or input', () => {
    expect(exitStatus(erroredRecord())).toBe(1)
    const setup = erroredRecord()
    setup.failure = { kind: 'setup', message: 'go is not installed' }
    expect(exitStatus(setup)).toBe(2)
    const input = erroredRecord()
    input.failure = { kind: 'input', message: 'bad' }
    expect(exitStatus(input)).toBe(2)
  })

  it('with fail-on never, is 0 for failed checks only', () => {
    const never = (record: RunRecord): RunRecord => ({
      ...record,
      config: { ...record.config, failOn: 'never' }
    })
    expect(exitStatus(never(failingRecord()))).toBe(0)
    expect(exitStatus(never(passingRecord()))).toBe(0)
    // A service that died mid-run is no failed check.
    expect(exitStatus(never(erroredRecord()))).toBe(1)
    const setup = never(erroredRecord())
    setup.failure = { kind: 'setup', message: 'go is not installed' }
    expect(exitStatus(setup)).toBe(2)
    // An input refused once the run began, e.g. a gateway-port that is busy.
    const input = never(erroredRecord())
    input.failure = { kind: 'input', message: 'gateway-port: got 8080, which is in use' }
    expect(exitStatus(input)).toBe(2)
  })

  it('is 128 + the signal for an interrupted run, whatever it found and whatever fail-on says', () => {
    for (const record of [passingRecord(), failingRecord(), erroredRecord()]) {
      for (const failOn of ['checks', 'never'] as const) {
        const run = { ...record, config: { ...record.config, failOn } }
        expect(exitStatus(run, 'SIGINT')).toBe(130)
        expect(exitStatus(run, 'SIGTERM')).toBe(143)
      }
    }
  })
})

describe('main on input errors', () => {
  it('returns 2 for a bad value and names the option, the value and what is allowed', async () => {
    const { status, output, stdout } = await run(['--rate', 'fast'])
    expect(status).toBe(2)
    expect(stdout).toEqual([])
    expect(output).toHaveLength(1)
    expect(output[0]).toMatch(/^error: Invalid options \(nothing was started\):\n/)
    expect(output[0]).toContain('  - rate: got "fast"; expected a whole number from 1 to 100000.')
    expect(runLoadTest).not.toHaveBeenCalled()
  })

  it('reports several bad flags in one message', async () => {
    const { status, output } = await run([
      '--rate=fast',
      '--stress-runs',
      '99',
      '--gateway-port=8080',
      '--mocker-port=8080'
    ])
    expect(status).toBe(2)
    expect(output[0]).toContain('rate: got "fast"; expected a whole number from 1 to 100000.')
    expect(output[0]).toContain('stress-runs: got "99"; expected a whole number from 1 to 20.')
    expect(output[0]).toContain(
      'gateway-port and mocker-port: both are 8080; give them different ports.'
    )
    expect(runLoadTest).not.toHaveBeenCalled()
  })

  it('returns 2 for an unknown flag and suggests the right one', async () => {
    const { status, output } = await run(['--rte', '5'])
    expect(status).toBe(2)
    expect(output).toEqual([
      'error: unknown option "--rte". Did you mean --rate? Known options are listed by --help.'
    ])
    expect(runLoadTest).not.toHaveBeenCalled()
  })

  it('returns 0 for --help and lists every option, on standard output', async () => {
    const { status, output, stdout } = await run(['--help'])
    expect(status).toBe(0)
    expect(stdout).toEqual([helpText()])
    for (const option of OPTIONS) expect(output[0]).toContain(`--${option.name} `)
    expect(runLoadTest).not.toHaveBeenCalled()
  })

  it('answers --help without validating the values around it', async () => {
    const { status } = await run(['--rate', 'fast', '-h'])
    expect(status).toBe(0)
    expect(runLoadTest).not.toHaveBeenCalled()
  })

  it('reports a config file key typo with a suggestion', async () => {
    const file = path.join(scratch, 'typo.json')
    writeFileSync(file, JSON.stringify({ rte: 100 }))
    const { status, output } = await run(['--config', file])
    expect(status).toBe(2)
    expect(output).toEqual([
      `error: config file ${file}:\n  - unknown option "rte". Did you mean rate? Known options are listed by --help.`
    ])
    expect(runLoadTest).not.toHaveBeenCalled()
  })

  it('lets a flag override a bad value from the config file, and still checks the rest', async () => {
    const file = path.join(scratch, 'layers.json')
    writeFileSync(file, JSON.stringify({ rate: 'fast', 'stress-runs': 0 }))
    const { status, output } = await run(['--config', file, '--rate', '10'])
    expect(status).toBe(2)
    expect(output[0]).not.toContain('rate: got "fast"')
    expect(output[0]).toContain('stress-runs: got "0"; expected a whole number from 1 to 20.')
    expect(runLoadTest).not.toHaveBeenCalled()
  })

  it('returns 2 for a missing config file', async () => {
    const missing = path.join(scratch, 'nope.json')
    const { status, output } = await run(['--config', missing])
    expect(status).toBe(2)
    expect(output[0]).toBe(
      `error: config: got "${missing}", which does not exist; expected a readable regular file.`
    )
    expect(runLoadTest).not.toHaveBeenCalled()
  })
})

describe('main: --version, streams, --json, --quiet, --verbose, platform', () => {
  const VALID = ['--bifrost-path', 'examples/bifrost-like']

  /** The engine's stand-in returns a record whose results JSON is a real file. */
  function engineReturning(record: RunRecord): string {
    const resultsDir = mkdtempSync(path.join(scratch, 'results-'))
    record.files = {
      ...record.files,
      resultsDir,
      json: path.join(resultsDir, 'load-test-results.json')
    }
    writeFileSync(record.files.json, `${JSON.stringify(buildResultsJson(record), null, 2)}\n`)
    vi.mocked(runLoadTest).mockImplementationOnce(async () => record)
    return record.files.json
  }

  it('prints the version of package.json for --version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'))
    const { status, stdout, stderr } = await run(['--version'])
    expect(status).toBe(0)
    expect(stdout).toEqual([`bifrost-load-test ${version}`])
    expect(stderr).toEqual([])
  })

  it('writes errors to standard error only', async () => {
    const { status, stdout, stderr } = await run(['--rte', '5'])
    expect(status).toBe(2)
    expect(stdout).toEqual([])
    expect(stderr).toEqual([
      'error: unknown option "--rte". Did you mean --rate? Known options are listed by --help.'
    ])
  })

  it('puts progress and summary on standard output by default', async () => {
    engineReturning(passingRecord())
    const { status, stdout, stderr } = await run(VALID)
    expect(status).toBe(0)
    expect(stderr).toEqual([])
    expect(stdout[0]).toMatch(/^bifrost-load-test: 1000 RPS, results in /)
    expect(stdout.join('\n')).toContain('Gateway load test: ✅ PASSED')
    expect(stdout.join('\n')).not.toContain('resolved config')
  })

  it('with --json, prints the results file and nothing else on standard output', async () => {
    const jsonFile = engineReturning(failingRecord())
    const { status, stdout, stderr } = await run([...VALID, '--json'])
    expect(status).toBe(1)
    expect(stdout).toEqual([readFileSync(jsonFile, 'utf8').trimEnd()])
    expect(JSON.parse(stdout[0] as string).verdict.passed).toBe(false)
    expect(stderr.join('\n')).toContain('Gateway load test: ❌ FAILED')
  })

  it('with --quiet, prints only the final verdict line, on standard error', async () => {
    const record = failingRecord()
    engineReturning(record)
    const { status, stdout, stderr } = await run([...VALID, '--quiet'])
    expect(status).toBe(1)
    expect(stdout).toEqual([])
    expect(stderr).toEqual([`Gateway load test: ❌ FAILED — ${verdictSentence(record)}`])
    expect(stderr[0]).toMatch(/^Gateway load test: ❌ FAILED — \S/)
  })

  it('with --verbose, adds the resolved config (header values hidden) and every process', async () => {
    engineReturning(passingRecord())
    const { stdout } = await run([...VALID, '--verbose', '--gateway-headers', 'X-Key: s3cret'])
    const text = stdout.join('\n')
    expect(text).toContain('  · resolved config: {')
    expect(text).toContain('"headers":{"X-Key":"***"}')
    expect(text).not.toContain('s3cret')
    expect(text).toContain('  · gateway (pid 4242) exited with status 0; log: ')
  })

  it('with --fail-on never, exits 0 for a failed run and still prints the verdict', async () => {
    const record = failingRecord()
    engineReturning(record)
    // The engine's stand-in runs with the config the flags made, as the engine would.
    vi.mocked(runLoadTest).mockReset()
    vi.mocked(runLoadTest).mockImplementationOnce(async (config) => ({ ...record, config }))
    const { status, stdout } = await run([...VALID, '--fail-on', 'never'])
    expect(status).toBe(0)
    const text = stdout.join('\n')
    expect(text).toContain('Gateway load test: ❌ FAILED')
    expect(text).toContain('✗ P99 overhead is 120000.0 µs, above the limit of 100000.0 µs')
    expect(text).toContain('fail-on never: reported only, the exit status is 0.')

    vi.mocked(runLoadTest).mockImplementationOnce(async (config) => ({ ...record, config }))
    const quiet = await run([...VALID, '--fail-on', 'never', '--quiet'])
    expect(quiet.status).toBe(0)
    expect(quiet.stderr).toEqual([
      `Gateway load test: ❌ FAILED — ${verdictSentence(record)} (fail-on never: exit status 0)`
    ])
  })

  it('exits 130 or 143 for a run the first signal interrupted, even with --fail-on never', async () => {
    for (const [signal, expected] of [
      ['SIGINT', 130],
      ['SIGTERM', 143]
    ] as const) {
      const record = erroredRecord()
      record.failure = { kind: 'run', message: `the run was interrupted (${signal})` }
      engineReturning(record)
      const interrupt = new AbortController()
      interrupt.abort(signal)
      const { status, stdout } = await run(
        [...VALID, '--fail-on', 'never'],
        'linux',
        interrupt.signal
      )
      expect(status).toBe(expected)
      expect(stdout.join('\n')).toContain(
        `Interrupted by ${signal}: the exit status is ${expected}.`
      )
      expect(stdout.join('\n')).not.toContain('reported only')
    }
  })

  it('refuses --quiet with --verbose', async () => {
    const { status, stderr } = await run([...VALID, '-q', '-v'])
    expect(status).toBe(2)
    expect(stderr).toEqual(['error: --quiet and --verbose: give one or the other.'])
  })

  it('refuses to run anywhere but Linux, after --help and --version', async () => {
    expect((await run(['--version'], 'darwin')).status).toBe(0)
    const { status, stderr } = await run(VALID, 'darwin')
    expect(status).toBe(2)
    expect(stderr).toEqual([
      "error: bifrost-load-test runs on Linux only (it reads /proc to sample the gateway's processes); this is darwin. On GitHub, use a Linux runner such as runs-on: ubuntu-latest."
    ])
    expect(runLoadTest).not.toHaveBeenCalled()
  })
})
