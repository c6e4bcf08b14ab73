import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  executableFileProblem,
  outputDirectoryProblem,
  readableDirectoryProblem,
  readableFileProblem
} from '../../src/config/paths.js'
import { ensureDirectorySync } from '../../src/ensure-directory.js'
import { LoadTestError } from '../../src/errors.js'
import { REPO_ROOT } from './fixtures.js'

let scratch: string
let workspace: string
const isRoot = process.getuid?.() === 0

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-paths-'))
  workspace = path.join(scratch, 'workspace')
  mkdirSync(workspace)
})

afterAll(() => {
  chmodSync(scratch, 0o755)
  rmSync(scratch, { recursive: true, force: true })
})

const output = (directory: string): string | undefined =>
  outputDirectoryProblem('results-dir', directory, { workspaceRoot: workspace })

describe('outputDirectoryProblem', () => {
  it('accepts a new directory inside the workspace and an existing writable one, creating nothing', () => {
    expect(output(path.join(workspace, 'out', 'results'))).toBeUndefined()
    expect(existsSync(path.join(workspace, 'out'))).toBe(false)
    expect(output(workspace + '/existing')).toBeUndefined()
    mkdirSync(path.join(workspace, 'existing'))
    expect(output(path.join(workspace, 'existing'))).toBeUndefined()
  })

  it.each([
    ['/proc/x', 'is inside /proc, a kernel interface rather than storage'],
    ['/proc/self/x', 'is inside /proc, a kernel interface rather than storage'],
    ['/sys/kernel/x', 'is inside /sys, a kernel interface rather than storage'],
    ['/dev/x', 'is inside /dev, a kernel interface rather than storage'],
    ['/', 'is a system directory'],
    ['/etc', 'is a system directory'],
    ['/usr', 'is a system directory'],
    ['/boot', 'is a system directory']
  ])('refuses %s, which %s', (directory, why) => {
    expect(output(directory)).toBe(
      `results-dir: got ${JSON.stringify(directory)}, which ${why}; expected a directory of its own that can be created and written.`
    )
  })

  it('refuses the workspace root and its parents, also through a symbolic link', () => {
    expect(output(workspace)).toContain('which is the workspace root;')
    expect(output(scratch)).toContain(`which contains the workspace root ${workspace};`)
    const link = path.join(scratch, 'link-to-workspace')
    symlinkSync(workspace, link)
    expect(output(link)).toBe(
      `results-dir: got ${JSON.stringify(link)} (${workspace} once links are resolved), which is the workspace root; expected a directory of its own that can be created and written.`
    )
  })

  it('refuses the home and temporary directories, wherever they are', () => {
    const shared = path.join(scratch, 'home-of-someone')
    mkdirSync(shared)
    expect(
      outputDirectoryProblem('tools-dir', shared, {
        workspaceRoot: workspace,
        sharedDirectories: [shared]
      })
    ).toContain('which is a shared directory (home or temporary directory);')
    expect(output(os.tmpdir())).toMatch(/is a (shared|system) directory/)
    expect(output(os.homedir())).toMatch(/is a (shared|system) directory/)
  })

  it('refuses a file or a dangling link in the way', () => {
    const file = path.join(scratch, 'a-file')
    writeFileSync(file, '')
    expect(output(path.join(file, 'results'))).toBe(
      `results-dir: got ${JSON.stringify(path.join(file, 'results'))}, but ${file} is a file, not a directory; expected a directory of its own that can be created and written.`
    )
    const dangling = path.join(scratch, 'dangling')
    symlinkSync(path.join(scratch, 'nowhere'), dangling)
    expect(output(path.join(dangling, 'results'))).toContain(
      `but ${dangling} is a symbolic link to something that does not exist;`
    )
  })

  it('refuses a directory whose nearest existing parent is not writable', () => {
    // mkdtemp's 0700 would keep the unprivileged user below out of everything.
    chmodSync(scratch, 0o755)
    const locked = path.join(scratch, 'locked')
    mkdirSync(locked, { mode: 0o555 })
    const target = path.join(locked, 'a', 'b')
    // root may write anywhere, so as root the check runs as nobody.
    const problem = isRoot
      ? runAsNobody(
          `import { outputDirectoryProblem } from ${JSON.stringify(path.join(REPO_ROOT, 'src/config/paths.ts'))}
           console.log(outputDirectoryProblem('results-dir', ${JSON.stringify(target)}, { workspaceRoot: ${JSON.stringify(workspace)} }))`
        )
      : output(target)
    expect(problem).toContain(
      `it does not exist and cannot be created: its nearest existing parent ${locked} is not writable (EACCES)`
    )
  })
})

