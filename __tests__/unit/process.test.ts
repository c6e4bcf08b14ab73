import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'

import { LoadTestError } from '../../src/errors.js'
import {
  onProcessStarted,
  readProcessStartTime,
  runningProcesses,
  startProcess,
  stopAllProcesses,
  stopProcessGroup,
  type ManagedProcess
} from '../../src/services/process.js'
import { isAlive, useSpawnedProcesses, waitForLog } from './process-fixture.js'

const { dir, startNode, track } = useSpawnedProcesses('process-test')

async function waitUntilDead(pid: number, timeoutMs: number): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs
  while (isAlive(pid) && Date.now() < deadlineMs) await sleep(25)
}

/** Starts a parent that starts a grandchild in its (inherited) process group, and its pid. */
async function startParentWithGrandchild(
  grandchildScript: string,
  parentTail: string
): Promise<{ parent: ManagedProcess; grandchildPid: number }> {
  const parent = startNode(
    `const child = require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchildScript)}], { stdio: 'inherit' });
     console.log('grandchild ' + child.pid);
     ${parentTail}`
  )
  const match = await waitForLog(parent, /grandchild (\d+)/)
  const grandchildPid = Number(match[1])
  track(grandchildPid)
  return { parent, grandchildPid }
}

describe('startProcess', () => {
  it('appends stdout and stderr to the log and reports the exit status', async () => {
    const logFile = join(dir(), 'appended.log')
    writeFileSync(logFile, 'earlier line\n')
    const started = startProcess({
      name: 'exit 3',
      argv: [
        process.execPath,
        '-e',
        "console.log('to stdout'); console.error('to stderr'); process.exit(3)"
      ],
      logFile
    })
    expect(started.pid).toBeGreaterThan(0)
    expect(started.argv[0]).toBe(process.execPath)
    expect(started.running).toBe(true)
    expect(started.exitDescription()).toBe('is still running')
    expect(runningProcesses()).toContain(started)

    expect(await started.exited).toEqual({ code: 3, signal: null })
    expect(started.running).toBe(false)
    expect(started.exitDescription()).toBe('exited with status 3')
    const log = readFileSync(logFile, 'utf8')
    expect(log).toContain('earlier line\n')
    expect(log).toContain('to stdout\n')
    expect(log).toContain('to stderr\n')
    expect(started.logTail(2).split('\n').sort()).toEqual(['to stderr', 'to stdout'])
  })

  it('passes cwd and env to the child', async () => {
    const started = startProcess({
      name: 'env',
      argv: [process.execPath, '-e', 'console.log(process.cwd(), process.env.LOAD_TEST_MARK)'],
      cwd: dir(),
      env: { ...process.env, LOAD_TEST_MARK: 'marked' },
      logFile: join(dir(), 'env.log')
    })
    await started.exited
    expect(started.logTail()).toBe(`${dir()} marked`)
  })

  it('reports a missing program as a setup error naming the program and the log', () => {
    const logFile = join(dir(), 'missing.log')
    const start = () =>
      startProcess({ name: 'gateway', argv: ['no-such-program-4242', '--flag'], logFile })
    expect(start).toThrow(LoadTestError)
    try {
      start()
    } catch (error) {
      const loadTestError = error as LoadTestError
      expect(loadTestError.kind).toBe('setup')
      expect(loadTestError.message).toContain('gateway')
      expect(loadTestError.message).toContain('no-such-program-4242 was not found on PATH')
      expect(loadTestError.message).toContain(logFile)
      expect(loadTestError.logFile).toBe(logFile)
    }
    expect(readFileSync(logFile, 'utf8')).toContain('no-such-program-4242 was not found on PATH')
    expect(runningProcesses()).toEqual([])
  })

  it('reports a program that is not executable', () => {
    const script = join(dir(), 'not-executable.sh')
    writeFileSync(script, '#!/bin/sh\necho hi\n')
    chmodSync(script, 0o644)
    expect(() =>
      startProcess({ name: 'mocker', argv: [script], logFile: join(dir(), 'eacces.log') })
    ).toThrow(`${script} is not executable`)
  })

  it('reports a working directory that does not exist', () => {
    const cwd = join(dir(), 'no-such-dir')
    expect(() =>
      startProcess({
        name: 'gateway',
        argv: [process.execPath, '-e', ''],
        cwd,
        logFile: join(dir(), 'no-cwd.log')
      })
    ).toThrow(`its working directory ${cwd} does not exist`)
  })

  it('tells listeners about each start until they unsubscribe', async () => {
    const seen: number[] = []
    const unsubscribe = onProcessStarted((started) => seen.push(started.pid))
    const first = startNode('')
    unsubscribe()
    const second = startNode('')
    expect(seen).toEqual([first.pid])
    await Promise.all([first.exited, second.exited])
  })
})

