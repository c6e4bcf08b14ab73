import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { stopProcessGroup, type PidIdentity } from './services/process.js'
import { parseRestored, saveCaches, type CacheApi } from './action/cache.js'
import { STATE_BASELINE, STATE_CACHES, STATE_PROCESSES } from './action/state.js'

/** What a test can replace: the cache service, which has no local equivalent. */
export interface PostDependencies {
  /** The cache service's client; default @actions/cache. */
  cacheApi?: CacheApi
}

/**
 * The post step, which runs even when main failed or died: stop whatever main started that
 * is still alive (only processes whose start time still matches what main saw), then save
 * the caches and the baseline (save-baseline). Running it twice, or after main died early,
 * does no harm.
 */
export async function run(dependencies: PostDependencies = {}): Promise<void> {
  const saved = core.getState(STATE_PROCESSES)
  if (saved !== '') {
    let identities: PidIdentity[] = []
    try {
      identities = JSON.parse(saved) as PidIdentity[]
    } catch (error) {
      core.warning(`could not read the processes main started: ${errorMessage(error)}`)
    }
    for (const identity of identities) {
      if (await stopProcessGroup(identity)) {
        core.info(`stopped process group ${identity.pid}, which the main step left running`)
      }
    }
  }
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
