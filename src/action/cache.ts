import { createHash } from 'node:crypto'
import { access, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import * as actionsCache from '@actions/cache'
import { errorMessage } from '../errors.js'

/**
 * Caching between workflow runs, as actions/setup-go does it: the main step restores, the
 * post step saves what was not restored exactly. Caching only saves time, so no failure here
 * fails the run.
 */

const KEY_PREFIX = 'bifrost-load-test'
/** The cache service refuses longer keys. */
const MAX_KEY_LENGTH = 512

/** The part of @actions/cache used here; tests replace it where the service has no stand-in. */
export interface CacheApi {
  isFeatureAvailable(): boolean
  restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys?: string[]
  ): Promise<string | undefined>
  saveCache(paths: string[], key: string): Promise<number>
}

export interface CacheLog {
  info(line: string): void
  warning(line: string): void
}

export interface CacheSaveLog extends CacheLog {
  notice(line: string): void
}

export interface CacheEntry {
  /** What is cached, for the log, e.g. "vegeta". */
  name: string
  paths: string[]
  key: string
  /** Prefixes tried in order when `key` has no cache, for a partial hit. */
  restoreKeys?: string[]
}

export interface RestoredCache {
  name: string
  key: string
  paths: string[]
  /** The key of the cache that was restored; absent when none was. */
  matchedKey?: string
}

/** Commas separate keys in the service's API, so they cannot appear in one. */
function keyPart(text: string): string {
  return text.replace(/[,\s]+/g, '-')
}

export function vegetaCacheKey(version: string, platform: NodeJS.Platform, arch: string): string {
  return `${KEY_PREFIX}-vegeta-${keyPart(version)}-${platform}-${keyPart(arch)}`
}

/** `origin` is the mocker's source hash, or the repository and commit it was built from. */
export function mockerCacheKey(origin: string): string {
  const prefix = `${KEY_PREFIX}-mocker-`
  const key = `${prefix}${keyPart(origin)}`
  // A hash of an overlong origin still names it uniquely.
  return key.length <= MAX_KEY_LENGTH
    ? key
    : `${prefix}${createHash('sha256').update(origin).digest('hex')}`
}

/** Any Go build cache of the same toolchain and platform is a useful start. */
export function goBuildRestoreKey(
  goVersion: string,
  platform: NodeJS.Platform,
  arch: string
): string {
  return `${KEY_PREFIX}-go-${keyPart(goVersion)}-${platform}-${keyPart(arch)}-`
}