describe('ManagedProcess.stop', () => {
  it('stops a process with SIGTERM', async () => {
    const started = startNode('setInterval(() => {}, 1000)')
    await started.stop()
    expect(started.running).toBe(false)
    expect(started.exitDescription()).toBe('was killed by SIGTERM')
    expect(runningProcesses()).not.toContain(started)
  })

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const started = startNode(
      "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('ready'); setInterval(() => {}, 1000)"
    )
    await waitForLog(started, /ready/)
    const stopStartedMs = Date.now()
    await started.stop(300)
    expect(Date.now() - stopStartedMs).toBeGreaterThanOrEqual(290)
    expect(started.exitDescription()).toBe('was killed by SIGKILL')
    expect(started.logTail()).toContain('ignoring SIGTERM')
  })

  it('stops the whole process group, including a grandchild that ignores SIGTERM', async () => {
    const { parent, grandchildPid } = await startParentWithGrandchild(
      "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)",
      'setInterval(() => {}, 1000)'
    )
    expect(isAlive(grandchildPid)).toBe(true)
    await parent.stop(300)
    expect(parent.exitDescription()).toBe('was killed by SIGTERM')
    expect(isAlive(grandchildPid)).toBe(false)
  })

  it('kills what a leader left behind when it exits on its own', async () => {
    const { parent, grandchildPid } = await startParentWithGrandchild(
      'setInterval(() => {}, 1000)',
      'setTimeout(() => process.exit(0), 100)'
    )
    await parent.exited
    await waitUntilDead(grandchildPid, 2000)
    expect(isAlive(grandchildPid)).toBe(false)
    expect(runningProcesses()).toContain(parent)
  })

  it('is idempotent and fine with a process that already exited', async () => {
    const started = startNode('setInterval(() => {}, 1000)')
    const firstStop = started.stop()
    expect(started.stop()).toBe(firstStop)
    await Promise.all([firstStop, started.stop()])
    await started.stop()

    const exitedAlready = startNode('process.exit(0)')
    await exitedAlready.exited
    await exitedAlready.stop()
    await exitedAlready.stop()
    expect(exitedAlready.exitDescription()).toBe('exited with status 0')
  })

  it('stopAllProcesses stops every process started', async () => {
    const started = [
      startNode('setInterval(() => {}, 1000)'),
      startNode('setInterval(() => {}, 1000)')
    ]
    expect(runningProcesses()).toEqual(started)
    await stopAllProcesses()
    expect(started.map((each) => each.running)).toEqual([false, false])
    expect(runningProcesses()).toEqual([])
  })
})

describe('logTail', () => {
  it('returns the last lines, reading only the end of a large log', async () => {
    const started = startNode(
      "for (let i = 1; i <= 20000; i++) console.log('line ' + i + ' ' + 'x'.repeat(20))"
    )
    await started.exited
    expect(started.logTail(3).split('\n')).toEqual([
      `line 19998 ${'x'.repeat(20)}`,
      `line 19999 ${'x'.repeat(20)}`,
      `line 20000 ${'x'.repeat(20)}`
    ])
    // Far more lines than fit in the tail window: only whole lines from its end come back.
    const tail = started.logTail(100_000).split('\n')
    expect(tail.length).toBeLessThan(20000)
    expect(tail[0]).toMatch(/^line \d+ x{20}$/)
    expect(started.logTail(0)).toBe('')
  })

  it('is empty for a log that does not exist', () => {
    const started = startNode('')
    rmSync(started.logFile)
    expect(started.logTail()).toBe('')
  })
})

describe('stopProcessGroup', () => {
  it('stops a group known only by its saved identity', async () => {
    const { parent, grandchildPid } = await startParentWithGrandchild(
      'setInterval(() => {}, 1000)',
      'setInterval(() => {}, 1000)'
    )
    const identity = parent.pidIdentity
    expect(identity).toEqual({ pid: parent.pid, startTimeTicks: readProcessStartTime(parent.pid) })
    expect(await stopProcessGroup(JSON.parse(JSON.stringify(identity)), 1000)).toBe(true)
    await parent.exited
    expect(isAlive(grandchildPid)).toBe(false)
  })

  it('refuses a pid whose start time does not match: it may have been recycled', async () => {
    const unrelated = startNode('setInterval(() => {}, 1000)')
    const startTimeTicks = readProcessStartTime(unrelated.pid)
    expect(startTimeTicks).toBeTypeOf('number')
    expect(
      await stopProcessGroup({ pid: unrelated.pid, startTimeTicks: (startTimeTicks ?? 0) + 1 }, 100)
    ).toBe(false)
    await sleep(200)
    expect(unrelated.running).toBe(true)
    expect(isAlive(unrelated.pid)).toBe(true)
  })

  it('does nothing for a leader that exited but is not yet reaped, alone in its group', async () => {
    // The leader's parent (sleep) never reaps it: it stays a zombie with its identity, as a
    // process stopped a moment ago is until its parent's exit handler runs.
    const parent = startProcess({
      name: 'parent that does not reap',
      argv: ['sh', '-c', "setsid sh -c 'echo leader $$' & exec sleep 60"],
      logFile: join(dir(), 'zombie-parent.log')
    })
    const leaderPid = Number((await waitForLog(parent, /leader (\d+)/))[1])
    const deadlineMs = Date.now() + 5000
    const state = (): string | undefined =>
      /^\d+ \(.*\) (\w)/.exec(readFileSync(`/proc/${leaderPid}/stat`, 'utf8'))?.[1]
    while (state() !== 'Z' && Date.now() < deadlineMs) await sleep(25)
    expect(state()).toBe('Z')
    const startTimeTicks = readProcessStartTime(leaderPid)
    expect(startTimeTicks).toBeTypeOf('number')

    expect(
      await stopProcessGroup({ pid: leaderPid, startTimeTicks: startTimeTicks ?? 0 }, 100)
    ).toBe(false)
    await parent.stop()
  })

  it('does nothing for a process that is gone', async () => {
    const gone = startNode('')
    const identity = gone.pidIdentity
    await gone.exited
    expect(readProcessStartTime(gone.pid)).toBeUndefined()
    expect(identity).toBeDefined()
    if (identity !== undefined) expect(await stopProcessGroup(identity, 100)).toBe(false)
  })
})
