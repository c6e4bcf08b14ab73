import { createHash } from 'node:crypto'
import { access, lstat, readdir, readFile } from 'node:fs/promises'
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
  /** Files and directories; the last part of a path may hold `*` (as @actions/cache's globs). */
  paths: string[]
  /**
   * The key, or with `contentRoots` the key's prefix: the post step then saves under the
   * prefix plus a hash of what is there (see contentHash), so a cache whose content changed
   * is saved again under a new key, and an unchanged one is not saved twice.
   */
  key: string
  /** Prefixes tried in order when `key` has no cache, for a partial hit. */
  restoreKeys?: string[]
  /** Whose content decides the saved key (see `key`). */
  contentRoots?: string[]
  /** Set when this entry must be neither restored nor saved, saying why (logged). */
  skipReason?: string
}

export interface RestoredCache {
  name: string
  key: string
  paths: string[]
  /** The key of the cache that was restored; absent when none was. */
  matchedKey?: string
  contentRoots?: string[]
  skipReason?: string
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

/** Any Go module and build cache of the same toolchain and platform is a useful start. */
export function goBuildRestoreKey(
  goVersion: string,
  platform: NodeJS.Platform,
  arch: string
): string {
  return `${KEY_PREFIX}-go-${keyPart(goVersion)}-${platform}-${keyPart(arch)}-`
}

/**
 * The prefix of the Go caches' keys for one set of go.sum files; the post step appends a hash
 * of the caches' content, so a build cache that grew is saved again (go.sum alone would never
 * change the key after the first save).
 */
export function goBuildCacheKey(
  goVersion: string,
  platform: NodeJS.Platform,
  arch: string,
  goSumHash: string
): string {
  return `${goBuildRestoreKey(goVersion, platform, arch)}${keyPart(goSumHash)}-`
}

/** The prefix of the kept gateway builds' key; the post step appends their content hash. */
export function gatewayBuildsCacheKey(platform: NodeJS.Platform, arch: string): string {
  return `${KEY_PREFIX}-gateway-builds-${platform}-${keyPart(arch)}-`
}

/** How many hex digits of the content hash go into a key. */
const CONTENT_HASH_DIGITS = 16

/**
 * SHA-256 over the relative path and size of every file under `roots` (a root's last part may
 * hold `*`), in a stable order; a root that does not exist counts as empty. Names and sizes,
 * not modification times: Go refreshes the times of the build cache entries it uses, which
 * would make every run's key new without anything worth saving. Entries in Go's build cache
 * and module download cache are named by their content or version, so a new build or module
 * changes the hash. Symbolic links are not followed.
 */
export async function contentHash(roots: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const root of roots) {
    for (const expanded of await expandPattern(root)) {
      const files: string[] = []
      const walk = async (relativeDir: string): Promise<void> => {
        let entries
        try {
          entries = await readdir(path.join(expanded, relativeDir), { withFileTypes: true })
        } catch {
          return
        }
        for (const entry of entries) {
          const relativePath = path.join(relativeDir, entry.name)
          if (entry.isDirectory()) await walk(relativePath)
          else if (entry.isFile()) files.push(relativePath)
        }
      }
      await walk('')
      files.sort()
      hash.update(`root ${expanded}\0`)
      for (const file of files) {
        const { size } = await lstat(path.join(expanded, file))
        hash.update(`${file}\0${size}\0`)
      }
    }
  }
  return hash.digest('hex')
}

/** `dir/prefix-*` → the matching entries of dir (sorted); a path without `*` → itself. */
async function expandPattern(pattern: string): Promise<string[]> {
  const base = path.basename(pattern)
  if (!base.includes('*')) return [pattern]
  const directory = path.dirname(pattern)
  const escaped = base.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')
  const matcher = new RegExp(`^${escaped}$`)
  try {
    return (await readdir(directory))
      .filter((name) => matcher.test(name))
      .sort()
      .map((name) => path.join(directory, name))
  } catch {
    return []
  }
}

/** The key a content-keyed entry is saved under now. */
async function keyToSave(entry: RestoredCache): Promise<string> {
  if (entry.contentRoots === undefined) return entry.key
  const digest = await contentHash(entry.contentRoots)
  return `${entry.key}${digest.slice(0, CONTENT_HASH_DIGITS)}`
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
/** Whether the cache service can be used; false when asking fails. */
export function serviceAvailable(api: CacheApi): boolean {
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
  const unmatched = ({
    name,
    key,
    paths,
    contentRoots,
    skipReason
  }: CacheEntry): RestoredCache => ({
    name,
    key,
    paths,
    ...(contentRoots === undefined ? {} : { contentRoots }),
    ...(skipReason === undefined ? {} : { skipReason })
  })
  const toRestore = entries.filter((entry) => {
    if (entry.skipReason !== undefined) log.info(`${entry.name}: ${entry.skipReason}`)
    return entry.skipReason === undefined
  })
  if (!serviceAvailable(api)) {
    if (toRestore.length > 0) log.warning('cache service unavailable, continuing without cache')
    return entries.map(unmatched)
  }
  const restored: RestoredCache[] = []
  for (const entry of entries) {
    if (entry.skipReason !== undefined) {
      restored.push(unmatched(entry))
      continue
    }
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
      log.info(`${entry.name}: no cache for ${entry.key}${entry.contentRoots ? '…' : ''}`)
      restored.push(unmatched(entry))
    } else {
      log.info(
        entry.contentRoots !== undefined
          ? `${entry.name}: restored cache ${matchedKey}; saved again after the run only if its content changed`
          : matchedKey === entry.key
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
  for (const restoredEntry of restored) {
    if (restoredEntry.skipReason !== undefined) {
      log.info(`${restoredEntry.name}: not saved: ${restoredEntry.skipReason}`)
      continue
    }
    if (!(await anyExists(restoredEntry.paths))) {
      log.info(`${restoredEntry.name}: nothing at ${restoredEntry.paths.join(', ')}, not saved`)
      continue
    }
    const entry = { ...restoredEntry, key: await keyToSave(restoredEntry) }
    if (entry.matchedKey === entry.key) {
      log.info(
        entry.contentRoots === undefined
          ? `${entry.name}: cache ${entry.key} was restored exactly, not saved again`
          : `${entry.name}: content unchanged since cache ${entry.key} was restored, not saved again`
      )
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
  for (const candidate of (await Promise.all(paths.map(expandPattern))).flat()) {
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
    isStringList(candidate.paths) &&
    (candidate.matchedKey === undefined || typeof candidate.matchedKey === 'string') &&
    (candidate.contentRoots === undefined || isStringList(candidate.contentRoots)) &&
    (candidate.skipReason === undefined || typeof candidate.skipReason === 'string')
  )
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string')
}
