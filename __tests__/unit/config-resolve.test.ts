import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { OPTIONS, type RawOptions } from '../../src/config/options.js'
import type { ResolveContext } from '../../src/config/resolve.js'
import { resolveConfig } from '../../src/configure.js'
import { expectedInFlight } from '../../src/load/sizing.js'
import { LoadTestError } from '../../src/errors.js'
import { REPO_ROOT } from './fixtures.js'

const BIFROST_LIKE = path.join(REPO_ROOT, 'examples', 'bifrost-like')
const OWN_MOCKER = path.join(REPO_ROOT, 'mocker')
/** Never created: resolveConfig only checks that it could be. */
const TOOLS_DIR = path.join(os.tmpdir(), 'blt-resolve-tools-never-created')

let scratch: string
/** A directory holding nothing relevant: bifrost-path "." there has no main package. */
let emptyDir: string
let binaryFile: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-resolve-'))
  emptyDir = path.join(scratch, 'empty')
  mkdirSync(emptyDir)
  binaryFile = path.join(scratch, 'gateway-bin')
  writeFileSync(binaryFile, '#!/bin/sh\n', { mode: 0o755 })
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

function context(cwd: string = REPO_ROOT): ResolveContext {
  return { cwd, packageRoot: REPO_ROOT, defaultToolsDir: TOOLS_DIR }
}

/** A valid gateway source relative to the repository root. */
const VALID: RawOptions = { 'bifrost-path': 'examples/bifrost-like' }

/** The input error resolveConfig throws; fails the test if it returns instead. */
function inputError(layers: RawOptions[], ctx: ResolveContext = context()): LoadTestError {
  try {
    resolveConfig(layers, ctx)
  } catch (error) {
    expect(error).toBeInstanceOf(LoadTestError)
    expect((error as LoadTestError).kind).toBe('input')
    return error as LoadTestError
  }
  throw new Error(`expected resolveConfig to refuse ${JSON.stringify(layers)}`)
}

/** The "  - …" lines of an input error, one per problem. */
function problems(error: LoadTestError): string[] {
  const [headline, ...lines] = error.message.split('\n')
  expect(headline).toBe('Invalid options (nothing was started):')
  for (const line of lines) expect(line).toMatch(/^ {2}- /)
  return lines.map((line) => line.slice(4))
}

describe('resolveConfig defaults', () => {
  it("gives the seed's numbers with no layers and a valid bifrost checkout as cwd", () => {
    const config = resolveConfig([], context(BIFROST_LIKE))
    expect(config).toEqual({
      rate: 1000,
      modes: ['non-streaming'],
      measurement: 'interleaved',
      warmupDurationS: 3,
      minAchievedRatePct: 99,
      maxCalibrationExcessUs: 10000,
      maxBodyBytes: 65536,
      overheadDurationS: 30,
      stressDurationS: 30,
      overheadMockerLatencyMs: 1000,
      stressMockerLatencyMs: 1000,
      stressRuns: 2,
      stressIdleS: 30,
      maxWorkers: 12000,
      maxOverheadUs: { mean: 5000, p50: 5000, p90: 10000, p95: 20000, p99: 100000 },
      maxRegressionUs: { mean: 100, p50: 100, p90: 250, p95: 500, p99: 1000 },
      failOn: 'checks',
      minStressSuccessRatePct: 100,
      readyTimeoutS: 60,
      vegeta: { version: '12.13.0', path: undefined },
      gateway: {
        source: { kind: 'bifrost-checkout', path: BIFROST_LIKE, modules: 'local' },
        port: 0,
        healthPath: '/health',
        readyLogPattern: undefined,
        requestPath: '/v1/chat/completions',
        model: 'openai/gpt-4o-mini',
        headers: {}
      },
      mocker: { source: { kind: 'directory', path: OWN_MOCKER }, port: 0, model: 'gpt-4o-mini' },
      resultsDir: path.join(BIFROST_LIKE, 'load-test-results'),
      toolsDir: TOOLS_DIR
    })
    expect(config.vegeta.path).toBeUndefined()
    expect(config.gateway.readyLogPattern).toBeUndefined()
  })

  it('accepts every default when it is given explicitly', () => {
    const explicit: RawOptions = Object.fromEntries(
      OPTIONS.flatMap((option) =>
        'defaultValue' in option ? [[option.name, option.defaultValue]] : []
      )
    )
    expect(Object.keys(explicit)).toHaveLength(
      OPTIONS.filter((option) => 'defaultValue' in option).length
    )
    expect(resolveConfig([explicit], context(BIFROST_LIKE))).toEqual(
      resolveConfig([], context(BIFROST_LIKE))
    )
  })

  it('lets later layers win over earlier ones and over the defaults', () => {
    const config = resolveConfig(
      [VALID, { rate: '10', 'stress-runs': '3' }, { rate: '20' }],
      context()
    )
    expect(config.rate).toBe(20)
    expect(config.stressRuns).toBe(3)
    expect(config.overheadDurationS).toBe(30)
  })

  it('parses durations with units and resolves directories against cwd', () => {
    const config = resolveConfig(
      [
        VALID,
        {
          'overhead-duration': '2m',
          'stress-duration': '1.5s',
          'stress-idle': '0',
          'ready-timeout': '90s',
          'results-dir': 'out/results',
          'tools-dir': TOOLS_DIR
        }
      ],
      context()
    )
    expect(config.overheadDurationS).toBe(120)
    expect(config.stressDurationS).toBe(1.5)
    expect(config.stressIdleS).toBe(0)
    expect(config.readyTimeoutS).toBe(90)
    expect(config.resultsDir).toBe(path.join(REPO_ROOT, 'out', 'results'))
    expect(config.toolsDir).toBe(TOOLS_DIR)
  })

  it('does not accept a ready-timeout under 1s', () => {
    expect(() => resolveConfig([VALID, { 'ready-timeout': '500ms' }], context())).toThrow(
      'ready-timeout: got "500ms"; expected a duration from 1s to 3600s'
    )
  })
})

