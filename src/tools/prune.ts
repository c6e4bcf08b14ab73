import { readdir, rm, stat, utimes } from 'node:fs/promises'
import path from 'node:path'
import { errorMessage } from '../errors.js'

/** Builds of one name kept in the tools directory: the one in use and the most recent others. */
export const KEPT_BUILDS = 3
/**
 * A build used this recently is never removed: another run sharing the tools directory (a
 * second checkout on a laptop, a matrix leg on a self-hosted runner) may still start it, as
 * every run does again at its restart between phases.
 */
export const RECENT_USE_MS = 24 * 3600 * 1000

/**
 * Keeps the `keep` most recently used builds `<buildsDir>/<name>-*` and removes the others
 * that were not used within RECENT_USE_MS, so a tools directory that is cached between runs
 * does not grow with every gateway commit. `inUse`, the directory of the build this run uses,
 * is first marked as used now (its modification time) and so is always kept. Pruning only
 * saves space: a failure is logged, never thrown.
 *
 * @param buildsDir the directory holding one directory per build.
 * @param name the builds' name, e.g. "gateway" for gateway-<source hash>.
 * @param inUse the absolute path of the build in use.
 * @returns the directories removed.
 */
export async function pruneBuilds(
  buildsDir: string,
  name: string,
  inUse: string,
  log: (line: string) => void,
  keep: number = KEPT_BUILDS,
  recentUseMs: number = RECENT_USE_MS
): Promise<string[]> {
  try {
    const now = new Date()
    await utimes(inUse, now, now)
    const builds: { directory: string; usedMs: number }[] = []
    for (const entry of await readdir(buildsDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !entry.name.startsWith(`${name}-`)) continue
      const directory = path.join(buildsDir, entry.name)
      builds.push({ directory, usedMs: (await stat(directory)).mtimeMs })
    }
    // Newest first; the one in use leads whatever the clock says.
    builds.sort(
      (a, b) =>
        Number(b.directory === inUse) - Number(a.directory === inUse) ||
        b.usedMs - a.usedMs ||
        a.directory.localeCompare(b.directory)
    )
    const removed = builds
      .slice(Math.max(1, keep))
      .filter((build) => now.getTime() - build.usedMs > recentUseMs)
      .map((build) => build.directory)
    for (const directory of removed) await rm(directory, { recursive: true, force: true })
    if (removed.length > 0) {
      log(
        `${name}: removed ${removed.length} older build${removed.length === 1 ? '' : 's'} from ${buildsDir}, keeping the ${Math.max(1, keep)} most recently used and any used within ${recentUseMs / 3600_000} h`
      )
    }
    return removed
  } catch (error) {
    log(`${name}: could not prune old builds in ${buildsDir}: ${errorMessage(error)}`)
    return []
  }
}
