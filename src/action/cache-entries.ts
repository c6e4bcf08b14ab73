import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { LoadTestConfig } from '../config/types.js'
import { goSourceHash, goToolchain } from '../tools/go-build.js'
import { runCommand } from '../tools/exec.js'
import {
  gatewayBuildsCacheKey,
  goBuildCacheKey,
  goBuildRestoreKey,
  hashGoSumFiles,
  mockerCacheKey,
  vegetaCacheKey,
  type CacheEntry
} from './cache.js'

/**
 * What is worth keeping between workflow runs for this config: vegeta, the mocker's build,
 * Go's module and build caches (so a warm run rebuilds a changed gateway in seconds), and the
 * kept gateway builds (so a re-run of the same sources builds nothing).
 */
export async function cacheEntries(
  config: LoadTestConfig,
  env: NodeJS.ProcessEnv
): Promise<CacheEntry[]> {
  const entries: CacheEntry[] = []
  const platform = process.platform
  const arch = process.arch
  const buildsDir = path.join(config.toolsDir, 'builds')
  if (config.vegeta.path === undefined) {
    const paths = [path.join(config.toolsDir, 'vegeta', config.vegeta.version)]
    if (env.RUNNER_TOOL_CACHE)
      paths.push(path.join(env.RUNNER_TOOL_CACHE, 'vegeta', config.vegeta.version))
    entries.push({
      name: 'vegeta',
      key: vegetaCacheKey(config.vegeta.version, platform, arch),
      paths
    })
  }
  const toolchain = await goToolchain(env)
  const mocker = config.mocker.source
  if (mocker.kind !== 'binary') {
    const origin =
      mocker.kind === 'directory'
        ? `source-${(await goSourceHash(mocker.path, toolchain)).slice(0, 32)}`
        : `${mocker.repository}@${mocker.ref}/${mocker.subdirectory}-${platform}-${arch}`
    entries.push({
      name: 'mocker',
      key: mockerCacheKey(origin),
      paths: [path.join(buildsDir, 'mocker-*')]
    })
  }
  if (config.gateway.source.kind === 'bifrost-checkout') {
    const goEnv = await runCommand(['go', 'env', 'GOMODCACHE', 'GOCACHE'], { env })
    const [modCache = '', buildCache = ''] = goEnv.stdout.trim().split('\n')
    const goVersion = toolchain.split(' ')[0] ?? 'go'
    const prefix = goBuildCacheKey(
      goVersion,
      platform,
      arch,
      (await hashGoSumFiles(config.gateway.source.path)).slice(0, 32)
    )
    const goPaths = [modCache, buildCache].filter((entry) => entry !== '')
    const skipReason = await goCacheAlreadyPresent(modCache)
    entries.push({
      name: 'go modules and build cache',
      key: prefix,
      restoreKeys: [prefix, goBuildRestoreKey(goVersion, platform, arch)],
      paths: goPaths,
      // Go's module downloads (the unpacked trees derive from them) and its build cache.
      contentRoots: [
        ...(modCache === '' ? [] : [path.join(modCache, 'cache', 'download')]),
        ...(buildCache === '' ? [] : [buildCache])
      ],
      ...(skipReason === undefined ? {} : { skipReason })
    })
    const gatewayBuilds = path.join(buildsDir, 'gateway-*')
    entries.push({
      name: 'gateway builds',
      key: gatewayBuildsCacheKey(platform, arch),
      restoreKeys: [gatewayBuildsCacheKey(platform, arch)],
      paths: [gatewayBuilds],
      contentRoots: [gatewayBuilds]
    })
  }
  return entries
}

/**
 * Why Go's caches are left to whoever filled them, or undefined when GOMODCACHE holds no
 * downloaded module yet. actions/setup-go (whose `cache` input defaults to true) restores
 * GOMODCACHE and GOCACHE in its own step and saves them in its post step; it says so only in
 * its `cache-hit` output and its own state, which another action cannot read. So its work is
 * recognised by its result: a module download cache that is already filled when this action
 * starts. Restoring ours over it would fail on the read-only module files (actions/setup-go#722),
 * and saving both would count the same files twice against the repository's cache quota.
 */
export async function goCacheAlreadyPresent(modCache: string): Promise<string | undefined> {
  if (modCache === '') return undefined
  const downloads = path.join(modCache, 'cache', 'download')
  const modules = await readdir(downloads).catch(() => [] as string[])
  if (modules.length === 0) return undefined
  return `Go's module cache is already filled (${downloads} is not empty), most likely restored by actions/setup-go, whose cache input defaults to true; this action neither restores nor saves Go's module and build caches then (restoring over read-only module files fails, and saving both would count them twice against the cache quota). Set cache: false on actions/setup-go to let this action cache them, keyed on their content.`
}