describe('resolveConfig single bad values', () => {
  it.each<[string, string, string]>([
    ['rate', 'fast', 'a whole number from 1 to 100000'],
    ['rate', '0', 'a whole number from 1 to 100000'],
    ['rate', '100001', 'a whole number from 1 to 100000'],
    ['rate', '2.5', 'a whole number from 1 to 100000'],
    ['overhead-duration', '0s', 'a duration from 1s to 86400s'],
    ['overhead-duration', '25h', 'a duration from 1s to 86400s'],
    ['stress-duration', '10x', 'a duration from 1s to 86400s'],
    ['overhead-mocker-latency-ms', '-1', 'a whole number from 0 to 600000'],
    ['stress-mocker-latency-ms', '600001', 'a whole number from 0 to 600000'],
    ['stress-runs', '0', 'a whole number from 1 to 20'],
    ['stress-runs', '21', 'a whole number from 1 to 20'],
    ['stress-idle', '1d', 'a duration from 0s to 86400s'],
    ['max-workers', '0', 'a whole number from 1 to 1000000'],
    ['max-workers', 'lots', 'a whole number from 1 to 1000000'],
    ['max-overhead-mean-us', '-5', 'a number from 0 to 60000000'],
    ['max-overhead-p50-us', '5ms', 'a number from 0 to 60000000'],
    ['max-overhead-p90-us', '60000001', 'a number from 0 to 60000000'],
    ['max-overhead-p95-us', 'abc', 'a number from 0 to 60000000'],
    ['max-overhead-p99-us', '', 'a number from 0 to 60000000'],
    ['min-stress-success-rate', '100.5', 'a number from 0 to 100'],
    ['min-stress-success-rate', '99%', 'a number from 0 to 100'],
    ['ready-timeout', '2h', 'a duration from 1s to 3600s'],
    ['vegeta-version', 'latest', 'a version X.Y.Z, such as 12.13.0'],
    ['gateway-port', '70000', 'a whole number from 0 to 65535'],
    ['mocker-port', '-1', 'a whole number from 0 to 65535'],
    ['gateway-health-path', 'health', 'a path starting with /, or empty'],
    ['gateway-ready-log', '(unclosed', 'a valid regular expression (Invalid regular expression'],
    ['gateway-request-path', 'v1/chat/completions', 'a path starting with /'],
    ['gateway-request-path', '', 'a path starting with /'],
    ['gateway-headers', 'Authorization Bearer x', '"Name: value" lines, or a JSON object'],
    ['gateway-headers', '{"X-Id": 7}', '"Name: value" lines, or a JSON object']
  ])(
    '%s = %j is refused, naming the option, the value and what is allowed',
    (name, value, allowed) => {
      const error = inputError([VALID, { [name]: value }])
      const lines = problems(error)
      // Exactly one problem: an invalid value must not also trip a cross-check with a stand-in.
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(`${name}: got ${JSON.stringify(value)}; expected ${allowed}`)
    }
  )

  it('quotes the whole allowed text, with a full stop', () => {
    const error = inputError([VALID, { rate: 'fast' }])
    expect(problems(error)).toEqual(['rate: got "fast"; expected a whole number from 1 to 100000.'])
  })

  it('refuses a gateway-command that does not split, once', () => {
    const error = inputError(
      [{ 'gateway-command': "node 'gw.js --port {port}" }],
      context(emptyDir)
    )
    expect(problems(error)).toEqual([
      `gateway-command: got "node 'gw.js --port {port}"; expected a command line, or a JSON array of strings (a ' quote is not closed).`
    ])
  })

  it('reports several bad values together in one error', () => {
    const error = inputError([
      VALID,
      { rate: 'fast', 'stress-runs': '0', 'vegeta-version': 'x', 'gateway-request-path': 'chat' }
    ])
    expect(problems(error)).toEqual([
      'rate: got "fast"; expected a whole number from 1 to 100000.',
      'stress-runs: got "0"; expected a whole number from 1 to 20.',
      'vegeta-version: got "x"; expected a version X.Y.Z, such as 12.13.0.',
      'gateway-request-path: got "chat"; expected a path starting with /.'
    ])
  })

  it('reports bad values and filesystem problems together', () => {
    const error = inputError([{ rate: 'fast', 'mocker-path': emptyDir }], context(emptyDir))
    const lines = problems(error)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('rate: got "fast"; expected a whole number from 1 to 100000.')
    expect(lines[1]).toContain('bifrost-path: got "."')
    expect(lines[2]).toContain(`mocker-path: got ${JSON.stringify(emptyDir)}`)
  })
})

