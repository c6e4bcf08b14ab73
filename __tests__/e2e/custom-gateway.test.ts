import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/configure.js'
import { runLoadTest } from '../../src/engine/run.js'
import { defaultToolsDir } from '../../src/package-root.js'
import { gatewayArgv } from '../../src/services/launch.js'
import { runningProcesses } from '../../src/services/process.js'
import { consoleProgress } from '../../src/report/console.js'
import { exitStatus } from '../../src/cli.js'
import {
  REPO_ROOT,
  SMALL_PROFILE,
  expectNothingLeftRunning,
  testConfig,
  expectSentAtRate
} from './helpers.js'
import {
  SMALL_ACTION_INPUTS,
  parseCommandFile,
  postStepEnv,
  runNode24,
  runnerEnvironment
} from './action-env.js'

const PROXY_SOURCE = path.join(REPO_ROOT, '__tests__/fixtures/openai-proxy.mjs')

/** The results file's phases without the warm-ups, which are left out of the statistics. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const measuredPhases = (json: { phases: any[] }) =>
  json.phases.filter((phase: { id: string }) => !phase.id.startsWith('warmup'))

/** The proxy's argv template, placeholders unsubstituted, as both forms below must parse. */
const proxyArgvTemplate = (script: string): string[] => [
  process.execPath,
  script,
  '--host',
  '{host}',
  '--port',
  '{port}',
  '--upstream',
  '{upstream}',
  '--api-key',
  's3cret'
]

