import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkoutRef } from '../../src/tools/git-worktree.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com'
    }
  }).trim()

// Real git on real repositories in temporary directories.
describe('checkoutRef', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-worktree-'))
  const origin = path.join(scratch, 'origin')
  const clone = path.join(scratch, 'clone')
  const parent = path.join(scratch, 'worktrees')
  execFileSync('mkdir', ['-p', origin, parent])
  git(origin, 'init', '--quiet', '--initial-branch=main')
  writeFileSync(path.join(origin, 'version.txt'), 'one\n')
  git(origin, 'add', '.')
  git(origin, 'commit', '--quiet', '-m', 'one')
  const first = git(origin, 'rev-parse', 'HEAD')
  git(origin, 'branch', 'base')
  writeFileSync(path.join(origin, 'version.txt'), 'two\n')
  git(origin, 'commit', '--quiet', '-am', 'two')
  // A shallow single-branch clone, as actions/checkout makes for a pull request.
  execFileSync('git', [
    'clone',
    '--quiet',
    '--depth=1',
    '--single-branch',
    '--branch=main',
    `file://${origin}`,
    clone
  ])
  const log: string[] = []

  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('checks out a commit the repository has, then removes every trace of it', async () => {
    const worktree = await checkoutRef(origin, first, parent, (line) => log.push(line))
    expect(worktree.commit).toBe(first)
    expect(worktree.source).toBe('local')
    expect(path.dirname(worktree.path)).toBe(parent)
    expect(readFileSync(path.join(worktree.path, 'version.txt'), 'utf8')).toBe('one\n')
    // The repository's own checkout is untouched.
    expect(readFileSync(path.join(origin, 'version.txt'), 'utf8')).toBe('two\n')
    await worktree.remove()
    await worktree.remove()
    expect(existsSync(worktree.path)).toBe(false)
    expect(git(origin, 'worktree', 'list').split('\n')).toHaveLength(1)
    expect(git(origin, 'status', '--porcelain')).toBe('')
  })

  it('fetches a branch the shallow clone lacks from origin', async () => {
    const worktree = await checkoutRef(clone, 'base', parent, (line) => log.push(line))
    try {
      expect(worktree.source).toBe('fetched')
      expect(worktree.commit).toBe(first)
      expect(readFileSync(path.join(worktree.path, 'version.txt'), 'utf8')).toBe('one\n')
      expect(log).toContain(`base-ref base is not in ${clone}: fetching it from origin`)
    } finally {
      await worktree.remove()
    }
    expect(git(clone, 'status', '--porcelain')).toBe('')
  })

  it('names a ref that exists nowhere, and refuses one that looks like an option', async () => {
    await expect(
      checkoutRef(clone, 'no-such-branch', parent, () => undefined)
    ).rejects.toMatchObject({
      kind: 'setup',
      message: expect.stringContaining(
        'base-ref no-such-branch: fetching no-such-branch from origin failed'
      )
    })
    await expect(
      checkoutRef(clone, '--upload-pack=x', parent, () => undefined)
    ).rejects.toMatchObject({
      kind: 'input',
      message: 'base-ref: got "--upload-pack=x"; expected a branch, tag or commit name.'
    })
  })

  it('names a directory that is no git repository', async () => {
    await expect(checkoutRef(parent, 'main', parent, () => undefined)).rejects.toMatchObject({
      kind: 'setup',
      message: expect.stringContaining('finding the git repository failed')
    })
  })
})