describe('resolveConfig mode, measurement and load checks', () => {
  it('takes both modes, non-streaming first, and the sequential method', () => {
    const config = resolveConfig(
      [VALID, { mode: 'both', measurement: 'sequential', 'warmup-duration': '0s' }],
      context()
    )
    expect(config.modes).toEqual(['non-streaming', 'streaming'])
    expect(config.measurement).toBe('sequential')
    expect(config.warmupDurationS).toBe(0)
  })

  it('names each bad value and what is allowed', () => {
    const error = inputError([
      VALID,
      {
        mode: 'sse',
        measurement: 'paired',
        'min-achieved-rate-pct': '101',
        'max-body-bytes': '100'
      }
    ])
    expect(problems(error)).toEqual([
      'mode: got "sse"; expected one of non-streaming, streaming, both.',
      'measurement: got "paired"; expected one of interleaved, sequential.',
      'min-achieved-rate-pct: got "101"; expected a number from 0 to 100.',
      'max-body-bytes: got "100"; expected a whole number from 1024 to 67108864.'
    ])
  })
})

describe('resolveConfig max-workers against rate × latency', () => {
  it('refuses max-workers one below the requests in flight, with the computed number', () => {
    const error = inputError([
      VALID,
      {
        rate: '500',
        'overhead-mocker-latency-ms': '2000',
        'stress-mocker-latency-ms': '2000',
        'max-workers': '999'
      }
    ])
    expect(problems(error)).toEqual([
      'max-workers: got 999; expected at least 2000, the requests in flight at rate 500 × 2 interleaved targets × 2000 ms overhead mocker latency (fewer workers would make vegeta wait, and the waiting would vanish from the latencies).'
    ])
  })

  it('accepts max-workers equal to the requests in flight', () => {
    const config = resolveConfig(
      [
        VALID,
        {
          rate: '500',
          'overhead-mocker-latency-ms': '2000',
          'stress-mocker-latency-ms': '2000',
          'max-workers': '2000'
        }
      ],
      context()
    )
    expect(config.maxWorkers).toBe(2000)
    // Measured one after the other, each attack has half as many requests in flight.
    const sequential = resolveConfig(
      [
        VALID,
        {
          rate: '500',
          'overhead-mocker-latency-ms': '2000',
          'stress-mocker-latency-ms': '2000',
          'max-workers': '1000',
          measurement: 'sequential'
        }
      ],
      context()
    )
    expect(sequential.maxWorkers).toBe(1000)
  })

  it('takes the larger of the overhead (interleaved: two targets) and stress in flight', () => {
    const error = inputError([
      VALID,
      {
        'overhead-mocker-latency-ms': '100',
        'stress-mocker-latency-ms': '3000',
        'max-workers': '2999'
      }
    ])
    expect(problems(error)[0]).toContain(
      'max-workers: got 2999; expected at least 3000, the requests in flight at rate 1000 × 3000 ms stress mocker latency'
    )
  })

  it('refuses the default 12000 workers once 2 × rate × latency exceeds it', () => {
    const error = inputError([VALID, { rate: '6001' }])
    expect(problems(error)[0]).toContain('max-workers: got 12000; expected at least 12002,')
  })

  it('expectedInFlight rounds up and never goes below one', () => {
    expect(expectedInFlight(1000, 1000)).toBe(1000)
    expect(expectedInFlight(7, 150)).toBe(2) // 1.05 → 2
    expect(expectedInFlight(3, 333)).toBe(1) // 0.999 → 1
    expect(expectedInFlight(1000, 0)).toBe(1)
    expect(expectedInFlight(200, 200)).toBe(40)
  })
})

