import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'

import {
  NOISE_TICKS,
  cpuTimeBetween,
  parseSchedstatNs,
  readTreeCpu,
  type CpuSnapshot
} from '../../src/services/cpu-time.js'
import type { ManagedProcess } from '../../src/services/process.js'
import { useSpawnedProcesses, waitForLog } from './process-fixture.js'

const TICKS_PER_SECOND = 100
const NS_PER_TICK = 1e9 / TICKS_PER_SECOND
const MS = 1e6

interface FakeThread {
  tid: number
  startTicks: number
  cpuNs: number
  children?: number[]
}

interface FakeProcess {
  pid: number
  ppid: number
  startTicks: number
  /** utime + stime, clock ticks (written as utime, stime 0). */
  groupTicks: number
  /** cutime + cstime, clock ticks (written as cutime, cstime 0). */
  reapedTicks?: number
  threads: FakeThread[]
}

/** A /proc/<pid>/stat line (52 fields) with the given values and zeros elsewhere. */
function statLine(
  pid: number,
  fields: { ppid: number; utime: number; cutime: number; start: number }
) {
  const rest = Array<number | string>(50).fill(0)
  // rest[0] is field 3.
  rest[0] = 'S'
  rest[1] = fields.ppid
  rest[2] = pid
  rest[11] = fields.utime
  rest[13] = fields.cutime
  rest[19] = fields.start
  return `${pid} (fake ${pid}) ${rest.join(' ')}\n`
}

/** A directory laid out as /proc, with only the files cpu-time.ts reads. */
class FakeProc {
  constructor(
    readonly root: string,
    private readonly childrenFiles = true
  ) {
    mkdirSync(root, { recursive: true })
  }

  uptime(seconds: number): void {
    writeFileSync(join(this.root, 'uptime'), `${seconds.toFixed(2)} 1000.00\n`)
  }

  /** Writes a process afresh (its old threads go). */
  put(process: FakeProcess): void {
    this.remove(process.pid)
    const directory = join(this.root, String(process.pid))
    const { ppid, startTicks: start } = process
    const reaped = process.reapedTicks ?? 0
    mkdirSync(join(directory, 'task'), { recursive: true })
    writeFileSync(
      join(directory, 'stat'),
      statLine(process.pid, { ppid, utime: process.groupTicks, cutime: reaped, start })
    )
    for (const thread of process.threads) {
      const threadDirectory = join(directory, 'task', String(thread.tid))
      mkdirSync(threadDirectory)
      writeFileSync(
        join(threadDirectory, 'stat'),
        statLine(thread.tid, { ppid, utime: 0, cutime: 0, start: thread.startTicks })
      )
      writeFileSync(join(threadDirectory, 'schedstat'), `${thread.cpuNs} 12345 67\n`)
      if (this.childrenFiles) {
        const children = thread.children ?? []
        writeFileSync(
          join(threadDirectory, 'children'),
          children.length > 0 ? `${children.join(' ')} ` : ''
        )
      }
    }
  }

  remove(pid: number): void {
    rmSync(join(this.root, String(pid)), { recursive: true, force: true })
  }
}

const temporary = mkdtempSync(join(tmpdir(), 'cpu-time-test-'))
afterAll(() => rmSync(temporary, { recursive: true, force: true }))
let fakeCount = 0

const ROOT = { pid: 100, startTicks: 1000 }

/** Readings of the fake tree; uptime 20 s (tick 2000) at the first, later ones after. */
function fakeTree(childrenFiles = true) {
  const proc = new FakeProc(join(temporary, `proc-${++fakeCount}`), childrenFiles)
  proc.uptime(20)
  const read = (uptimeS?: number): CpuSnapshot => {
    if (uptimeS !== undefined) proc.uptime(uptimeS)
    return readTreeCpu(ROOT, { procRoot: proc.root, clockTicksPerSecond: TICKS_PER_SECOND })
  }
  return { proc, read }
}