// Real vegeta, a real mock provider, and a gateway that is not bifrost: a Node proxy started
// from gateway-command, ready by its log line (it has no health route), keyed by a header.
describe('any OpenAI-compatible gateway from gateway-command, end to end', () => {
  let scratchDir = ''
  /** The proxy copied under a directory name with a space: only quoting keeps it one word. */
  let proxyScript = ''
  let gatewayCommand = ''
  const resultsDirs: string[] = []
  let startedPids: number[] = []
  const onProcessStarted = (process: { pid: number }): void => {
    startedPids.push(process.pid)
  }

  beforeAll(() => {
    scratchDir = mkdtempSync(path.join(os.tmpdir(), 'blt-custom-gateway-'))
    const scriptDir = path.join(scratchDir, 'any gateway')
    mkdirSync(scriptDir)
    proxyScript = path.join(scriptDir, 'openai-proxy.mjs')
    copyFileSync(PROXY_SOURCE, proxyScript)
    gatewayCommand = `"${process.execPath}" '${proxyScript}' --host {host} --port {port} --upstream {upstream} --api-key s3cret`
  })

  afterAll(() => {
    for (const directory of [scratchDir, ...resultsDirs]) {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  afterEach(() => {
    expect(runningProcesses()).toEqual([])
    startedPids = []
  })

  const proxyConfig = (headers: string) => {
    const config = testConfig({
      // SMALL_PROFILE names a bifrost checkout; a command replaces it.
      'bifrost-path': '',
      'gateway-command': gatewayCommand,
      'gateway-health-path': '',
      'gateway-ready-log': 'proxy ready on',
      'gateway-headers': headers,
      'gateway-model': 'gpt-4o-mini',
      'stress-runs': '1'
    })
    resultsDirs.push(config.resultsDir)
    return config
  }

  it('splits the quoted command into words and substitutes each placeholder in its word', () => {
    const config = proxyConfig('Authorization: Bearer s3cret')
    expect(config.gateway.source).toEqual({
      kind: 'command',
      argvTemplate: proxyArgvTemplate(proxyScript)
    })
    expect(config.gateway.healthPath).toBe('')
    expect(config.gateway.readyLogPattern).toBe('proxy ready on')
    expect(config.gateway.headers).toEqual({ Authorization: 'Bearer s3cret' })
    expect(
      gatewayArgv({
        source: config.gateway.source,
        port: 4321,
        appDir: '/tmp/app',
        mockerBaseUrl: 'http://127.0.0.1:1234'
      })
    ).toEqual([
      process.execPath,
      proxyScript,
      '--host',
      '127.0.0.1',
      '--port',
      '4321',
      '--upstream',
      'http://127.0.0.1:1234',
      '--api-key',
      's3cret'
    ])
  })

  it('takes gateway-command as a JSON array of words too', () => {
    const config = resolveConfig(
      [
        SMALL_PROFILE,
        {
          'bifrost-path': '',
          'gateway-command': JSON.stringify(proxyArgvTemplate(proxyScript)),
          'gateway-health-path': '',
          'gateway-ready-log': 'proxy ready on'
        }
      ],
      { cwd: REPO_ROOT, packageRoot: REPO_ROOT, defaultToolsDir: defaultToolsDir() }
    )
    // Words of a JSON array are taken as they are: the space in the path needs no quoting.
    expect(config.gateway.source).toEqual({
      kind: 'command',
      argvTemplate: proxyArgvTemplate(proxyScript)
    })
  })

  it('passes the proxy when the key is sent, ready by its log line', async () => {
    const config = proxyConfig('Authorization: Bearer s3cret')
    const record = await runLoadTest(config, { onProcessStarted })
    await expectNothingLeftRunning(startedPids)

    expect(record.failure).toBeUndefined()
    expect(record.status).toBe('passed')
    expect(record.tools.gateway?.kind).toBe('command')
    expect(record.tools.gateway?.binaryPath).toBeUndefined()
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.verdict).toMatchObject({ passed: true, failures: [] })
    // The header was sent (every request passed), but the results never show its value.
    expect(json.config.gateway.headers).toEqual({ Authorization: '***' })
    expect(readFileSync(record.files.json, 'utf8')).not.toContain('Bearer s3cret')
    const measured = measuredPhases(json)
    expect(measured.map((phase: { id: string }) => phase.id)).toEqual([
      'calibration',
      'overhead',
      'stress-1'
    ])
    for (const phase of measured) {
      // 100 RPS for 2 s: vegeta sends 200 requests (or one or two fewer, see the helper), and
      // every one got the mock's reply (through the proxy, so also after its 100 ms).
      expectSentAtRate(phase.requests, 100, 2)
      expect(phase.success_rate).toBe(100)
      expect(phase.status_codes).toEqual({ '200': phase.requests })
      expect(phase.top_errors).toEqual([])
      expect(phase.latency_us.min).toBeGreaterThanOrEqual(100_000)
    }
    // Two starts (overhead, then stress after the restart), each logged on its own.
    for (const generation of ['overhead', 'stress']) {
      const log = readFileSync(path.join(config.resultsDir, `gateway-${generation}.log`), 'utf8')
      expect(log).toContain(`proxy ready on http://127.0.0.1:${record.ports.gateway}`)
    }
  })

  it('through the bundled action: an empty gateway-health-path input means ready by log (issue 6)', async () => {
    // As the runner sets them: every input present, the proxy has no /health at all.
    const files = runnerEnvironment({
      ...SMALL_ACTION_INPUTS,
      'bifrost-path': '.',
      'gateway-command': gatewayCommand,
      'gateway-health-path': '',
      'gateway-ready-log': 'proxy ready on',
      'gateway-headers': 'Authorization: Bearer s3cret',
      'gateway-model': 'gpt-4o-mini',
      'stress-runs': '1',
      // About readiness, not speed: a Node proxy on a busy machine can take 10 ms at p90.
      'max-overhead-mean-us': '100000',
      'max-overhead-p50-us': '100000',
      'max-overhead-p90-us': '100000',
      'max-overhead-p95-us': '100000',
      cache: 'false',
      'upload-artifact': 'false'
    })
    resultsDirs.push(files.dir)
    expect(files.env['INPUT_GATEWAY-HEALTH-PATH']).toBe('')
    const main = await runNode24('dist/index.js', files.env)
    expect(main.code, main.output).toBe(0)
    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
    expect(outputs.passed).toBe('true')
    const json = JSON.parse(readFileSync(outputs['results-json'] as string, 'utf8'))
    expect(json.config.gateway).toMatchObject({ healthPath: '', readyLogPattern: 'proxy ready on' })
    expect(measuredPhases(json).map((phase: { id: string }) => phase.id)).toEqual([
      'calibration',
      'overhead',
      'stress-1'
    ])
    // Each phase in a log group; the header value masked for the runner, never printed.
    expect(main.output).toMatch(/^::group::Calibration and overhead/m)
    expect(main.output).toMatch(/^::group::Stress #1/m)
    expect(main.output).toContain('::add-mask::Bearer s3cret')
    expect(readFileSync(files.summary, 'utf8')).not.toContain('s3cret')
    const pids = (
      JSON.parse(parseCommandFile(readFileSync(files.state, 'utf8')).processes ?? '[]') as {
        pid: number
      }[]
    ).map((entry) => entry.pid)
    const post = await runNode24('dist/post/index.js', { ...files.env, ...postStepEnv(files) })
    expect(post.code, post.output).toBe(0)
    await expectNothingLeftRunning(pids)
  })

  it('stops within the warm-up when the gateway refuses every request with 401, naming it', async () => {
    const config = proxyConfig('')
    const lines: string[] = []
    const startedMs = Date.now()
    const record = await runLoadTest(config, {
      onProcessStarted,
      onEvent: consoleProgress((line) => lines.push(line))
    })
    const elapsedS = (Date.now() - startedMs) / 1000
    await expectNothingLeftRunning(startedPids)

    // A dead gateway is no measurement: the run stops after the 1 s warm-up, measuring nothing
    // (the whole small profile takes about 15 s), and the CLI exits 1, the gateway's failure.
    expect(record.status).toBe('error')
    expect(record.failure).toMatchObject({ kind: 'run', phase: 'Warm-up' })
    expect(exitStatus(record)).toBe(1)
    expect(elapsedS).toBeLessThan(10)
    expect(record.phases.map((phase) => phase.id)).toEqual(['warmup-direct', 'warmup-gateway'])
    const [direct, gateway] = record.phases.map((phase) => phase.statistics)
    // The mock provider takes any key: only the gateway refuses.
    expect(direct?.successes).toBe(direct?.requests)
    expect(gateway?.statusCodes).toEqual({ '401': gateway?.requests })
    expect(record.failure?.message).toMatch(
      /^The gateway answered 0 of \d+ warm-up requests validly \(0\.00%, below the minimum success rate of 100\.00%: \d+ × 401 Unauthorized\), so it is not working and the run stops before measuring\. Its first failed answer: HTTP 401 \(the status is 401 Unauthorized, not 2xx\): \{"error":\{"message":"Incorrect API key provided\."/
    )
    // The warm-up's line says it failed, and shows no latency for the gateway.
    const end = lines.find((line) => line.includes('Warm-up:') && !line.startsWith('▶'))
    expect(end).toMatch(/^✗ Warm-up: .*gateway: \d+ requests, 0\.00% valid, p50 —, p99 —$/)
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.status).toBe('error')
    expect(measuredPhases(json)).toEqual([])
  })
})