describe('resolveConfig gateway source', () => {
  it('takes a gateway-command with {port}, without bifrost-path', () => {
    const config = resolveConfig(
      [{ 'gateway-command': 'node gw.js --listen 127.0.0.1:{port} --upstream {upstream}' }],
      context(emptyDir)
    )
    expect(config.gateway.source).toEqual({
      kind: 'command',
      argvTemplate: ['node', 'gw.js', '--listen', '127.0.0.1:{port}', '--upstream', '{upstream}']
    })
    expect(config.gateway.port).toBe(0)
  })

  it('takes a gateway-command given as a JSON array', () => {
    const config = resolveConfig(
      [{ 'gateway-command': '["my gateway", "--port={port}"]' }],
      context(emptyDir)
    )
    expect(config.gateway.source).toEqual({
      kind: 'command',
      argvTemplate: ['my gateway', '--port={port}']
    })
  })

  it('refuses a gateway-command without {port} when gateway-port is 0', () => {
    const error = inputError([{ 'gateway-command': 'my-gateway --listen 8080' }], context(emptyDir))
    expect(problems(error)).toEqual([
      'gateway-command: has no {port} placeholder; expected one (the run picks the port), or set gateway-port to the port the gateway listens on.'
    ])
  })

  it('accepts a gateway-command without {port} when gateway-port is set', () => {
    const config = resolveConfig(
      [{ 'gateway-command': 'my-gateway --listen 8080', 'gateway-port': '8080' }],
      context(emptyDir)
    )
    expect(config.gateway.source).toEqual({
      kind: 'command',
      argvTemplate: ['my-gateway', '--listen', '8080']
    })
    expect(config.gateway.port).toBe(8080)
  })

  it('takes a gateway-binary that is a file', () => {
    const config = resolveConfig([{ 'gateway-binary': 'gateway-bin' }], context(scratch))
    expect(config.gateway.source).toEqual({ kind: 'binary', path: binaryFile })
  })

  it.each([
    ['a directory', 'empty', 'is a directory'],
    ['missing', 'no-such-binary', 'does not exist']
  ])('refuses a gateway-binary that is %s', (_what, given, why) => {
    const error = inputError([{ 'gateway-binary': given }], context(scratch))
    expect(problems(error)).toEqual([
      `gateway-binary: got ${JSON.stringify(path.join(scratch, given))}, which ${why}; expected an executable file.`
    ])
  })

  it('refuses bifrost-path together with gateway-binary', () => {
    const error = inputError([{ 'bifrost-path': BIFROST_LIKE, 'gateway-binary': binaryFile }])
    expect(problems(error)).toEqual([
      'bifrost-path and gateway-binary: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.'
    ])
  })

  it('refuses gateway-binary together with gateway-command, from different layers', () => {
    const error = inputError(
      [{ 'gateway-binary': binaryFile }, { 'gateway-command': 'gw --port {port}' }],
      context(emptyDir)
    )
    expect(problems(error)).toEqual([
      'gateway-command and gateway-binary: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.'
    ])
  })

  it('refuses all three gateway sources at once', () => {
    const error = inputError([
      { 'bifrost-path': BIFROST_LIKE, 'gateway-binary': binaryFile, 'gateway-command': 'gw {port}' }
    ])
    expect(problems(error)[0]).toBe(
      'bifrost-path and gateway-command and gateway-binary: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.'
    )
  })

  it('treats an empty bifrost-path as not given', () => {
    const config = resolveConfig(
      [{ 'bifrost-path': '  ', 'gateway-command': 'gw --port {port}' }],
      context(emptyDir)
    )
    expect(config.gateway.source.kind).toBe('command')
  })

  it('refuses a bifrost-path without a main package, naming the given and the resolved path', () => {
    const error = inputError([{ 'bifrost-path': 'empty' }], context(scratch))
    expect(problems(error)).toEqual([
      `bifrost-path: got "empty" (${emptyDir}), which has no bifrost-http main package (looked in transports/bifrost-http/, then transports/); expected a bifrost checkout, or set gateway-binary or gateway-command.`
    ])
  })

  it('refuses a checkout whose transports/ holds no main package', () => {
    const checkout = path.join(scratch, 'library-only')
    writeGoFile(checkout, 'transports/lib/lib.go', 'package lib\n')
    writeGoFile(checkout, 'transports/bifrost-http/main_test.go', 'package main\n')
    const error = inputError([{ 'bifrost-path': checkout }])
    expect(problems(error)[0]).toContain('which has no bifrost-http main package')
  })

  it('accepts a checkout with transports/bifrost-http/ (the real layout), resolved against cwd', () => {
    const checkout = path.join(scratch, 'real-checkout')
    writeGoFile(checkout, 'transports/bifrost-http/main.go', '// Command x.\npackage main\n')
    const config = resolveConfig([{ 'bifrost-path': 'real-checkout' }], context(scratch))
    expect(config.gateway.source).toEqual({
      kind: 'bifrost-checkout',
      path: checkout,
      modules: 'local'
    })
  })

  it('accepts a checkout whose main package really is in transports/ (an old layout)', () => {
    const checkout = path.join(scratch, 'old-checkout')
    writeGoFile(checkout, 'transports/main.go', 'package main\n')
    expect(resolveConfig([{ 'bifrost-path': checkout }], context()).gateway.source.kind).toBe(
      'bifrost-checkout'
    )
  })
})