describe('readTreeCpu and cpuTimeBetween on a fake /proc', () => {
  let proc: FakeProc
  let read: (uptimeS?: number) => CpuSnapshot
  beforeEach(() => {
    ;({ proc, read } = fakeTree())
  })

  it('sums every thread of the process, not the main thread alone', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 300,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 1000 * MS },
        { tid: 101, startTicks: 1001, cpuNs: 2000 * MS }
      ]
    })
    const before = read()
    expect(before.perProcess).toHaveLength(1)
    expect(before.perProcess[0]).toMatchObject({ pid: 100, cpuNs: 3000 * MS, groupCpuTicks: 300 })
    expect(before.uptimeTicks).toBe(2000)
    expect(before.nsPerTick).toBe(NS_PER_TICK)
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 420,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 1500 * MS },
        { tid: 101, startTicks: 1001, cpuNs: 2700 * MS }
      ]
    })
    const after = read(20.5)
    const delta = cpuTimeBetween(before, after)
    expect(delta).toMatchObject({
      cpuNs: 1200 * MS,
      threadsNs: 1200 * MS,
      exitedThreadsNs: 0,
      reapedNs: 0
    })
    expect(delta.elapsedNs).toBeGreaterThanOrEqual(0)
  })

  it('counts a thread that appeared whole, and one it missed not at all', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 100,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 1000 * MS }]
    })
    const before = read()
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 140,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 1100 * MS },
        // Started after the earlier reading (tick 2000): all its time is in this slice.
        { tid: 102, startTicks: 2010, cpuNs: 300 * MS },
        // Started before it yet not seen then: its baseline is unknown.
        { tid: 103, startTicks: 1500, cpuNs: 5000 * MS }
      ]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta.cpuNs).toBe(400 * MS)
    expect(delta.unknownBaseline).toBe(1)
  })

  it('takes an exited thread’s last slice from the process’s utime + stime', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 300,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 1000 * MS },
        { tid: 101, startTicks: 1001, cpuNs: 2000 * MS }
      ]
    })
    const before = read()
    // Thread 101 ran 250 ms more, then exited; thread 100 ran 200 ms: 45 ticks in all.
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 345,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 1200 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({
      threadsNs: 200 * MS,
      exitedThreadsNs: 250 * MS,
      cpuNs: 450 * MS,
      exitedThreads: 1
    })
  })

  it('never counts a negative remainder when the coarse counter lags', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 300,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 1000 * MS },
        { tid: 101, startTicks: 1001, cpuNs: 2000 * MS }
      ]
    })
    const before = read()
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 319,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 1200 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({ exitedThreadsNs: 0, cpuNs: 200 * MS })
  })

  it('counts a thread born and gone within the slice beyond the rounding noise', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 100,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 1000 * MS }]
    })
    const before = read()
    // Thread 100 ran 100 ms; an unseen thread ran 350 ms: 45 ticks in all.
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 145,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 1100 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({ threadsNs: 100 * MS, exitedThreads: 0 })
    expect(delta.exitedThreadsNs).toBe((350 - NOISE_TICKS * 10) * MS)
  })

  it('adds nothing for rounding alone', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 100,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 1000 * MS }]
    })
    const before = read()
    // utime + stime ran NOISE_TICKS ahead of schedstat, as rounding can make it.
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 110 + NOISE_TICKS,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 1100 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({ cpuNs: 100 * MS, exitedThreadsNs: 0 })
  })

  it('treats a thread id reused within the process as a new thread', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 300,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 1000 * MS },
        { tid: 101, startTicks: 1001, cpuNs: 2000 * MS }
      ]
    })
    const before = read()
    // Old 101 ran 100 ms more and exited; a new 101 ran 50 ms; 100 ran 100 ms: 25 ticks.
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 325,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 1100 * MS },
        { tid: 101, startTicks: 2020, cpuNs: 50 * MS }
      ]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({
      threadsNs: 150 * MS,
      exitedThreadsNs: 100 * MS,
      exitedThreads: 1
    })
  })

  it('follows children through every thread’s children list', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [
        { tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] },
        { tid: 101, startTicks: 1000, cpuNs: 0, children: [201] }
      ]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 5,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 50 * MS, children: [300] }]
    })
    proc.put({
      pid: 201,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 0,
      threads: [{ tid: 201, startTicks: 1100, cpuNs: 1 * MS }]
    })
    proc.put({
      pid: 300,
      ppid: 200,
      startTicks: 1200,
      groupTicks: 2,
      threads: [{ tid: 300, startTicks: 1200, cpuNs: 20 * MS }]
    })
    const snapshot = read()
    expect(snapshot.perProcess.map((process) => process.pid)).toEqual([100, 200, 201, 300])
  })

  it('takes a reaped child’s last slice from its parent’s cutime + cstime', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 50,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 500 * MS }]
    })
    const before = read()
    // The child ran 300 ms more, exited and was waited for: its 80 ticks go to the parent.
    proc.remove(200)
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      reapedTicks: 80,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 110 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({
      threadsNs: 10 * MS,
      reapedNs: 300 * MS,
      cpuNs: 310 * MS,
      goneProcesses: 1
    })
  })

  it('counts a child born and reaped within one slice whole', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      reapedTicks: 7,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS }]
    })
    const before = read()
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      reapedTicks: 37,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({ reapedNs: 300 * MS, cpuNs: 300 * MS, goneProcesses: 0 })
  })

  it('accounts a gone child and grandchild through the nearest surviving ancestor', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 50,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 500 * MS, children: [300] }]
    })
    proc.put({
      pid: 300,
      ppid: 200,
      startTicks: 1200,
      groupTicks: 20,
      threads: [{ tid: 300, startTicks: 1200, cpuNs: 200 * MS }]
    })
    const before = read()
    // 300 ran 150 ms more and was reaped by 200 (35 ticks); 200 ran 100 ms more (60 ticks
    // of its own) and was reaped by 100: 60 + 35 = 95 ticks.
    proc.remove(300)
    proc.remove(200)
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      reapedTicks: 95,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    expect(delta).toMatchObject({
      reapedNs: 250 * MS,
      cpuNs: 250 * MS,
      goneProcesses: 2,
      lostProcesses: 0
    })
  })

  it('never counts a stranger that took a child’s pid', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 50,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 500 * MS }]
    })
    const before = read()
    // The child exited (30 ticks more) and was reaped; a stranger started as pid 200 while
    // the parent's children list was read (still naming 200).
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      reapedTicks: 80,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 1,
      startTicks: 2030,
      groupTicks: 900,
      threads: [{ tid: 200, startTicks: 2030, cpuNs: 9000 * MS }]
    })
    const after = read(20.5)
    expect(after.perProcess.map((process) => process.pid)).toEqual([100])
    expect(cpuTimeBetween(before, after)).toMatchObject({ cpuNs: 300 * MS, newProcesses: 0 })
  })

  it('counts a new child of ours that reuses a pid from zero, not as the old one', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 50,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 500 * MS }]
    })
    const before = read()
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      reapedTicks: 60,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 2030,
      groupTicks: 4,
      threads: [{ tid: 200, startTicks: 2030, cpuNs: 40 * MS }]
    })
    const delta = cpuTimeBetween(before, read(20.5))
    // Old 200: 10 ticks after the earlier reading; new 200: its whole 40 ms.
    expect(delta).toMatchObject({
      reapedNs: 100 * MS,
      threadsNs: 40 * MS,
      cpuNs: 140 * MS,
      newProcesses: 1,
      goneProcesses: 1
    })
  })

  it('leaves out a process it missed at the earlier reading', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS }]
    })
    // Running since tick 1100, but not in the children list at the earlier reading.
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 50,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 500 * MS }]
    })
    const before = read()
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 120 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 60,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 600 * MS }]
    })
    const after = read(20.5)
    expect(after.perProcess.map((process) => process.pid)).toEqual([100, 200])
    expect(cpuTimeBetween(before, after)).toMatchObject({
      cpuNs: 20 * MS,
      unknownBaseline: 1,
      newProcesses: 0
    })
  })

  it('reads nothing when the root’s pid now names another process', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS, children: [200] }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 50,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 500 * MS }]
    })
    const before = read()
    proc.put({
      pid: 100,
      ppid: 1,
      startTicks: 2040,
      groupTicks: 900,
      threads: [{ tid: 100, startTicks: 2040, cpuNs: 9000 * MS, children: [200] }]
    })
    const after = read(20.5)
    expect(after.perProcess).toEqual([])
    expect(cpuTimeBetween(before, after)).toMatchObject({ cpuNs: 0, lostProcesses: 2 })
  })

  it('refuses to compare readings of different roots, clocks or order', () => {
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS }]
    })
    const before = read()
    const after = read(20.5)
    expect(() => cpuTimeBetween(before, { ...after, root: { pid: 100, startTicks: 7 } })).toThrow(
      /different processes: pid 100 \(start 1000\) and pid 100 \(start 7\)/
    )
    expect(() => cpuTimeBetween(before, { ...after, nsPerTick: 1e6 })).toThrow(/clock ticks/)
    expect(() => cpuTimeBetween(after, before)).toThrow(/taken first/)
  })
})

