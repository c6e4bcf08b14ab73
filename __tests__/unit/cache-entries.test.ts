import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheEntries } from '../../src/action/cache-entries.js'
import { resolveConfig } from '../../src/config/resolve.js'
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
  it('keeps vegeta, the mocker build, and Go caches with the gateway build', async () => {
    const entries = await cacheEntries(config({}), {
      ...process.env,
      RUNNER_TOOL_CACHE: '/runner/tc'
    })
    const platformArch = `${process.platform}-${process.arch}`
    expect(entries.map((entry) => entry.name)).toEqual([
      'vegeta',
      'mocker',
      'go modules and build cache'
    ])
    const [vegeta, mocker, go] = entries
    expect(vegeta).toEqual({
      name: 'vegeta',
      key: `bifrost-load-test-vegeta-12.13.0-${platformArch}`,
      paths: [path.join(TOOLS, 'vegeta/12.13.0'), '/runner/tc/vegeta/12.13.0']
    })
    expect(mocker?.key).toMatch(/^bifrost-load-test-mocker-source-[0-9a-f]{32}$/)
    expect(mocker?.paths).toEqual([path.join(TOOLS, 'builds/mocker-*')])
    const goVersion = goEnv('GOVERSION')
    expect(go?.key).toMatch(
      new RegExp(`^bifrost-load-test-go-${goVersion}-${platformArch}-[0-9a-f]{64}$`)
    )
    expect(go?.restoreKeys).toEqual([`bifrost-load-test-go-${goVersion}-${platformArch}-`])
    expect(go?.paths).toEqual([
      goEnv('GOMODCACHE'),
      goEnv('GOCACHE'),
      path.join(TOOLS, 'builds/gateway-*')
    ])
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
