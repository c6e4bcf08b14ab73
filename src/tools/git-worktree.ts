import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { GIT_REF_PATTERN } from '../config/values.js'
import { LoadTestError } from '../errors.js'
import { outputTail, runCommand } from './exec.js'

/** A checkout of one commit beside a repository's own, removed when done. */
export interface Worktree {
  /** The worktree's directory (outside the repository's work tree). */
  path: string
  /** The commit checked out. */
  commit: string
  /** How the ref was found: already in the repository, or fetched from origin. */
  source: 'local' | 'fetched'
  /** Removes the worktree and its administrative files; safe to call twice. */
  remove(): Promise<void>
}

/** The name every worktree directory checkoutRef makes starts with (mkdtemp's prefix). */
export const WORKTREE_PREFIX = 'base-'

/**
 * Checks out `ref` of the git repository at `repositoryPath` into a new detached worktree
 * under `parentDir` (keep it outside the user's workspace). A ref the repository lacks (a
 * shallow checkout of a pull request has no base branch) is fetched from `origin` first.
 * `onCreated` is called with the worktree's directory as soon as it exists, before git
 * registers it, so a caller can record it for removal (removeWorktree) whatever happens next.
 * Git is always run with argv, and the ref after "--" where git allows it. Throws
 * LoadTestError('setup') naming the repository, the ref and git's message.
 */
export async function checkoutRef(
  repositoryPath: string,
  ref: string,
  parentDir: string,
  log: (line: string) => void,
  onCreated: (worktreePath: string) => void = () => undefined
): Promise<Worktree> {
  if (!GIT_REF_PATTERN.test(ref)) {
    throw new LoadTestError(
      'input',
      `base-ref: got ${JSON.stringify(ref)}; expected a branch, tag or commit name.`
    )
  }
  const git = async (args: string[], what: string): Promise<string> => {
    const result = await runCommand(['git', '-C', repositoryPath, ...args])
    if (result.exitCode !== 0) {
      throw new LoadTestError(
        'setup',
        `base-ref ${ref}: ${what} failed in ${repositoryPath} (git ${args[0]}, exit status ${result.exitCode}):\n${outputTail(result)}`
      )
    }
    return result.stdout.trim()
  }
  await git(['rev-parse', '--is-inside-work-tree'], 'finding the git repository')
  let source: Worktree['source'] = 'local'
  let commit = await runCommand([
    'git',
    '-C',
    repositoryPath,
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${ref}^{commit}`
  ]).then((result) => (result.exitCode === 0 ? result.stdout.trim() : undefined))
  if (commit === undefined) {
    log(`base-ref ${ref} is not in ${repositoryPath}: fetching it from origin`)
    await git(['fetch', '--quiet', '--no-tags', 'origin', '--', ref], `fetching ${ref} from origin`)
    commit = await git(
      ['rev-parse', '--verify', 'FETCH_HEAD^{commit}'],
      'reading the fetched commit'
    )
    source = 'fetched'
  }
  const worktreePath = await mkdtemp(path.join(parentDir, WORKTREE_PREFIX))
  onCreated(worktreePath)
  await git(['worktree', 'add', '--quiet', '--detach', worktreePath, commit], 'adding a worktree')
  log(`base-ref ${ref}: commit ${commit.slice(0, 12)} checked out in ${worktreePath}`)
  let removed = false
  return {
    path: worktreePath,
    commit,
    source,
    remove: async () => {
      if (removed) return
      removed = true
      await removeWorktree(repositoryPath, worktreePath)
    }
  }
}

/**
 * Removes a worktree of `repositoryPath` and its administrative files (`git worktree remove
 * --force`, the directory, then `git worktree prune`). Harmless when it is already gone or
 * was never registered; never throws for git's refusals.
 */
export async function removeWorktree(repositoryPath: string, worktreePath: string): Promise<void> {
  await runCommand(['git', '-C', repositoryPath, 'worktree', 'remove', '--force', worktreePath])
  await rm(worktreePath, { recursive: true, force: true })
  await runCommand(['git', '-C', repositoryPath, 'worktree', 'prune'])
}

/** removeWorktree, synchronously: for a process about to exit (a second Ctrl-C). */
export function removeWorktreeSync(repositoryPath: string, worktreePath: string): void {
  const git = (args: string[]): void => {
    spawnSync('git', ['-C', repositoryPath, ...args], { stdio: 'ignore', timeout: 10_000 })
  }
  git(['worktree', 'remove', '--force', worktreePath])
  rmSync(worktreePath, { recursive: true, force: true })
  git(['worktree', 'prune'])
}

/** Whether git lists `worktreePath` among `repositoryPath`'s worktrees. */
export async function isRegisteredWorktree(
  repositoryPath: string,
  worktreePath: string
): Promise<boolean> {
  const listed = await runCommand(['git', '-C', repositoryPath, 'worktree', 'list', '--porcelain'])
  return listed.stdout.split('\n').includes(`worktree ${worktreePath}`)
}