describe('readTreeCpu without children files', () => {
  it('finds descendants by their parent pid, and no stranger', () => {
    const { proc, read } = fakeTree(false)
    proc.put({
      ...ROOT,
      ppid: 1,
      groupTicks: 10,
      threads: [{ tid: 100, startTicks: 1000, cpuNs: 100 * MS }]
    })
    proc.put({
      pid: 200,
      ppid: 100,
      startTicks: 1100,
      groupTicks: 5,
      threads: [{ tid: 200, startTicks: 1100, cpuNs: 50 * MS }]
    })
    proc.put({
      pid: 300,
      ppid: 200,
      startTicks: 1200,
      groupTicks: 2,
      threads: [{ tid: 300, startTicks: 1200, cpuNs: 20 * MS }]
    })
    proc.put({
      pid: 400,
      ppid: 1,
      startTicks: 1300,
      groupTicks: 9,
      threads: [{ tid: 400, startTicks: 1300, cpuNs: 90 * MS }]
    })
    // Names 100 as its parent, yet started before it: a stale link, not our child.
    proc.put({
      pid: 50,
      ppid: 100,
      startTicks: 900,
      groupTicks: 9,
      threads: [{ tid: 50, startTicks: 900, cpuNs: 90 * MS }]
    })
    const snapshot = read()
    expect(snapshot.perProcess.map((process) => process.pid).sort()).toEqual([100, 200, 300])
    expect(snapshot.perProcess.reduce((sum, process) => sum + process.cpuNs, 0)).toBe(170 * MS)
  })
})

