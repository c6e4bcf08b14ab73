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

/**
 * Checks out `ref` of the git repository at `repositoryPath` into a new detached worktree
 * under `parentDir` (keep it outside the user's workspace). A ref the repository lacks (a
 * shallow checkout of a pull request has no base branch) is fetched from `origin` first.
 * Git is always run with argv, and the ref after "--" where git allows it. Throws
 * LoadTestError('setup') naming the repository, the ref and git's message.
 */
export async function checkoutRef(
  repositoryPath: string,
  ref: string,
  parentDir: string,
  log: (line: string) => void
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
  const worktreePath = await mkdtemp(path.join(parentDir, 'base-'))
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
      await runCommand(['git', '-C', repositoryPath, 'worktree', 'remove', '--force', worktreePath])
      await rm(worktreePath, { recursive: true, force: true })
      await runCommand(['git', '-C', repositoryPath, 'worktree', 'prune'])
    }
  }
}