export function goBuildCacheKey(
  goVersion: string,
  platform: NodeJS.Platform,
  arch: string,
  goSumHash: string
): string {
  return `${goBuildRestoreKey(goVersion, platform, arch)}${keyPart(goSumHash)}`
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git'])

/** SHA-256 over every go.sum under `root` and its path: the dependencies a Go build downloads. */
export async function hashGoSumFiles(root: string): Promise<string> {
  const goSumFiles: string[] = []
  async function walk(relativeDir: string): Promise<void> {
    for (const entry of await readdir(path.join(root, relativeDir), { withFileTypes: true })) {
      const relativePath = path.join(relativeDir, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(relativePath)
      } else if (entry.isFile() && entry.name === 'go.sum') {
        goSumFiles.push(relativePath)
      }
    }
  }
  await walk('')
  goSumFiles.sort()
  const hash = createHash('sha256')
  for (const file of goSumFiles) {
    hash.update(`${file}\0`)
    hash.update(await readFile(path.join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/**
 * @github/local-action's stand-in for @actions/cache has no isFeatureAvailable, though its
 * restore and save work: treat a missing check as an available service.
 */
function serviceAvailable(api: CacheApi): boolean {
  try {
    return typeof api.isFeatureAvailable !== 'function' || api.isFeatureAvailable()
  } catch {
    // It parses GITHUB_SERVER_URL, which a hand-made environment can get wrong.
    return false
  }
}

/** Restores each entry; a miss or a failure only means starting without that cache. */
export async function restoreCaches(
  entries: CacheEntry[],
  log: CacheLog,
  api: CacheApi = actionsCache
): Promise<RestoredCache[]> {
  const unmatched = ({ name, key, paths }: CacheEntry): RestoredCache => ({ name, key, paths })
  if (!serviceAvailable(api)) {
    log.warning('cache service unavailable, continuing without cache')
    return entries.map(unmatched)
  }
  const restored: RestoredCache[] = []
  for (const entry of entries) {
    let matchedKey: string | undefined
    try {
      matchedKey = await api.restoreCache(entry.paths, entry.key, entry.restoreKeys)
    } catch (error) {
      log.warning(
        `${entry.name}: cache restore failed, continuing without it: ${errorMessage(error)}`
      )
      restored.push(unmatched(entry))
      continue
    }
    if (matchedKey === undefined) {
      log.info(`${entry.name}: no cache for ${entry.key}`)
      restored.push(unmatched(entry))
    } else {
      log.info(
        matchedKey === entry.key
          ? `${entry.name}: restored cache ${matchedKey}`
          : `${entry.name}: restored cache ${matchedKey}, will save ${entry.key} after the run`
      )
      restored.push({ ...unmatched(entry), matchedKey })
    }
  }
  return restored
}

/** Saves each entry not restored exactly. Never throws: a cache that is not saved costs time only. */
export async function saveCaches(
  restored: RestoredCache[],
  log: CacheSaveLog,
  api: CacheApi = actionsCache
): Promise<void> {
  const toSave: RestoredCache[] = []
  for (const entry of restored) {
    if (entry.matchedKey === entry.key) {
      log.info(`${entry.name}: cache ${entry.key} was restored exactly, not saved again`)
    } else if (!(await anyExists(entry.paths))) {
      log.info(`${entry.name}: nothing at ${entry.paths.join(', ')}, not saved`)
    } else {
      toSave.push(entry)
    }
  }
  if (toSave.length === 0) return
  if (!serviceAvailable(api)) {
    log.warning('cache service unavailable, caches not saved')
    return
  }
  for (const entry of toSave) {
    try {
      const cacheId = await api.saveCache(entry.paths, entry.key)
      if (cacheId === -1) {
        // The toolkit already logged why; the usual cause on a pull request is worth naming.
        log.notice(
          `${entry.name}: cache ${entry.key} not saved (the key may exist already, or the token is read-only, as on pull requests from forks)`
        )
      } else {
        log.info(`${entry.name}: saved cache ${entry.key}`)
      }
    } catch (error) {
      if (isAlreadySaved(error)) {
        log.info(`${entry.name}: cache ${entry.key} exists already, not saved`)
      } else {
        log.warning(`${entry.name}: saving cache ${entry.key} failed: ${errorMessage(error)}`)
      }
    }
  }
}

/** Another job (or an earlier attempt) saved the key first; keys are immutable. */
function isAlreadySaved(error: unknown): boolean {
  // By name, as the toolkit does, so a second bundled copy of the class still matches.
  return (
    (error instanceof Error && error.name === actionsCache.ReserveCacheError.name) ||
    /already exists/i.test(errorMessage(error))
  )
}

async function anyExists(paths: string[]): Promise<boolean> {
  for (const candidate of paths) {
    try {
      await access(candidate)
      return true
    } catch {
      // Try the next path.
    }
  }
  return false
}

/** For action state: the main step restores, the post step saves. */
export function serializeRestored(restored: RestoredCache[]): string {
  return JSON.stringify(restored)
}

/** The restored list from action state; empty when the main step saved none. */
export function parseRestored(state: string): RestoredCache[] {
  if (state === '') return []
  const parsed: unknown = JSON.parse(state)
  if (!Array.isArray(parsed)) throw new Error(`cache state is not a list: ${state}`)
  return parsed.map((item: unknown): RestoredCache => {
    if (!isRestoredCache(item))
      throw new Error(`cache state has an invalid entry: ${JSON.stringify(item)}`)
    return item
  })
}

function isRestoredCache(item: unknown): item is RestoredCache {
  if (typeof item !== 'object' || item === null) return false
  const candidate = item as Record<string, unknown>
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.key === 'string' &&
    Array.isArray(candidate.paths) &&
    candidate.paths.every((entry) => typeof entry === 'string') &&
    (candidate.matchedKey === undefined || typeof candidate.matchedKey === 'string')
  )
}
