import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as actionsCache from '@actions/cache'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  contentHash,
  gatewayBuildsCacheKey,
  goBuildCacheKey,
  goBuildRestoreKey,
  hashGoSumFiles,
  mockerCacheKey,
  parseRestored,
  restoreCaches,
  saveCaches,
  serializeRestored,
  vegetaCacheKey,
  type CacheApi,
  type CacheEntry,
  type RestoredCache
} from '../../src/action/cache.js'

let workDir: string

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'action-cache-'))
})

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true })
})

function recordingLog() {
  const lines = { info: [] as string[], warning: [] as string[], notice: [] as string[] }
  return {
    lines,
    info: (line: string) => lines.info.push(line),
    warning: (line: string) => lines.warning.push(line),
    notice: (line: string) => lines.notice.push(line)
  }
}

describe('cache keys', () => {
  it('names vegeta by version, platform and arch', () => {
    expect(vegetaCacheKey('12.13.0', 'linux', 'x64')).toBe(
      'bifrost-load-test-vegeta-12.13.0-linux-x64'
    )
  })

  it('names the mocker by its origin, without commas', () => {
    expect(mockerCacheKey('maximhq/bifrost-benchmarking@4f2c9e1')).toBe(
      'bifrost-load-test-mocker-maximhq/bifrost-benchmarking@4f2c9e1'
    )
    expect(mockerCacheKey('a,b c')).toBe('bifrost-load-test-mocker-a-b-c')
  })

  it('replaces an origin too long for a key by its hash', () => {
    const origin = 'x'.repeat(600)
    const key = mockerCacheKey(origin)
    expect(key).toBe(
      `bifrost-load-test-mocker-${createHash('sha256').update(origin).digest('hex')}`
    )
    expect(key.length).toBeLessThanOrEqual(512)
    expect(mockerCacheKey('y'.repeat(600))).not.toBe(key)
  })

  it('names the Go build cache by toolchain, platform and go.sum hash, restorable by prefix', () => {
    // A prefix: the post step appends a hash of the content it saves.
    expect(goBuildCacheKey('go1.24.1', 'linux', 'x64', 'abc123')).toBe(
      'bifrost-load-test-go-go1.24.1-linux-x64-abc123-'
    )
    expect(gatewayBuildsCacheKey('linux', 'x64')).toBe(
      'bifrost-load-test-gateway-builds-linux-x64-'
    )
    expect(goBuildRestoreKey('go1.24.1', 'linux', 'x64')).toBe(
      'bifrost-load-test-go-go1.24.1-linux-x64-'
    )
  })
})

describe('hashGoSumFiles', () => {
  async function write(relativePath: string, content: string): Promise<void> {
    await mkdir(path.dirname(path.join(workDir, relativePath)), { recursive: true })
    await writeFile(path.join(workDir, relativePath), content)
  }

  beforeEach(async () => {
    await write('go.sum', 'example.com/a v1.0.0 h1:aaa=\n')
    await write('transports/go.sum', 'example.com/b v1.2.0 h1:bbb=\n')
    await write('node_modules/pkg/go.sum', 'ignored\n')
    await write('.git/go.sum', 'ignored\n')
    await write('transports/main.go', 'package main\n')
  })

  it('changes when a go.sum changes', async () => {
    const before = await hashGoSumFiles(workDir)
    expect(before).toMatch(/^[0-9a-f]{64}$/)
    await write('transports/go.sum', 'example.com/b v1.3.0 h1:ccc=\n')
    expect(await hashGoSumFiles(workDir)).not.toBe(before)
  })

  it('ignores go.sum files in node_modules and .git, and other files', async () => {
    const before = await hashGoSumFiles(workDir)
    await write('node_modules/pkg/go.sum', 'changed\n')
    await write('.git/go.sum', 'changed\n')
    await write('transports/main.go', 'package main\n\nfunc main() {}\n')
    expect(await hashGoSumFiles(workDir)).toBe(before)
  })

  it('changes when a go.sum moves', async () => {
    const before = await hashGoSumFiles(workDir)
    await rm(path.join(workDir, 'transports/go.sum'))
    await write('plugins/go.sum', 'example.com/b v1.2.0 h1:bbb=\n')
    expect(await hashGoSumFiles(workDir)).not.toBe(before)
  })
})