describe('parseSchedstatNs', () => {
  it('reads field 1 and rejects anything else', () => {
    expect(parseSchedstatNs('123456789 2000 30\n')).toBe(123456789)
    expect(() => parseSchedstatNs('x y z')).toThrow(/schedstat/)
  })
})

const { dir, startNode } = useSpawnedProcesses('cpu-time-test')

/** Node code that waits for `goPath` to exist, polling every 5 ms, then runs `work`. */
const onGo = (goPath: string, work: string): string =>
  `const fs = require('node:fs'); const timer = setInterval(() => { if (!fs.existsSync(${JSON.stringify(goPath)})) return; clearInterval(timer); ${work} }, 5)`

/**
 * Node code that spins until this process has used `cpuUs` more CPU time, and logs how much
 * after `label`.
 */
const burn = (cpuUs: number, label = 'burned'): string =>
  `const u0 = process.cpuUsage(); let used = 0; while (used < ${cpuUs}) { const u = process.cpuUsage(u0); used = u.user + u.system } console.log('${label} ' + used);`

/**
 * Reads `started`'s tree, lets it burn (creates the go file), waits for its log to show
 * `done`, and reads again: the CPU time in between and what the process said it burned, µs.
 */
async function measure(started: ManagedProcess, goPath: string, done: RegExp) {
  const identity = started.pidIdentity
  if (identity === undefined) throw new Error('no start time for the test child')
  const root = { pid: identity.pid, startTicks: identity.startTimeTicks }
  const before = readTreeCpu(root)
  writeFileSync(goPath, '')
  const match = await waitForLog(started, done)
  const after = readTreeCpu(root)
  return { delta: cpuTimeBetween(before, after), burnedUs: Number(match[1]), before }
}

/** The coarse counters' rounding: about two clock ticks at 100 Hz. */
const TWO_TICKS_NS = 20 * MS