function writeGoFile(root: string, relative: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true })
  writeFileSync(path.join(root, relative), content)
}

describe('resolveConfig bifrost-modules', () => {
  it('takes local or published', () => {
    for (const modules of ['local', 'published'] as const) {
      const config = resolveConfig([VALID, { 'bifrost-modules': modules }], context())
      expect(config.gateway.source).toMatchObject({ kind: 'bifrost-checkout', modules })
    }
  })

  it('refuses another value, saying what each allowed one means', () => {
    expect(problems(inputError([VALID, { 'bifrost-modules': 'vendored' }]))).toEqual([
      `bifrost-modules: got "vendored"; expected local (the checkout's own modules, in a Go workspace) or published (the versions transports/go.mod pins).`
    ])
  })

  it('refuses it with a gateway that is not built from a checkout', () => {
    expect(
      problems(
        inputError([{ 'gateway-binary': binaryFile, 'bifrost-modules': 'published' }], context())
      )
    ).toEqual([
      'bifrost-modules: applies to a checkout built from bifrost-path, not to gateway-binary; remove it.'
    ])
  })
})

describe('resolveConfig bifrost-config', () => {
  const write = (name: string, content: string): string => {
    const file = path.join(scratch, name)
    writeFileSync(file, content)
    return file
  }

  it('keeps the path of a config with providers.openai, resolved against cwd, not its content', () => {
    const file = write(
      'bifrost-ok.json',
      JSON.stringify({ providers: { openai: { keys: [{ value: 'sk-secret' }] } }, plugins: [] })
    )
    const config = resolveConfig(
      [{ 'bifrost-path': BIFROST_LIKE, 'bifrost-config': 'bifrost-ok.json' }],
      context(scratch)
    )
    expect(config.gateway.bifrostConfigPath).toBe(file)
    expect(JSON.stringify(config)).not.toContain('sk-secret')
  })

  it('refuses a file that does not parse, naming it and the parse error', () => {
    const file = write('bifrost-broken.json', '{"providers": {"openai": {}},}')
    const [problem] = problems(inputError([VALID, { 'bifrost-config': file }]))
    expect(problem).toMatch(
      new RegExp(
        `^bifrost-config: got "${file}" \\(${file}\\), which is not valid JSON \\(.+\\)\\.$`
      )
    )
  })

  it('refuses a config without providers.openai, and one that is not an object', () => {
    const noOpenai = write('bifrost-no-openai.json', '{"providers": {"anthropic": {"keys": []}}}')
    expect(problems(inputError([VALID, { 'bifrost-config': noOpenai }]))).toEqual([
      `bifrost-config: got "${noOpenai}" (${noOpenai}), which has no providers.openai object; expected a bifrost config.json with an openai provider (its base URL and keys are pointed at the mock provider).`
    ])
    const list = write('bifrost-list.json', '[]')
    expect(problems(inputError([VALID, { 'bifrost-config': list }]))[0]).toContain(
      'which is not a JSON object; expected a bifrost config.json'
    )
  })

  it('refuses a file that cannot be read', () => {
    const missing = path.join(scratch, 'no-such-config.json')
    expect(problems(inputError([VALID, { 'bifrost-config': missing }]))[0]).toMatch(
      /^bifrost-config: got ".*no-such-config\.json", which does not exist; expected a readable regular file\.$/
    )
  })
})