describe('without the cache service (real @actions/cache)', () => {
  const serviceVariables = [
    'ACTIONS_CACHE_URL',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_CACHE_SERVICE_V2'
  ]
  const saved = new Map(serviceVariables.map((name) => [name, process.env[name]]))

  beforeEach(() => {
    for (const name of serviceVariables) delete process.env[name]
  })

  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })

  it('restoreCaches warns once and returns every entry unmatched', async () => {
    const log = recordingLog()
    const entries: CacheEntry[] = [
      { name: 'vegeta', paths: [path.join(workDir, 'vegeta')], key: 'k-vegeta' },
      {
        name: 'go build',
        paths: [path.join(workDir, 'go-build')],
        key: 'k-go-abc',
        restoreKeys: ['k-go-']
      }
    ]

    const restored = await restoreCaches(entries, log)

    expect(restored).toEqual([
      { name: 'vegeta', paths: [path.join(workDir, 'vegeta')], key: 'k-vegeta' },
      { name: 'go build', paths: [path.join(workDir, 'go-build')], key: 'k-go-abc' }
    ])
    expect(log.lines.warning).toEqual(['cache service unavailable, continuing without cache'])
  })

  it('saveCaches warns and does not throw', async () => {
    const log = recordingLog()
    await writeFile(path.join(workDir, 'vegeta'), 'binary')

    await expect(
      saveCaches([{ name: 'vegeta', paths: [path.join(workDir, 'vegeta')], key: 'k' }], log)
    ).resolves.toBeUndefined()

    expect(log.lines.warning).toEqual(['cache service unavailable, caches not saved'])
  })

  describe('when the availability check is passed anyway', () => {
    // What restoreCache and saveCache themselves do with no service behind them, in the v2
    // mode runners use. (v1 fails the same way but only after two attempts 5 s apart.)
    const claimsService: CacheApi = { ...actionsCache, isFeatureAvailable: () => true }

    beforeEach(() => {
      process.env.ACTIONS_CACHE_SERVICE_V2 = 'true'
    })

    it('restoreCache reports a miss instead of throwing', async () => {
      const log = recordingLog()

      const restored = await restoreCaches(
        [{ name: 'vegeta', paths: [path.join(workDir, 'vegeta')], key: 'k' }],
        log,
        claimsService
      )

      expect(restored).toEqual([
        { name: 'vegeta', paths: [path.join(workDir, 'vegeta')], key: 'k' }
      ])
      expect(log.lines.info).toEqual(['vegeta: no cache for k'])
    })

    it('saveCache throws without a runtime token, which becomes a warning', async () => {
      const log = recordingLog()
      await writeFile(path.join(workDir, 'vegeta'), 'binary')

      await saveCaches(
        [{ name: 'vegeta', paths: [path.join(workDir, 'vegeta')], key: 'k' }],
        log,
        claimsService
      )

      expect(log.lines.warning).toEqual([
        'vegeta: saving cache k failed: Unable to get the ACTIONS_RUNTIME_TOKEN env variable'
      ])
    })
  })
})

/** Stands in for the GitHub cache service, which has no local equivalent. */
function fakeCacheApi(behaviour: {
  restore?: (key: string, restoreKeys: string[]) => string | undefined
  save?: (key: string) => number
}) {
  const calls = { restore: [] as unknown[][], save: [] as unknown[][] }
  const api: CacheApi = {
    isFeatureAvailable: () => true,
    restoreCache: async (paths, key, restoreKeys) => {
      calls.restore.push([paths, key, restoreKeys])
      return behaviour.restore?.(key, restoreKeys ?? [])
    },
    saveCache: async (paths, key) => {
      calls.save.push([paths, key])
      return behaviour.save?.(key) ?? 1
    }
  }
  return { api, calls }
}

