import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkoutRef } from '../../src/tools/git-worktree.js'
import {
  WORK_DIR_PREFIX,
  removeTemporaryPath,
  removeTrackedPathsNow,
  trackTemporaryPath,
  trackedTemporaryPaths,
  type TemporaryPath
} from '../../src/tools/temporary-paths.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8'
  }).trim()

// Real git, real directories: what a run leaves outside its results directory.
describe('temporary paths', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-temporary-paths-'))
  const repository = path.join(scratch, 'repository')
  mkdirSync(repository)
  git(repository, 'init', '--quiet', '--initial-branch=main')
  writeFileSync(path.join(repository, 'file.txt'), 'one\n')
  git(repository, 'add', '.')
  git(repository, 'commit', '--quiet', '-m', 'one')
  const worktreesBefore = git(repository, 'worktree', 'list')
  const adminFiles = (): string[] => {
    const admin = path.join(repository, '.git', 'worktrees')
    return existsSync(admin) ? readdirSync(admin) : []
  }

  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  /** A work directory with a targets file in it, as a run makes one. */
  function workDir(): TemporaryPath {
    const directory = mkdtempSync(path.join(scratch, WORK_DIR_PREFIX))
    writeFileSync(path.join(directory, 'overhead-targets.json'), '{"header":{"Authorization":[]}}')
    return { kind: 'directory', path: directory }
  }

  async function worktree(): Promise<TemporaryPath> {
    let created: TemporaryPath | undefined
    await checkoutRef(
      repository,
      'main',
      scratch,
      () => undefined,
      (worktreePath) => {
        created = { kind: 'git-worktree', path: worktreePath, repositoryPath: repository }
      }
    )
    if (created === undefined) throw new Error('checkoutRef did not report its worktree')
    expect(git(repository, 'worktree', 'list')).not.toBe(worktreesBefore)
    return created
  }

  it('removes a work directory and a registered worktree, and says whether they were there', async () => {
    for (const entry of [workDir(), await worktree()]) {
      expect(await removeTemporaryPath(entry)).toBe(true)
      expect(existsSync(entry.path)).toBe(false)
      expect(await removeTemporaryPath(entry)).toBe(false)
    }
    expect(git(repository, 'worktree', 'list')).toBe(worktreesBefore)
    expect(adminFiles()).toEqual([])
  })

  it('unregisters a worktree whose directory is already gone', async () => {
    const entry = await worktree()
    rmSync(entry.path, { recursive: true, force: true })
    expect(await removeTemporaryPath(entry)).toBe(true)
    expect(git(repository, 'worktree', 'list')).toBe(worktreesBefore)
    expect(adminFiles()).toEqual([])
  })

  it('removes every tracked path synchronously, for a process about to exit', async () => {
    const entries = [workDir(), await worktree()]
    for (const entry of entries) trackTemporaryPath(entry)
    removeTrackedPathsNow()
    for (const entry of entries) expect(existsSync(entry.path)).toBe(false)
    expect(trackedTemporaryPaths()).toEqual([])
    expect(git(repository, 'worktree', 'list')).toBe(worktreesBefore)
    expect(adminFiles()).toEqual([])
  })

  it('refuses a path it would not have created', async () => {
    const home = { kind: 'directory', path: os.homedir() } as const
    await expect(removeTemporaryPath(home)).rejects.toThrow(
      `refusing to remove ${JSON.stringify(os.homedir())}: not a directory a run creates (an absolute path named bifrost-load-test-…)`
    )
    const relative = { kind: 'git-worktree', path: 'base-x', repositoryPath: repository } as const
    await expect(removeTemporaryPath(relative)).rejects.toThrow('refusing to remove "base-x"')
    expect(existsSync(os.homedir())).toBe(true)
  })
})