function runAsNobody(script: string): string {
  const result = spawnSync(
    'setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      '--import',
      'tsx',
      '-e',
      script
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 }
  )
  expect(result.status, result.stderr).toBe(0)
  return result.stdout.trim()
}

describe('file and directory inputs', () => {
  it('wants an executable file for a binary', () => {
    const script = path.join(scratch, 'tool.sh')
    writeFileSync(script, '#!/bin/sh\n', { mode: 0o644 })
    expect(executableFileProblem('gateway-binary', script)).toBe(
      `gateway-binary: got ${JSON.stringify(script)}, which is not executable (EACCES; chmod +x it); expected an executable file.`
    )
    chmodSync(script, 0o755)
    expect(executableFileProblem('gateway-binary', script)).toBeUndefined()
    expect(executableFileProblem('vegeta-path', scratch)).toContain('which is a directory;')
    expect(executableFileProblem('vegeta-path', '/dev/null')).toContain(
      'which is neither a regular file nor a directory'
    )
  })

  it('wants a readable directory for a source tree', () => {
    expect(readableDirectoryProblem('bifrost-path', REPO_ROOT)).toBeUndefined()
    expect(readableDirectoryProblem('mocker-path', path.join(scratch, 'none'))).toContain(
      'which does not exist;'
    )
    expect(readableDirectoryProblem('mocker-path', path.join(REPO_ROOT, 'package.json'))).toBe(
      `mocker-path: got ${JSON.stringify(path.join(REPO_ROOT, 'package.json'))}, which is a file; expected a readable directory.`
    )
  })

  it('wants a regular file for a config file: never a FIFO or a device, which would block or never end', () => {
    const fifo = path.join(scratch, 'fifo')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    expect(statSync(fifo).isFIFO()).toBe(true)
    for (const candidate of [fifo, '/dev/zero', '/dev/stdin']) {
      expect(readableFileProblem('config', candidate)).toContain(
        'which is neither a regular file nor a directory (a device, FIFO or socket); expected a readable regular file.'
      )
    }
    expect(readableFileProblem('config', path.join(REPO_ROOT, 'package.json'))).toBeUndefined()
  })
})

/**
 * Runs ensureDirectorySync in a child process with a deadline: Node's recursive mkdir spins
 * forever on these paths, and a spinning synchronous call would hang this test worker.
 */
function ensureInChild(directory: string): { status: number | null; output: string; ms: number } {
  const started = performance.now()
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import { ensureDirectorySync } from ${JSON.stringify(path.join(REPO_ROOT, 'src/ensure-directory.ts'))}
       try { ensureDirectorySync(process.argv[1]); console.log('created') }
       catch (error) { console.log(error.message); process.exitCode = 3 }`,
      directory
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 }
  )
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}`.trim(),
    ms: performance.now() - started
  }
}

describe('ensureDirectorySync', () => {
  it('creates every missing level and accepts an existing directory', () => {
    const nested = path.join(scratch, 'made', 'a', 'b')
    ensureDirectorySync(nested)
    expect(statSync(nested).isDirectory()).toBe(true)
    ensureDirectorySync(nested)
  })

  it('fails at once where Node recursive mkdir loops: /proc and a dangling link', () => {
    const onProc = ensureInChild('/proc/blt-x/y')
    expect(onProc.status, onProc.output).toBe(3)
    expect(onProc.output).toBe(
      'cannot create directory /proc/blt-x/y: mkdir /proc/blt-x: the filesystem of /proc does not allow new directories (a virtual filesystem such as /proc or /sys)'
    )
    const dangling = path.join(scratch, 'dangling-for-mkdir')
    symlinkSync(path.join(scratch, 'nowhere-for-mkdir'), dangling)
    const underLink = ensureInChild(path.join(dangling, 'out'))
    expect(underLink.status, underLink.output).toBe(3)
    expect(underLink.output).toBe(
      `cannot create directory ${path.join(dangling, 'out')}: ${dangling} is a symbolic link to something that does not exist`
    )
  })

  it('fails on a file in the way', () => {
    const file = path.join(scratch, 'file-in-the-way')
    writeFileSync(file, '')
    expect(() => ensureDirectorySync(path.join(file, 'x'))).toThrow(LoadTestError)
    expect(() => ensureDirectorySync(path.join(file, 'x'))).toThrow(
      `${file} exists and is not a directory`
    )
  })
})