describe('restoreCaches with a cache service', () => {
  it('reports exact, partial and missed restores, and continues after a failure', async () => {
    const log = recordingLog()
    const { api, calls } = fakeCacheApi({
      restore: (key, restoreKeys) => {
        if (key === 'broken') throw new Error('service hiccup')
        if (key === 'exact') return 'exact'
        if (key === 'go-new') return `${restoreKeys[0]}old`
        return undefined
      }
    })
    const entries: CacheEntry[] = [
      { name: 'a', paths: ['/a'], key: 'broken' },
      { name: 'b', paths: ['/b'], key: 'exact' },
      { name: 'c', paths: ['/c'], key: 'go-new', restoreKeys: ['go-'] },
      { name: 'd', paths: ['/d'], key: 'missing' }
    ]

    const restored = await restoreCaches(entries, log, api)

    expect(restored).toEqual([
      { name: 'a', paths: ['/a'], key: 'broken' },
      { name: 'b', paths: ['/b'], key: 'exact', matchedKey: 'exact' },
      { name: 'c', paths: ['/c'], key: 'go-new', matchedKey: 'go-old' },
      { name: 'd', paths: ['/d'], key: 'missing' }
    ])
    expect(calls.restore[2]).toEqual([['/c'], 'go-new', ['go-']])
    expect(log.lines.warning).toEqual([
      'a: cache restore failed, continuing without it: service hiccup'
    ])
    expect(log.lines.info).toEqual([
      'b: restored cache exact',
      'c: restored cache go-old, will save go-new after the run',
      'd: no cache for missing'
    ])
  })

  it('treats a stand-in without isFeatureAvailable (local-action) as available', async () => {
    const { api, calls } = fakeCacheApi({ restore: () => 'k' })
    const withoutCheck = { ...api, isFeatureAvailable: undefined } as unknown as CacheApi

    const restored = await restoreCaches(
      [{ name: 'a', paths: ['/a'], key: 'k' }],
      recordingLog(),
      withoutCheck
    )

    expect(restored[0]?.matchedKey).toBe('k')
    expect(calls.restore).toHaveLength(1)
  })
})

describe('saveCaches with a cache service', () => {
  it('skips exact hits and missing paths, and never throws', async () => {
    const log = recordingLog()
    const present = path.join(workDir, 'present')
    await mkdir(present)
    const { api, calls } = fakeCacheApi({
      save: (key) => {
        if (key === 'read-only') return -1
        if (key === 'raced')
          throw new actionsCache.ReserveCacheError(`Unable to reserve cache with key ${key}`)
        if (key === 'broken') throw new Error('upload failed')
        return 42
      }
    })
    const restored: RestoredCache[] = [
      { name: 'exact', paths: [present], key: 'same', matchedKey: 'same' },
      { name: 'absent', paths: [path.join(workDir, 'absent')], key: 'absent' },
      { name: 'partial', paths: [present], key: 'new', matchedKey: 'old' },
      { name: 'fork', paths: [present], key: 'read-only' },
      { name: 'race', paths: [present], key: 'raced' },
      { name: 'upload', paths: [present], key: 'broken' }
    ]

    await expect(saveCaches(restored, log, api)).resolves.toBeUndefined()

    expect(calls.save.map(([, key]) => key)).toEqual(['new', 'read-only', 'raced', 'broken'])
    expect(log.lines.info).toEqual([
      'exact: cache same was restored exactly, not saved again',
      `absent: nothing at ${path.join(workDir, 'absent')}, not saved`,
      'partial: saved cache new',
      'race: cache raced exists already, not saved'
    ])
    expect(log.lines.notice).toEqual([
      'fork: cache read-only not saved (the key may exist already, or the token is read-only, as on pull requests from forks)'
    ])
    expect(log.lines.warning).toEqual(['upload: saving cache broken failed: upload failed'])
  })
})

describe('restored caches in action state', () => {
  it('round-trips through a string', () => {
    const restored: RestoredCache[] = [
      { name: 'vegeta', paths: ['/t/vegeta'], key: 'k1', matchedKey: 'k1' },
      { name: 'go build', paths: ['/go/cache', '/go/mod'], key: 'k2' }
    ]
    expect(parseRestored(serializeRestored(restored))).toEqual(restored)
  })

  it('reads missing state as nothing restored and rejects malformed state', () => {
    expect(parseRestored('')).toEqual([])
    expect(() => parseRestored('{"name":"x"}')).toThrow(/not a list/)
    expect(() => parseRestored('[{"name":"x","key":"k"}]')).toThrow(/invalid entry/)
  })
})

describe('contentHash', () => {
  async function write(relativePath: string, content: string): Promise<void> {
    await mkdir(path.dirname(path.join(workDir, relativePath)), { recursive: true })
    await writeFile(path.join(workDir, relativePath), content)
  }

  it('changes with a new or resized file, not with a touched one; globs and missing roots work', async () => {
    await write('gocache/00/aa-a', 'compiled')
    await write('builds/gateway-1111/gateway', 'binary')
    await write('builds/mocker-2222/mocker', 'binary')
    const roots = [
      path.join(workDir, 'gocache'),
      path.join(workDir, 'builds/gateway-*'),
      path.join(workDir, 'missing')
    ]
    const before = await contentHash(roots)
    await utimes(path.join(workDir, 'gocache/00/aa-a'), new Date(0), new Date(0))
    expect(await contentHash(roots)).toBe(before)
    // Outside the roots (not matching gateway-*): no change.
    await write('builds/mocker-2222/mocker', 'other binary')
    expect(await contentHash(roots)).toBe(before)
    await write('gocache/01/bb-a', 'another package')
    const grown = await contentHash(roots)
    expect(grown).not.toBe(before)
    await write('builds/gateway-1111/gateway', 'a longer binary')
    expect(await contentHash(roots)).not.toBe(grown)
  })
})