describe('resolveConfig connections bifrost allows', () => {
  it('accepts exactly 10000 requests in flight, the most bifrost connects to one host', () => {
    const config = resolveConfig(
      [
        VALID,
        {
          rate: '10000',
          'overhead-mocker-latency-ms': '1000',
          'stress-mocker-latency-ms': '500',
          // Interleaved, vegeta holds the gateway's 10000 and the mock provider's 10000.
          'max-workers': '20000'
        }
      ],
      context()
    )
    expect(expectedInFlight(config.rate, config.overheadMockerLatencyMs)).toBe(10000)
  })

  it('refuses a load needing more, from the larger of the two mocker latencies', () => {
    const error = inputError([
      VALID,
      {
        rate: '2000',
        'overhead-mocker-latency-ms': '1000',
        'stress-mocker-latency-ms': '6000',
        'max-workers': '20000'
      }
    ])
    expect(problems(error)).toEqual([
      'rate: got 2000; at 6000 ms mock provider latency that is 12000 requests in flight, more than the 10000 connections per host bifrost allows (network_config.max_conns_per_host): requests beyond it would wait for a free connection, and the wait would count as overhead. Expected rate × mocker latency ≤ 10000 requests (rate ≤ 1666 at 6000 ms).'
    ])
  })

  it('applies to a prebuilt bifrost binary, not to another gateway', () => {
    const load: RawOptions = { rate: '20000', 'max-workers': '40000' }
    expect(problems(inputError([{ 'gateway-binary': binaryFile }, load]))[0]).toMatch(/^rate: /)
    expect(resolveConfig([{ 'gateway-command': 'gw --port {port}' }, load], context()).rate).toBe(
      20000
    )
  })
})

