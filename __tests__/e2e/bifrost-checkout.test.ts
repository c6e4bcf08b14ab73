import { createHash } from 'node:crypto'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runLoadTest } from '../../src/engine/run.js'
import { gatewayWorkDir, resolveGatewayBinary } from '../../src/tools/gateway.js'
import { runningProcesses } from '../../src/services/process.js'
import type { RawOptions } from '../../src/config/options.js'
import {
  expectNothingLeftRunning,
  git,
  replicaCheckout,
  slowerCore,
  testConfig,
  expectSentAtRate
} from './helpers.js'

const PINNED = 'v0.0.0-00010101000000-000000000000'
/** One stress run is enough here: these tests are about the build and the gateway's setup. */
const SHORT: RawOptions = { 'stress-runs': '1', 'stress-idle': '0s' }

interface ResultsJson {
  status: string
  overhead: { latency_us: { p50: number } }
  phases: { id: string; success_rate: number; requests: number }[]
}

// Real go builds, real vegeta, real processes: a copy of the replica is checked out like a
// pull request's bifrost, with no ui/ and no go.work, and must come out untouched.
describe('a bifrost checkout, built and run as upstream does', () => {
  let scratch = ''
  let startedPids: number[] = []
  const onProcessStarted = (process: { pid: number }): void => {
    startedPids.push(process.pid)
  }
  const resultsDirs: string[] = []
  /** The p50 overhead of the unchanged copy, for the core/ comparison. */
  let unchangedP50Us: number | undefined
  let unchangedOrigin: string | undefined

  const cleanCheckout = (name: string, edit?: (dir: string) => void): string =>
    replicaCheckout(scratch, name, edit)

  /** Every file of a tree but .git, by relative path, with its content's hash. */
  function snapshot(dir: string): Record<string, string> {
    const files: Record<string, string> = {}
    const walk = (directory: string): void => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const entryPath = path.join(directory, entry.name)
        if (entry.isDirectory()) {
          if (entry.name !== '.git') walk(entryPath)
        } else {
          files[path.relative(dir, entryPath)] = createHash('sha256')
            .update(readFileSync(entryPath))
            .digest('hex')
        }
      }
    }
    walk(dir)
    return files
  }

  async function run(checkout: string, options: RawOptions = {}) {
    const config = testConfig({ 'bifrost-path': checkout, ...SHORT, ...options })
    resultsDirs.push(config.resultsDir)
    const record = await runLoadTest(config, { onProcessStarted })
    if (startedPids.length > 0) await expectNothingLeftRunning(startedPids)
    const jsonPath = path.join(config.resultsDir, 'load-test-results.json')
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as ResultsJson
    return { config, record, json }
  }

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-checkout-e2e-'))
  })

  afterEach(() => {
    expect(runningProcesses()).toEqual([])
    startedPids = []
  })

  afterAll(() => {
    for (const directory of [scratch, ...resultsDirs]) {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('builds a clean checkout in a workspace of its own modules, runs it at warn with its schema, and leaves it unchanged', async () => {
    const checkout = cleanCheckout('clean')
    const before = snapshot(checkout)

    const { config, record, json } = await run(checkout)

    expect(record.failure).toBeUndefined()
    expect(json.status).toBe('passed')
    expect(json.phases.map((phase) => phase.id)).toEqual([
      'warmup-direct',
      'warmup-gateway',
      'calibration',
      'overhead',
      'stress-1'
    ])
    expect(record.tools.gateway?.origin).toMatch(/^source [0-9a-f]{12} \(local modules\)$/)
    unchangedP50Us = json.overhead.latency_us.p50
    unchangedOrigin = record.tools.gateway?.origin

    // Byte for byte as checked out: no ui/, no go.work, nothing ignored either.
    expect(snapshot(checkout)).toEqual(before)
    expect(git(checkout, 'status', '--porcelain', '--ignored')).toBe('')

    const appDir = path.join(config.resultsDir, 'gateway-app')
    expect(readFileSync(path.join(appDir, 'config.schema.json'), 'utf8')).toBe(
      readFileSync(path.join(checkout, 'transports/config.schema.json'), 'utf8')
    )
    // At warn: no per-request lines, no info lines at all, and the schema was found.
    for (const generation of ['overhead', 'stress']) {
      const log = readFileSync(path.join(config.resultsDir, `gateway-${generation}.log`), 'utf8')
      expect(log).not.toContain('"level":"info"')
      expect(log).not.toContain('chat completion for')
      expect(log).not.toContain('would download')
    }
  })

  it("measures the checkout's own core/: 5 ms more in core's request path raise the p50 overhead by at least 4 ms", async () => {
    expect(unchangedP50Us).toBeDefined()
    expect(unchangedP50Us).toBeLessThan(4000)
    const checkout = cleanCheckout('slower-core', (dir) => slowerCore(dir, 5))

    const { record, json } = await run(checkout)

    expect(record.failure).toBeUndefined()
    // Another binary: its source hash covers core/ of the workspace.
    expect(record.tools.gateway?.origin).not.toBe(unchangedOrigin)
    expect(
      json.overhead.latency_us.p50,
      `p50 overhead ${json.overhead.latency_us.p50} µs, unchanged copy ${unchangedP50Us} µs`
    ).toBeGreaterThanOrEqual((unchangedP50Us ?? 0) + 4000)
  })

  it('with bifrost-modules published, stops at setup naming the module version go.mod pins', async () => {
    const checkout = cleanCheckout('published')
    const { record, json } = await run(checkout, { 'bifrost-modules': 'published' })

    expect(json.status).toBe('error')
    expect(json.phases).toEqual([])
    expect(startedPids).toEqual([]) // nothing was started
    expect(record.failure?.kind).toBe('setup')
    const message = record.failure?.message ?? ''
    expect(message).toContain('gateway: go build failed')
    expect(message).toContain(`directory: ${path.join(checkout, 'transports/bifrost-http')}`)
    expect(message).toContain('GOWORK=off')
    expect(message).toContain(`Go could not get github.com/maximhq/bifrost/core ${PINNED}`)
    expect(message).toContain('Set bifrost-modules: local')
    expect(git(checkout, 'status', '--porcelain', '--ignored')).toBe('')
  })

  it("runs the team's bifrost-config: their plugin and other provider kept, openai and keys pointed at the mock provider", async () => {
    const checkout = cleanCheckout('with-config')
    const userConfig = path.join(scratch, 'team-config.json')
    writeFileSync(
      userConfig,
      JSON.stringify({
        client: { enable_logging: true, drop_excess_requests: false },
        plugins: [{ name: 'logging', enabled: true, config: {} }],
        providers: {
          openai: {
            keys: [{ name: 'prod', value: 'sk-live-team-secret', weight: 1, models: ['gpt-4o'] }],
            network_config: { base_url: 'https://api.openai.com' }
          },
          anthropic: {
            keys: [{ name: 'a', value: 'sk-ant-team-secret', weight: 1, models: ['*'] }]
          }
        }
      })
    )

    // Ready by the log line: the gateway then runs at info, where it logs every request.
    const { config, record, json } = await run(checkout, {
      'bifrost-config': userConfig,
      'gateway-health-path': '',
      'gateway-ready-log': 'successfully started bifrost'
    })

    expect(record.failure).toBeUndefined()
    expect(json.status).toBe('passed')
    expect(json.phases.every((phase) => phase.success_rate === 100)).toBe(true)
    const written = JSON.parse(
      readFileSync(path.join(config.resultsDir, 'gateway-app', 'config.json'), 'utf8')
    )
    expect(written.plugins).toEqual([{ name: 'logging', enabled: true, config: {} }])
    expect(Object.keys(written.providers)).toEqual(['openai', 'anthropic'])
    expect(written.providers.openai.network_config.base_url).toBe(
      `http://127.0.0.1:${record.ports?.mocker}`
    )
    expect(written.providers.openai.keys).toEqual([
      { name: 'prod', value: 'mocker-key', weight: 1, models: ['*'] }
    ])
    expect(written.providers.anthropic.keys[0].value).toBe('mocker-key')

    const log = readFileSync(path.join(config.resultsDir, 'gateway-overhead.log'), 'utf8')
    expect(log).toContain('plugin logging is enabled in config.json')
    expect(log).toContain('provider anthropic is configured')
    // A line per request through this gateway: the warm-up's (1 s) and the measured (2 s).
    const requestsOf = (id: string): number =>
      json.phases.find((phase) => phase.id === id)?.requests ?? 0
    expectSentAtRate(requestsOf('warmup-gateway'), 100, 1)
    expectSentAtRate(requestsOf('overhead'), 100, 2)
    expect(log.match(/chat completion for openai\/gpt-4o-mini/g)?.length).toBe(
      requestsOf('warmup-gateway') + requestsOf('overhead')
    )

    // Their secrets are nowhere in the results.
    const results = snapshot(config.resultsDir)
    for (const file of Object.keys(results)) {
      const content = readFileSync(path.join(config.resultsDir, file), 'utf8')
      expect(content, file).not.toContain('team-secret')
    }
  })

  it('removes the Go workspaces of checkouts not built for a day, keeping the three most recently used', async () => {
    const toolsDir = mkdtempSync(path.join(scratch, 'tools-'))
    const workspacesDir = path.join(toolsDir, 'workspaces')
    // Left by earlier runs on other checkout paths (base-ref worktrees get a new one each run).
    const older = ['a', 'b', 'c', 'd'].map((name, index) => {
      const directory = path.join(workspacesDir, `gateway-older-${name}`)
      mkdirSync(directory, { recursive: true })
      writeFileSync(path.join(directory, 'go.work'), 'go 1.26\n')
      const used = new Date(Date.now() - (48 + index) * 3600_000)
      utimesSync(directory, used, used)
      return path.basename(directory)
    })
    const checkout = cleanCheckout('pruned-workspaces')
    const lines: string[] = []

    const gateway = await resolveGatewayBinary(
      { kind: 'bifrost-checkout', path: checkout },
      toolsDir,
      (line) => lines.push(line)
    )

    expect(gateway?.binaryPath.startsWith(path.join(toolsDir, 'builds'))).toBe(true)
    const inUse = path.basename(gatewayWorkDir(toolsDir, checkout))
    expect(readdirSync(workspacesDir).sort()).toEqual([inUse, older[0], older[1]].sort())
    expect(lines).toContain(
      `gateway: removed 2 older builds from ${workspacesDir}, keeping the 3 most recently used and any used within 24 h`
    )
  })
})
