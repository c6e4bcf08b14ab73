import path from 'node:path'
import type { LoadTestConfig } from '../config/types.js'
import { goSourceHash, goToolchain } from '../tools/go-build.js'
import { runCommand } from '../tools/exec.js'
import {
  goBuildCacheKey,
  goBuildRestoreKey,
  hashGoSumFiles,
  mockerCacheKey,
  vegetaCacheKey,
  type CacheEntry
} from './cache.js'

/**
 * What is worth keeping between workflow runs for this config: vegeta, the mocker's build,
 * and Go's module and build caches with the gateway's build, so a warm run rebuilds a
 * changed gateway in seconds.
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
    const [modCache, buildCache] = goEnv.stdout.trim().split('\n')
    const goVersion = toolchain.split(' ')[0] ?? 'go'
    entries.push({
      name: 'go modules and build cache',
      key: goBuildCacheKey(
        goVersion,
        platform,
        arch,
        await hashGoSumFiles(config.gateway.source.path)
      ),
      restoreKeys: [goBuildRestoreKey(goVersion, platform, arch)],
      paths: [modCache, buildCache, path.join(buildsDir, 'gateway-*')].filter(
        (entry): entry is string => entry !== undefined && entry !== ''
      )
    })
  }
  return entries
}