describe('resolveConfig mock provider source', () => {
  it("defaults to this tool's own mocker/ directory", () => {
    expect(resolveConfig([VALID], context()).mocker.source).toEqual({
      kind: 'directory',
      path: OWN_MOCKER
    })
  })

  it('refuses a mocker-path with neither go.mod nor main.go', () => {
    const error = inputError([VALID, { 'mocker-path': emptyDir }])
    expect(problems(error)).toEqual([
      `mocker-path: got ${JSON.stringify(emptyDir)}, which holds no Go package (no go.mod or main.go); expected the mock provider's source directory.`
    ])
  })

  it.each(['go.mod', 'main.go'])('accepts a mocker-path holding only %s', (file) => {
    const directory = path.join(scratch, `mocker-with-${file}`)
    mkdirSync(directory, { recursive: true })
    writeFileSync(path.join(directory, file), '')
    const config = resolveConfig([VALID, { 'mocker-path': directory }], context())
    expect(config.mocker.source).toEqual({ kind: 'directory', path: directory })
  })

  it('refuses a default mocker/ that is missing from the package root', () => {
    const error = inputError([VALID], { ...context(), packageRoot: emptyDir })
    expect(problems(error)[0]).toBe(
      `mocker-path: got ${JSON.stringify(path.join(emptyDir, 'mocker'))}, which does not exist; expected a readable directory.`
    )
  })

  it('takes a mocker-binary that is a file and refuses one that is not', () => {
    expect(
      resolveConfig([VALID, { 'mocker-binary': binaryFile }], context()).mocker.source
    ).toEqual({ kind: 'binary', path: binaryFile })
    const error = inputError([VALID, { 'mocker-binary': emptyDir }])
    expect(problems(error)).toEqual([
      `mocker-binary: got ${JSON.stringify(emptyDir)}, which is a directory; expected an executable file.`
    ])
  })

  it('takes a mocker-repository with its ref and subdirectory defaults', () => {
    const config = resolveConfig(
      [VALID, { 'mocker-repository': 'https://github.com/maximhq/bifrost-benchmarking' }],
      context()
    )
    expect(config.mocker.source).toEqual({
      kind: 'git',
      repository: 'https://github.com/maximhq/bifrost-benchmarking',
      ref: 'main',
      subdirectory: 'mocker'
    })
  })

  it.each([
    ['mocker-subdirectory', '../outside', 'expected a relative path inside the repository.'],
    ['mocker-subdirectory', '/etc', 'expected a relative path inside the repository.'],
    ['mocker-subdirectory', 'a/../../b', 'expected a relative path inside the repository.'],
    ['mocker-ref', '--upload-pack=evil', 'expected a branch, tag or commit name.'],
    ['mocker-ref', 'main; rm -rf /', 'expected a branch, tag or commit name.']
  ])('refuses %s %j with a mocker-repository', (name, value, expected) => {
    const error = inputError([
      VALID,
      { 'mocker-repository': 'https://example.com/mock.git', [name]: value }
    ])
    expect(problems(error)).toEqual([`${name}: got ${JSON.stringify(value)}; ${expected}`])
  })

  it('refuses two mock provider sources', () => {
    const error = inputError([VALID, { 'mocker-path': OWN_MOCKER, 'mocker-binary': binaryFile }])
    expect(problems(error)).toEqual([
      'mocker-path and mocker-binary: more than one mock provider given; expected at most one of mocker-path, mocker-binary or mocker-repository.'
    ])
  })
})

