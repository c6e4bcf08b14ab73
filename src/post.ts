import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { stopProcessGroup, type PidIdentity } from './services/process.js'
import { describeStray, stopStrayProcesses } from './services/strays.js'
import {
  describeTemporaryPath,
  removeTemporaryPath,
  type TemporaryPath
} from './tools/temporary-paths.js'
import { parseRestored, saveCaches, type CacheApi } from './action/cache.js'
import {
  STATE_BASELINE,
  STATE_CACHES,
  STATE_PROCESSES,
  STATE_RUN_TOKEN,
  STATE_TEMPORARY_PATHS,
  parseRunOwner
} from './action/state.js'

/** What a test can replace: the cache service, which has no local equivalent. */
export interface PostDependencies {
  /** The cache service's client; default @actions/cache. */
  cacheApi?: CacheApi
}

/**
 * The post step, which runs even when main failed or died: stop whatever main started that
 * is still alive (its process groups, only where the start time still matches what main saw;
 * then every process carrying main's run token, which finds what left those groups), remove
 * what main created outside the results directory (its work directory with vegeta's targets
 * files, a base-ref worktree), then save the caches and the baseline (save-baseline). Running
 * it twice, or after main died early, does no harm.
 */
export async function run(dependencies: PostDependencies = {}): Promise<void> {
  await stopProcesses()
  await removeTemporaryPaths()
  for (const [state, what] of [
    [STATE_CACHES, 'the caches'],
    [STATE_BASELINE, 'the baseline']
  ] as const) {
    const entries = core.getState(state)
    if (entries === '') continue
    try {
      await saveCaches(parseRestored(entries), core, dependencies.cacheApi)
    } catch (error) {
      // Caches only save time and baselines only inform: nothing here may fail the job.
      core.warning(`could not save ${what}: ${errorMessage(error)}`)
    }
  }
}

/** The saved JSON list of `state`, or [] (with a warning when it cannot be read). */
function savedList<T>(state: string, what: string): T[] {
  const saved = core.getState(state)
  if (saved === '') return []
  try {
    const list: unknown = JSON.parse(saved)
    if (Array.isArray(list)) return list as T[]
    throw new Error('not a list')
  } catch (error) {
    core.warning(`could not read ${what}: ${errorMessage(error)}`)
    return []
  }
}

async function stopProcesses(): Promise<void> {
  for (const identity of savedList<PidIdentity>(STATE_PROCESSES, 'the processes main started')) {
    if (await stopProcessGroup(identity)) {
      core.info(`stopped process group ${identity.pid}, which the main step left running`)
    }
  }
  const owner = parseRunOwner(core.getState(STATE_RUN_TOKEN))
  if (owner === undefined) return
  const stopped = await stopStrayProcesses([], {
    token: owner.token,
    notBeforeTicks: owner.notBeforeTicks
  })
  for (const stray of stopped) {
    core.info(
      `stopped ${describeStray(stray)}, which the main step started and left running outside its process groups`
    )
  }
}

async function removeTemporaryPaths(): Promise<void> {
  const entries = savedList<TemporaryPath>(STATE_TEMPORARY_PATHS, 'the paths main created')
  for (const entry of entries) {
    try {
      if (await removeTemporaryPath(entry)) {
        core.info(`removed ${describeTemporaryPath(entry)}, which the main step left`)
      }
    } catch (error) {
      core.warning(`could not remove ${describeTemporaryPath(entry)}: ${errorMessage(error)}`)
    }
  }
}
