import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { stopProcessGroup, type PidIdentity } from './services/process.js'
import { parseRestored, saveCaches } from './action/cache.js'
import { STATE_CACHES, STATE_PROCESSES } from './action/state.js'

/**
 * The post step, which runs even when main failed or died: stop whatever main started that
 * is still alive (only processes whose start time still matches what main saw), then save
 * the caches. Running it twice, or after main died early, does no harm.
 */
export async function run(): Promise<void> {
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
  const caches = core.getState(STATE_CACHES)
  if (caches === '') return
  try {
    await saveCaches(parseRestored(caches), core)
  } catch (error) {
    // Caching only saves time: nothing here may fail the job.
    core.warning(`could not save the caches: ${errorMessage(error)}`)
  }
}