describe('resolveConfig ports, readiness, headers and vegeta', () => {
  it('refuses the same non-zero gateway and mocker port', () => {
    const error = inputError([VALID, { 'gateway-port': '9000', 'mocker-port': '9000' }])
    expect(problems(error)).toEqual([
      'gateway-port and mocker-port: both are 9000; give them different ports.'
    ])
  })

  it('accepts different ports, and both 0', () => {
    const config = resolveConfig(
      [VALID, { 'gateway-port': '9000', 'mocker-port': '9001' }],
      context()
    )
    expect([config.gateway.port, config.mocker.port]).toEqual([9000, 9001])
    const auto = resolveConfig([VALID, { 'gateway-port': '0', 'mocker-port': '0' }], context())
    expect([auto.gateway.port, auto.mocker.port]).toEqual([0, 0])
  })

  it('refuses an empty health path without a ready log', () => {
    const error = inputError([VALID, { 'gateway-health-path': '' }])
    expect(problems(error)).toEqual([
      'gateway-health-path: got ""; expected a path such as /health, or set gateway-ready-log so readiness can be detected.'
    ])
  })

  it('accepts an empty health path with a ready log', () => {
    const config = resolveConfig(
      [VALID, { 'gateway-health-path': '', 'gateway-ready-log': 'listening on :\\d+' }],
      context()
    )
    expect(config.gateway.healthPath).toBe('')
    expect(config.gateway.readyLogPattern).toBe('listening on :\\d+')
  })

  it('waits for the ready log, not the default health path, when only the ready log is given', () => {
    // A gateway without /health could otherwise never become ready (issue 6).
    for (const health of [{}, { 'gateway-health-path': '/health' }]) {
      const config = resolveConfig([VALID, { ...health, 'gateway-ready-log': 'ready' }], context())
      expect(config.gateway.healthPath).toBe('')
      expect(config.gateway.readyLogPattern).toBe('ready')
    }
  })

  it('refuses a health path other than the default together with a ready log', () => {
    const error = inputError([
      VALID,
      { 'gateway-health-path': '/healthz', 'gateway-ready-log': 'ready' }
    ])
    expect(problems(error)).toEqual([
      'gateway-health-path and gateway-ready-log: got "/healthz" and "ready"; expected one of them: the gateway is ready when its log matches gateway-ready-log, or, when that is empty, when gateway-health-path answers 2xx.'
    ])
  })

  it('reads gateway-headers in both forms', () => {
    const lines = resolveConfig(
      [VALID, { 'gateway-headers': 'Authorization: Bearer sk-1\nX-Team: perf' }],
      context()
    )
    expect(lines.gateway.headers).toEqual({ Authorization: 'Bearer sk-1', 'X-Team': 'perf' })
    const json = resolveConfig([VALID, { 'gateway-headers': '{"x-api-key": "k"}' }], context())
    expect(json.gateway.headers).toEqual({ 'x-api-key': 'k' })
  })

  it('takes a custom request path, models and a v-prefixed vegeta version', () => {
    const config = resolveConfig(
      [
        VALID,
        {
          'gateway-request-path': '/openai/v1/chat/completions',
          'gateway-model': ' anthropic/claude ',
          'mocker-model': 'mock-1',
          'vegeta-version': 'v12.12.0'
        }
      ],
      context()
    )
    expect(config.gateway.requestPath).toBe('/openai/v1/chat/completions')
    expect(config.gateway.model).toBe('anthropic/claude')
    expect(config.mocker.model).toBe('mock-1')
    expect(config.vegeta.version).toBe('12.12.0')
  })

  it('takes a vegeta-path that is a file and refuses one that is not', () => {
    expect(resolveConfig([VALID, { 'vegeta-path': binaryFile }], context()).vegeta).toEqual({
      version: '12.13.0',
      path: binaryFile
    })
    const error = inputError([VALID, { 'vegeta-path': path.join(scratch, 'no-vegeta') }])
    expect(problems(error)).toEqual([
      `vegeta-path: got ${JSON.stringify(path.join(scratch, 'no-vegeta'))}, which does not exist; expected an executable file.`
    ])
  })

  it('accepts thresholds at their bounds and decimals', () => {
    const config = resolveConfig(
      [
        VALID,
        {
          'max-overhead-mean-us': '0',
          'max-overhead-p99-us': '60000000',
          'max-overhead-p95-us': '2500.5',
          'min-stress-success-rate': '99.5'
        }
      ],
      context()
    )
    expect(config.maxOverheadUs).toEqual({
      mean: 0,
      p50: 5000,
      p90: 10000,
      p95: 2500.5,
      p99: 60000000
    })
    expect(config.minStressSuccessRatePct).toBe(99.5)
  })
})

describe('resolveConfig output directories and binaries', () => {
  it('refuses results-dir and tools-dir that cannot hold files, in one go, creating nothing', () => {
    const error = inputError([
      VALID,
      { 'results-dir': '/proc/x', 'tools-dir': path.join(binaryFile, 'tools') }
    ])
    expect(problems(error)).toEqual([
      'results-dir: got "/proc/x", which is inside /proc, a kernel interface rather than storage; expected a directory of its own that can be created and written.',
      `tools-dir: got ${JSON.stringify(path.join(binaryFile, 'tools'))}, but ${binaryFile} is a file, not a directory; expected a directory of its own that can be created and written.`
    ])
  })

  it('refuses the workspace root (the cwd) and its parents as results-dir', () => {
    expect(problems(inputError([VALID, { 'results-dir': '.' }]))).toEqual([
      `results-dir: got ${JSON.stringify(REPO_ROOT)}, which is the workspace root; expected a directory of its own that can be created and written.`
    ])
    // A workspace two levels down a scratch directory, so its parent is no system directory
    // wherever the repository itself is cloned (under /tmp, its parent would be /tmp).
    const workspace = path.join(scratch, 'runner', 'workspace')
    mkdirSync(workspace, { recursive: true })
    expect(
      problems(
        inputError([{ 'gateway-command': 'gw {port}', 'results-dir': '..' }], context(workspace))
      )[0]
    ).toContain(`which contains the workspace root ${workspace};`)
  })

  it('refuses a gateway-binary that is not executable', () => {
    const plain = path.join(scratch, 'not-executable')
    writeFileSync(plain, '#!/bin/sh\n', { mode: 0o644 })
    expect(problems(inputError([{ 'gateway-binary': plain }], context(scratch)))).toEqual([
      `gateway-binary: got ${JSON.stringify(plain)}, which is not executable (EACCES; chmod +x it); expected an executable file.`
    ])
  })
})
