import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cacheEntries } from '../../src/action/cache-entries.js'
import { resolveConfig } from '../../src/configure.js'
import type { RawOptions } from '../../src/config/options.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** Never created: resolveConfig only checks that it could be. */
const TOOLS = path.join(os.tmpdir(), 'blt-cache-entries-tools')

function config(options: RawOptions) {
  return resolveConfig([{ 'bifrost-path': 'examples/bifrost-like', 'tools-dir': TOOLS }, options], {
    cwd: ROOT,
    packageRoot: ROOT,
    defaultToolsDir: '/unused'
  })
}

const goEnv = (name: string): string =>
  spawnSync('go', ['env', name], { encoding: 'utf8' }).stdout.trim()

describe('cacheEntries', () => {
  let goDirs: string
  let goEnvironment: NodeJS.ProcessEnv

  beforeEach(() => {
    // Go's caches of this machine are in use (and filled); each test gets its own, empty.
    goDirs = mkdtempSync(path.join(os.tmpdir(), 'blt-cache-entries-go-'))
    goEnvironment = {
      ...process.env,
      GOMODCACHE: path.join(goDirs, 'mod'),
      GOCACHE: path.join(goDirs, 'build'),
      RUNNER_TOOL_CACHE: '/runner/tc'
    }
  })

  afterEach(() => {
    rmSync(goDirs, { recursive: true, force: true })
  })

  it('keeps vegeta, the mocker build, Go caches keyed on content, and the gateway builds', async () => {
    const entries = await cacheEntries(config({}), goEnvironment)
    const platformArch = `${process.platform}-${process.arch}`
    expect(entries.map((entry) => entry.name)).toEqual([
      'vegeta',
      'mocker',
      'go modules and build cache',
      'gateway builds'
    ])
    const [vegeta, mocker, go, gatewayBuilds] = entries
    expect(vegeta).toEqual({
      name: 'vegeta',
      key: `bifrost-load-test-vegeta-12.13.0-${platformArch}`,
      paths: [path.join(TOOLS, 'vegeta/12.13.0'), '/runner/tc/vegeta/12.13.0']
    })
    expect(mocker?.key).toMatch(/^bifrost-load-test-mocker-source-[0-9a-f]{32}$/)
    expect(mocker?.paths).toEqual([path.join(TOOLS, 'builds/mocker-*')])
    const goVersion = goEnv('GOVERSION')
    const goPrefix = `bifrost-load-test-go-${goVersion}-${platformArch}-`
    expect(go?.key).toMatch(new RegExp(`^${goPrefix}[0-9a-f]{32}-$`))
    expect(go?.restoreKeys).toEqual([go?.key, goPrefix])
    expect(go?.paths).toEqual([path.join(goDirs, 'mod'), path.join(goDirs, 'build')])
    expect(go?.contentRoots).toEqual([
      path.join(goDirs, 'mod', 'cache', 'download'),
      path.join(goDirs, 'build')
    ])
    expect(go?.skipReason).toBeUndefined()
    expect(gatewayBuilds).toEqual({
      name: 'gateway builds',
      key: `bifrost-load-test-gateway-builds-${platformArch}-`,
      restoreKeys: [`bifrost-load-test-gateway-builds-${platformArch}-`],
      paths: [path.join(TOOLS, 'builds/gateway-*')],
      contentRoots: [path.join(TOOLS, 'builds/gateway-*')]
    })
  })

  it('leaves Go caches to actions/setup-go when the module cache is already filled', async () => {
    // What setup-go's restore leaves behind: downloaded modules under GOMODCACHE.
    mkdirSync(path.join(goDirs, 'mod', 'cache', 'download', 'github.com', 'valyala'), {
      recursive: true
    })
    const entries = await cacheEntries(config({}), goEnvironment)
    const go = entries.find((entry) => entry.name === 'go modules and build cache')
    expect(go?.skipReason).toBe(
      `Go's module cache is already filled (${path.join(goDirs, 'mod', 'cache', 'download')} is not empty), most likely restored by actions/setup-go, whose cache input defaults to true; this action neither restores nor saves Go's module and build caches then (restoring over read-only module files fails, and saving both would count them twice against the cache quota). Set cache: false on actions/setup-go to let this action cache them, keyed on their content.`
    )
    // The gateway builds are this action's own: still cached.
    expect(entries.find((entry) => entry.name === 'gateway builds')?.skipReason).toBeUndefined()
  })

  it('caches nothing it does not build or install', async () => {
    const vegeta = process.env.VEGETA_BIN as string
    const entries = await cacheEntries(
      config({
        'bifrost-path': '',
        'vegeta-path': vegeta,
        'mocker-binary': vegeta,
        'gateway-command': 'gw --port {port}'
      }),
      process.env
    )
    expect(entries).toEqual([])
  })

  it('keys a git mocker on repository, ref, subdirectory and platform', async () => {
    const entries = await cacheEntries(
      config({ 'mocker-repository': 'https://example.invalid/bench.git', 'mocker-ref': 'v2' }),
      process.env
    )
    expect(entries.find((entry) => entry.name === 'mocker')?.key).toBe(
      `bifrost-load-test-mocker-https://example.invalid/bench.git@v2/mocker-${process.platform}-${process.arch}`
    )
  })
})
