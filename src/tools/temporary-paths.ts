import { existsSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import {
  WORKTREE_PREFIX,
  isRegisteredWorktree,
  removeWorktree,
  removeWorktreeSync
} from './git-worktree.js'

/**
 * What a run creates outside its results directory: its work directory (vegeta's targets
 * files, which hold every header value in clear) and a base-ref worktree (registered in the
 * user's repository). The engine removes them when the run ends; they are also kept here, so
 * a front end about to exit (a second Ctrl-C) can remove them synchronously, and handed to the
 * front end as they are created, so the action's post step can remove what a killed main step
 * left.
 */
export type TemporaryPath =
  | { kind: 'directory'; path: string }
  | { kind: 'git-worktree'; path: string; repositoryPath: string }

/** The name every work directory of a run starts with (mkdtemp's prefix). */
export const WORK_DIR_PREFIX = 'bifrost-load-test-'

const tracked = new Map<string, TemporaryPath>()

/** Records a path the run created, until untrackTemporaryPath. */
export function trackTemporaryPath(entry: TemporaryPath): void {
  tracked.set(entry.path, entry)
}

export function untrackTemporaryPath(entry: TemporaryPath): void {
  tracked.delete(entry.path)
}

/** The paths created and not yet removed. */
export function trackedTemporaryPaths(): TemporaryPath[] {
  return [...tracked.values()]
}

/**
 * Removes every tracked path, synchronously, for a process about to exit; never throws (an
 * exit path has nowhere to report to).
 */
export function removeTrackedPathsNow(): void {
  for (const entry of trackedTemporaryPaths()) {
    try {
      if (entry.kind === 'git-worktree') removeWorktreeSync(entry.repositoryPath, entry.path)
      else rmSync(entry.path, { recursive: true, force: true })
      tracked.delete(entry.path)
    } catch {
      // Nothing more can be done at this point.
    }
  }
}

/**
 * Removes one path the run created: a directory with everything in it; a worktree with git
 * (removeWorktree). Resolves with whether anything was there to remove. Only an absolute path
 * whose name the run gives (WORK_DIR_PREFIX, WORKTREE_PREFIX) is touched: anything else, from
 * a saved list that is not ours, throws an Error naming it.
 */
export async function removeTemporaryPath(entry: TemporaryPath): Promise<boolean> {
  const prefix = entry.kind === 'git-worktree' ? WORKTREE_PREFIX : WORK_DIR_PREFIX
  if (!path.isAbsolute(entry.path) || !path.basename(entry.path).startsWith(prefix)) {
    throw new Error(
      `refusing to remove ${JSON.stringify(entry.path)}: not a ${entry.kind} a run creates (an absolute path named ${prefix}…)`
    )
  }
  if (entry.kind === 'directory') {
    const existed = existsSync(entry.path)
    await rm(entry.path, { recursive: true, force: true })
    return existed
  }
  const existed =
    existsSync(entry.path) || (await isRegisteredWorktree(entry.repositoryPath, entry.path))
  if (existed) await removeWorktree(entry.repositoryPath, entry.path)
  return existed
}

/** "the work directory /tmp/bifrost-load-test-x" or "the git worktree /tmp/base-x of /repo" */
export function describeTemporaryPath(entry: TemporaryPath): string {
  return entry.kind === 'git-worktree'
    ? `the git worktree ${entry.path} of ${entry.repositoryPath}`
    : `the work directory ${entry.path}`
}