describe('readTreeCpu on real processes', () => {
  it('reads back a busy loop’s CPU time within 5%', async () => {
    const goPath = join(dir(), 'go-loop')
    const started = startNode(
      `console.log('ready'); ${onGo(goPath, `${burn(300_000)} setInterval(() => {}, 1000)`)}`,
      'busy loop'
    )
    await waitForLog(started, /ready/)
    const { delta, burnedUs } = await measure(started, goPath, /burned (\d+)/)
    expect(burnedUs).toBeGreaterThanOrEqual(300_000)
    expect(Math.abs(delta.cpuNs - burnedUs * 1000)).toBeLessThanOrEqual(0.05 * burnedUs * 1000)
    expect(delta).toMatchObject({ exitedThreadsNs: 0, reapedNs: 0 })
  })

  it('counts a thread that burned and exited between readings', async () => {
    const goPath = join(dir(), 'go-worker')
    // The worker is running at the first reading, burns 300 ms on the go and ends.
    const worker = `require('node:worker_threads').parentPort.once('message', () => { ${burn(300_000, 'spun')} })`
    const started = startNode(
      `const w = new (require('node:worker_threads').Worker)(${JSON.stringify(worker)}, { eval: true }); w.on('online', () => console.log('ready')); ${onGo(
        goPath,
        `const u0 = process.cpuUsage(); w.postMessage('go'); w.on('exit', () => { const u = process.cpuUsage(u0); console.log('burned ' + (u.user + u.system)); setInterval(() => {}, 1000) })`
      )}`,
      'worker burner'
    )
    await waitForLog(started, /ready/)
    const { delta, burnedUs } = await measure(started, goPath, /burned (\d+)/)
    expect(delta.exitedThreads).toBeGreaterThanOrEqual(1)
    expect(delta.exitedThreadsNs).toBeGreaterThan(200 * MS)
    expect(Math.abs(delta.cpuNs - burnedUs * 1000)).toBeLessThanOrEqual(
      0.05 * burnedUs * 1000 + TWO_TICKS_NS
    )
  })

  it('counts a thread born and gone between readings, less the noise allowance', async () => {
    const goPath = join(dir(), 'go-short-worker')
    const worker = burn(300_000, 'spun')
    const started = startNode(
      `const { Worker } = require('node:worker_threads'); console.log('ready'); ${onGo(
        goPath,
        `const u0 = process.cpuUsage(); new Worker(${JSON.stringify(worker)}, { eval: true }).on('exit', () => { const u = process.cpuUsage(u0); console.log('burned ' + (u.user + u.system)); setInterval(() => {}, 1000) })`
      )}`,
      'short worker burner'
    )
    await waitForLog(started, /ready/)
    const { delta, burnedUs } = await measure(started, goPath, /burned (\d+)/)
    expect(delta.exitedThreads).toBe(0)
    expect(Math.abs(delta.cpuNs - burnedUs * 1000)).toBeLessThanOrEqual(
      0.05 * burnedUs * 1000 + TWO_TICKS_NS + NOISE_TICKS * 10 * MS
    )
  })

  it('counts a child that burned and was reaped between readings', async () => {
    const goPath = join(dir(), 'go-child')
    const grandchild = `console.log('child ready'); ${onGo(goPath, `${burn(300_000)} process.exit(0)`)}`
    const started = startNode(
      `const { spawn } = require('node:child_process'); spawn(process.execPath, ['-e', ${JSON.stringify(
        grandchild
      )}], { stdio: 'inherit' }).on('exit', () => { console.log('reaped'); setInterval(() => {}, 1000) })`,
      'parent of a burner'
    )
    await waitForLog(started, /child ready/)
    const { delta, before } = await measure(started, goPath, /reaped()/)
    const burnedUs = Number((await waitForLog(started, /burned (\d+)/))[1])
    expect(before.perProcess).toHaveLength(2)
    expect(delta.goneProcesses).toBe(1)
    expect(delta.reapedNs).toBeGreaterThan(250 * MS)
    expect(Math.abs(delta.cpuNs - burnedUs * 1000)).toBeLessThanOrEqual(
      0.05 * burnedUs * 1000 + TWO_TICKS_NS
    )
  })
})