describe('a content-keyed cache across runs (fake cache service)', () => {
  it('is saved under a new key when the Go build changed, and not saved when it did not', async () => {
    const goCache = path.join(workDir, 'go-build')
    const entry: CacheEntry = {
      name: 'go modules and build cache',
      paths: [goCache],
      key: 'go-v-linux-x64-sum-',
      restoreKeys: ['go-v-linux-x64-sum-', 'go-v-linux-x64-'],
      contentRoots: [goCache]
    }
    const savedKeys: string[] = []
    // The service keeps what was saved; a prefix restores the newest key it matches.
    const { api } = fakeCacheApi({
      restore: (key, restoreKeys) => {
        for (const prefix of [key, ...restoreKeys]) {
          const match = savedKeys.filter((saved) => saved.startsWith(prefix)).at(-1)
          if (match !== undefined) return match
        }
        return undefined
      },
      save: (key) => {
        savedKeys.push(key)
        return savedKeys.length
      }
    })
    const runOnce = async (build: () => Promise<void>) => {
      const log = recordingLog()
      const restored = await restoreCaches([entry], log, api)
      await build()
      await saveCaches(restored, log, api)
      return log.lines.info
    }

    // First run: nothing to restore; the build fills the cache, which is saved.
    await runOnce(async () => {
      await mkdir(path.join(goCache, '00'), { recursive: true })
      await writeFile(path.join(goCache, '00', 'a1-a'), 'gateway package, version 1')
    })
    expect(savedKeys).toHaveLength(1)
    expect(savedKeys[0]).toMatch(/^go-v-linux-x64-sum-[0-9a-f]{16}$/)

    // Second run: same sources, nothing new in the build cache: not saved again.
    const unchanged = await runOnce(async () => undefined)
    expect(savedKeys).toHaveLength(1)
    expect(unchanged).toEqual([
      `go modules and build cache: restored cache ${savedKeys[0]}; saved again after the run only if its content changed`,
      `go modules and build cache: content unchanged since cache ${savedKeys[0]} was restored, not saved again`
    ])

    // Third run: the gateway changed, so did the build cache: saved under a new key, which
    // the next run restores.
    await runOnce(async () => {
      await writeFile(path.join(goCache, '00', 'b2-a'), 'gateway package, version 2')
    })
    expect(savedKeys).toHaveLength(2)
    expect(savedKeys[1]).toMatch(/^go-v-linux-x64-sum-[0-9a-f]{16}$/)
    expect(savedKeys[1]).not.toBe(savedKeys[0])
    const restored = await restoreCaches([entry], recordingLog(), api)
    expect(restored[0]?.matchedKey).toBe(savedKeys[1])
  })

  it('neither restores nor saves an entry with a skip reason, and says why', async () => {
    const present = path.join(workDir, 'present')
    await mkdir(present)
    const { api, calls } = fakeCacheApi({ restore: () => 'k' })
    const log = recordingLog()
    const restored = await restoreCaches(
      [{ name: 'go', paths: [present], key: 'k', skipReason: 'setup-go restored it' }],
      log,
      api
    )
    await saveCaches(restored, log, api)
    expect(calls.restore).toEqual([])
    expect(calls.save).toEqual([])
    expect(log.lines.info).toEqual([
      'go: setup-go restored it',
      'go: not saved: setup-go restored it'
    ])
  })

  it('saves builds named by a glob when one exists', async () => {
    await mkdir(path.join(workDir, 'builds', 'mocker-abc'), { recursive: true })
    const { api, calls } = fakeCacheApi({})
    await saveCaches(
      [{ name: 'mocker', paths: [path.join(workDir, 'builds', 'mocker-*')], key: 'm' }],
      recordingLog(),
      api
    )
    expect(calls.save).toEqual([[[path.join(workDir, 'builds', 'mocker-*')], 'm']])
  })
})
