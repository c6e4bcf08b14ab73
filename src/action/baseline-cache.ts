import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as actionsCache from '@actions/cache'
import { errorMessage } from '../errors.js'
import { loadBaselineResults } from '../config/baseline.js'
import { serviceAvailable, type CacheApi, type CacheLog, type RestoredCache } from './cache.js'
import { redactFile } from '../report/redact.js'

/**
 * Baselines in the Actions cache: a run with save-baseline (a nightly on the default branch)
 * leaves its results under a key per branch; a pull request's run restores the newest one of
 * its base branch by the key's prefix (the cache service returns the most recent entry
 * matching a restore key) and shows it as "vs baseline". A pull request may read the caches
 * of its base branch (docs.github.com, "Caching dependencies": restrictions for accessing a
 * cache), so this needs no token and no gh-pages branch.
 */

const KEY_PREFIX = 'bifrost-load-test-baseline-'
export const BASELINE_FILE = 'load-test-results.json'

/** Commas separate keys in the service's API; whitespace is refused too. */
const keyPart = (text: string): string => text.replace(/[,\s]+/g, '-')

/**
 * Where baselines are saved from and restored to: the same path on every runner of a kind
 * (the cache service versions an entry by its paths), outside the workspace.
 */
export function baselineDir(env: NodeJS.ProcessEnv): string {
  return path.join(env.RUNNER_TEMP || os.tmpdir(), 'bifrost-load-test-baseline')
}

/** `bifrost-load-test-baseline-<branch>-<run id>-<attempt>`: new for every run, never taken. */
export function baselineSaveKey(branch: string, runId: string, attempt: string): string {
  return `${KEY_PREFIX}${keyPart(branch)}-${keyPart(runId)}-${keyPart(attempt)}`
}

/** The restore key of a branch's baselines: `bifrost-load-test-baseline-<branch>-`. */
export function baselineRestorePrefix(branch: string): string {
  return `${KEY_PREFIX}${keyPart(branch)}-`
}

/**
 * True when `key` is a save key of `branch` itself. The prefix of `main` also matches the
 * keys of a branch called `main-old`; those are not this branch's baselines.
 */
export function isBaselineKeyOf(key: string, branch: string): boolean {
  const prefix = baselineRestorePrefix(branch)
  return key.startsWith(prefix) && /^\d+-\d+$/.test(key.slice(prefix.length))
}

/** The branch a run's baseline is saved for: the pull request's head branch, else the ref's. */
export function currentBranch(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || undefined
}

/**
 * Restores the newest baseline saved for the pull request's base branch (GITHUB_BASE_REF)
 * and returns the path of its results file, or undefined (no base branch, no cache service,
 * nothing saved, another branch's entry, or a file that is not a run's results: each said
 * in the log). Never throws: a baseline is informative only.
 */
export async function restoreBaseline(
  env: NodeJS.ProcessEnv,
  log: CacheLog,
  api: CacheApi = actionsCache
): Promise<string | undefined> {
  const branch = env.GITHUB_BASE_REF
  if (!branch) return undefined
  const prefix = baselineRestorePrefix(branch)
  const directory = baselineDir(env)
  if (!serviceAvailable(api)) {
    log.info(`baseline: no cache service, so no baseline of ${branch}`)
    return undefined
  }
  let matchedKey: string | undefined
  try {
    await mkdir(directory, { recursive: true })
    matchedKey = await api.restoreCache([directory], prefix, [prefix])
  } catch (error) {
    log.warning(`baseline: restoring the baseline of ${branch} failed: ${errorMessage(error)}`)
    return undefined
  }
  if (matchedKey === undefined) {
    log.info(
      `baseline: none saved for ${branch} (save-baseline: true on a run of ${branch} saves one)`
    )
    return undefined
  }
  if (!isBaselineKeyOf(matchedKey, branch)) {
    log.info(`baseline: ${matchedKey} is not a baseline of ${branch}, not used`)
    return undefined
  }
  const file = path.join(directory, BASELINE_FILE)
  const loaded = loadBaselineResults(file)
  if (!loaded.ok) {
    log.warning(`baseline: cache ${matchedKey} restored ${file}, ${loaded.problem}; not used`)
    return undefined
  }
  log.info(`baseline: ${branch}'s run of ${loaded.baseline.timestamp}, from cache ${matchedKey}`)
  return file
}

/**
 * Copies a run's results file into the baseline directory, secrets redacted (a cache can be
 * read by every pull request of the repository), and returns what the post step saves, or
 * why nothing is saved.
 */
export async function stageBaseline(
  resultsFile: string,
  env: NodeJS.ProcessEnv,
  secrets: readonly string[]
): Promise<{ entry: RestoredCache } | { skipReason: string }> {
  const branch = currentBranch(env)
  if (!branch || !env.GITHUB_RUN_ID) {
    return { skipReason: 'no branch or run id (GITHUB_REF_NAME, GITHUB_RUN_ID): not on a runner' }
  }
  const directory = baselineDir(env)
  await mkdir(directory, { recursive: true })
  const redacted = redactFile(BASELINE_FILE, await readFile(resultsFile), secrets)
  if (redacted.content === undefined) return { skipReason: `${resultsFile} is ${redacted.leftOut}` }
  await writeFile(path.join(directory, BASELINE_FILE), redacted.content)
  return {
    entry: {
      name: `baseline of ${branch}`,
      key: baselineSaveKey(branch, env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT || '1'),
      paths: [directory]
    }
  }
}
