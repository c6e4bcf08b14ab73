import { readFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'

import { readProcessStartTime, startProcess } from '../../src/services/process.js'
import { runToken } from '../../src/services/run-token.js'
import {
  describeStray,
  findStrayProcesses,
  stopLeftBehind,
  stopStrayProcesses
} from '../../src/services/strays.js'
import { REPO_ROOT } from './fixtures.js'
import { isAlive, useSpawnedProcesses } from './process-fixture.js'

const LISTENER = path.join(REPO_ROOT, '__tests__/fixtures/tcp-listener.mjs')
const DAEMONIZE = path.join(REPO_ROOT, '__tests__/fixtures/daemonize.sh')

const spawned = useSpawnedProcesses('blt-strays')

/**
 * A launcher of ours (a managed process) that leaves a listener in a session of its own, as
 * `setsid server &` does, and exits 0 (mode exit) or stays (mode stay). Resolves with the
 * daemon's pid and port once it listens.
 */
async function daemonOfOurs(
  name: string,
  mode: 'exit' | 'stay'
): Promise<{ launcher: ReturnType<typeof startProcess>; pid: number; port: number }> {
  const dir = spawned.dir()
  const pidFile = path.join(dir, `${name}.pids`)
  const daemonLog = path.join(dir, `${name}-daemon.log`)
  const launcher = startProcess({
    name,
    argv: [
      DAEMONIZE,
      mode,
      pidFile,
      daemonLog,
      'listening on',
      process.execPath,
      LISTENER,
      '0',
      path.join(dir, `${name}-signals.log`)
    ],
    logFile: path.join(dir, `${name}.log`)
  })
  const deadline = Date.now() + 20_000
  for (;;) {
    const port = /listening on (\d+)/.exec(safeRead(daemonLog))?.[1]
    if (port !== undefined) {
      const pid = Number(readFileSync(pidFile, 'utf8').trim())
      spawned.track(pid)
      return { launcher, pid, port: Number(port) }
    }
    if (Date.now() > deadline) throw new Error(`${name}: the daemon never listened`)
    await sleep(20)
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

describe('strays: processes of ours outside every managed process group', () => {
  it('finds a daemon that left its launcher’s group, with the port it listens on, and stops it', async () => {
    const daemon = await daemonOfOurs('exits', 'exit')
    await daemon.launcher.exited
    const service = { name: 'gateway', port: daemon.port }
    const [found, ...others] = findStrayProcesses([service])
    expect(others).toEqual([])
    expect(found).toEqual({
      pid: daemon.pid,
      startTimeTicks: readProcessStartTime(daemon.pid),
      command: expect.stringContaining(`${LISTENER} 0 `),
      ports: [service]
    })
    expect(describeStray(found as NonNullable<typeof found>)).toMatch(
      new RegExp(
        `^pid ${daemon.pid} \\(.*tcp-listener\\.mjs 0 .*\\), listening on port ${daemon.port}$`
      )
    )
    const stopped = await stopStrayProcesses([service], { graceMs: 2000 })
    expect(stopped.map((stray) => stray.pid)).toEqual([daemon.pid])
    expect(isAlive(daemon.pid)).toBe(false)
    expect(findStrayProcesses([service])).toEqual([])
  })

  it('leaves alone what is in a managed group whose leader runs, and what another token marks', async () => {
    // Managed, with a child in its group: stopped with the group, never a stray.
    const managed = spawned.startNode(
      "require('child_process').spawn('sleep', ['60'], { stdio: 'ignore' }); setInterval(() => {}, 1000)"
    )
    await sleep(300)
    expect(findStrayProcesses([])).toEqual([])
    // The same daemon is a stray only while nothing manages it; another run's token never matches.
    const daemon = await daemonOfOurs('stays', 'stay')
    expect(findStrayProcesses([]).map((stray) => stray.pid)).toEqual([daemon.pid])
    expect(findStrayProcesses([], { token: `${runToken()}0` })).toEqual([])
    await stopStrayProcesses([])
    expect(isAlive(daemon.pid)).toBe(false)
    expect(managed.running).toBe(true)
  })

  it('after a launcher exited: waits for its daemon to listen, then stops only what it started', async () => {
    const earlier = await daemonOfOurs('earlier', 'exit')
    await earlier.launcher.exited
    const since = readProcessStartTime(earlier.pid) as number
    // A clock tick is 10 ms: the later daemon starts ticks after the earlier one.
    await sleep(50)
    const later = await daemonOfOurs('later', 'exit')
    expect(readProcessStartTime(later.pid)).toBeGreaterThan(since)
    await later.launcher.exited
    const stopped = await stopLeftBehind(
      { name: 'gateway', port: later.port },
      { startedSinceTicks: readProcessStartTime(later.pid) }
    )
    expect(stopped.map((stray) => [stray.pid, stray.ports])).toEqual([
      [later.pid, [{ name: 'gateway', port: later.port }]]
    ])
    expect(isAlive(later.pid)).toBe(false)
    expect(isAlive(earlier.pid)).toBe(true)
    expect(await stopLeftBehind(undefined, { startedSinceTicks: since })).toHaveLength(1)
    expect(isAlive(earlier.pid)).toBe(false)
  })
})
