import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

import { REPO_ROOT } from './fixtures.js'

const CHILD = path.join(REPO_ROOT, '__tests__/fixtures/interrupt-child.ts')

interface ChildRun {
  output: () => string
  /** The work directory it made, with a targets file in it. */
  workDir: string
  pids: { stubborn: number; daemon: number }
  signal: (name: NodeJS.Signals) => void
  /** Resolves with the exit status and the ms from `since` to the exit. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>
}

const scratchDirs: string[] = []
const leftovers: number[] = []

afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Gone, as expected.
    }
  }
  for (const directory of scratchDirs.splice(0)) rmSync(directory, { recursive: true, force: true })
})

const isAlive = (pid: number): boolean => {
  try {
    const state = /^\d+ \(.*\) (\w)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

/** The stuck front end of interrupt-child.ts, once its stubborn processes run. */
async function startStuckChild(graceMs: number): Promise<ChildRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-interrupt-'))
  scratchDirs.push(scratch)
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, String(graceMs), scratch], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>(
    (resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, atMs: performance.now() }))
  )
  const deadline = Date.now() + 30_000
  let pids: ChildRun['pids'] | undefined
  while (pids === undefined) {
    const stubborn = /^stubborn (\d+)$/m.exec(output)?.[1]
    const daemon = /^daemon (\d+)$/m.exec(output)?.[1]
    if (stubborn && daemon) pids = { stubborn: Number(stubborn), daemon: Number(daemon) }
    else if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`interrupt-child did not start its processes:\n${output}`)
    } else await new Promise((resolve) => setTimeout(resolve, 50))
  }
  leftovers.push(child.pid as number, pids.stubborn, pids.daemon)
  return {
    output: () => output,
    workDir: path.join(scratch, 'bifrost-load-test-work'),
    pids,
    signal: (name) => child.kill(name),
    exit
  }
}

describe('handleInterrupts, in a front end whose run is stuck', () => {
  it('ends the process at once on a second signal, killing what we started, daemons included', async () => {
    const run = await startStuckChild(60_000)
    run.signal('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(isAlive(run.pids.stubborn)).toBe(true)
    const secondAtMs = performance.now()
    run.signal('SIGINT')
    const exit = await run.exit
    // Before, the second signal waited out a 5 s SIGTERM grace on the stubborn process.
    expect(exit.atMs - secondAtMs).toBeLessThan(1500)
    expect(exit).toMatchObject({ code: 130, signal: null })
    expect(run.output()).toContain(
      'SIGTERM: stopping the run and writing what completed… (send it again to stop at once)'
    )
    expect(run.output()).toContain('SIGINT again: stopping everything now.')
    expect(isAlive(run.pids.stubborn)).toBe(false)
    expect(isAlive(run.pids.daemon)).toBe(false)
    expect(existsSync(run.workDir)).toBe(false)
  })

  it('ends the process when the stop grace runs out after one signal', async () => {
    const run = await startStuckChild(500)
    const signalAtMs = performance.now()
    run.signal('SIGTERM')
    const exit = await run.exit
    expect(exit).toMatchObject({ code: 143, signal: null })
    expect(exit.atMs - signalAtMs).toBeGreaterThanOrEqual(500)
    expect(exit.atMs - signalAtMs).toBeLessThan(3000)
    expect(run.output()).toContain(
      'the run did not stop within 0.5 s of SIGTERM: stopping everything now.'
    )
    expect(isAlive(run.pids.stubborn)).toBe(false)
    expect(isAlive(run.pids.daemon)).toBe(false)
    expect(existsSync(run.workDir)).toBe(false)
  })
})
