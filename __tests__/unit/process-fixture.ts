/**
 * Shared setup for the unit tests that start real processes: a temp dir for their logs, and
 * after each test a check that every process a test started (and every pid it tracked) is gone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'

import {
  onProcessStarted,
  runningProcesses,
  startProcess,
  stopAllProcesses,
  type ManagedProcess
} from '../../src/services/process.js'

export interface SpawnedProcesses {
  /** The temp dir of this test file; it exists from beforeAll until afterAll. */
  dir(): string
  /** Starts `node -e script` with its own log in the temp dir. */
  startNode(script: string, name?: string): ManagedProcess
  /** Also checks pid is dead after the test: for a process started some other way. */
  track(pid: number): void
}

/**
 * Registers the hooks of a test file that starts processes; call it once, at the top level.
 * After each test every process is stopped, none may be left running, and every pid that a
 * test started, directly or tracked, must be dead.
 */
export function useSpawnedProcesses(prefix: string): SpawnedProcesses {
  let tempDir: string | undefined
  let logCount = 0
  const spawnedPids = new Set<number>()
  let stopRecording: (() => void) | undefined

  beforeAll(() => {
    tempDir = mkdtempSync(join(tmpdir(), `${prefix}-`))
    stopRecording = onProcessStarted((started) => spawnedPids.add(started.pid))
  })

  afterEach(async () => {
    await stopAllProcesses(1000)
    expect(runningProcesses()).toEqual([])
    for (const pid of spawnedPids) expect(isAlive(pid), `pid ${pid}`).toBe(false)
    spawnedPids.clear()
  })

  afterAll(() => {
    stopRecording?.()
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true })
  })

  function dir(): string {
    if (tempDir === undefined) throw new Error(`the ${prefix} temp dir exists only while tests run`)
    return tempDir
  }

  return {
    dir,
    startNode(script, name = 'test child') {
      return startProcess({
        name,
        argv: [process.execPath, '-e', script],
        logFile: join(dir(), `child-${++logCount}.log`)
      })
    },
    track(pid) {
      spawnedPids.add(pid)
    }
  }
}

/**
 * kill(pid, 0) also succeeds for a zombie, and where init reaps orphans lazily (this sandbox's
 * does so every ~2 s) a killed grandchild stays one for a while: it is dead all the same.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ESRCH')
    return false
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/** Polls the log of started (for up to 10 s) until pattern matches, and returns the match. */
export async function waitForLog(
  started: ManagedProcess,
  pattern: RegExp
): Promise<RegExpMatchArray> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const match = readFileSync(started.logFile, 'utf8').match(pattern)
    if (match !== null) return match
    await sleep(25)
  }
  throw new Error(`${started.name} never logged ${pattern}`)
}
