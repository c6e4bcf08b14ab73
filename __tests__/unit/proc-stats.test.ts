import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'

import {
  ProcessTreeSampler,
  parseProcStat,
  readProcStats,
  treePids,
  type ProcStat
} from '../../src/services/proc-stats.js'
import type { ManagedProcess } from '../../src/services/process.js'
import { useSpawnedProcesses, waitForLog } from './process-fixture.js'

const { dir, startNode } = useSpawnedProcesses('proc-stats-test')
let fileCount = 0

/** A /proc/<pid>/stat line (52 fields) with the given values and zeros elsewhere. */
function statLine(fields: {
  pid: number
  comm: string
  state?: string
  ppid: number
  pgrp?: number
  utime?: number
  stime?: number
  cutime?: number
  cstime?: number
  starttime?: number
  rss?: number
}): string {
  const rest = Array<number | string>(50).fill(0)
  // rest[0] is field 3.
  rest[0] = fields.state ?? 'S'
  rest[1] = fields.ppid
  rest[2] = fields.pgrp ?? fields.pid
  rest[11] = fields.utime ?? 0
  rest[12] = fields.stime ?? 0
  rest[13] = fields.cutime ?? 0
  rest[14] = fields.cstime ?? 0
  rest[19] = fields.starttime ?? 0
  rest[21] = fields.rss ?? 0
  return `${fields.pid} (${fields.comm}) ${rest.join(' ')}\n`
}

function stat(pid: number, ppid: number): ProcStat {
  return parseProcStat(statLine({ pid, comm: `p${pid}`, ppid }))
}

describe('parseProcStat', () => {
  it('reads the fields after a comm that contains spaces and parentheses', () => {
    const parsed = parseProcStat(
      statLine({
        pid: 4242,
        comm: 'my (weird) ) name',
        state: 'R',
        ppid: 17,
        pgrp: 4000,
        utime: 1234,
        stime: 56,
        cutime: 78,
        cstime: 9,
        starttime: 987654,
        rss: 2560
      })
    )
    expect(parsed).toEqual({
      pid: 4242,
      comm: 'my (weird) ) name',
      state: 'R',
      ppid: 17,
      pgrp: 4000,
      utimeTicks: 1234,
      stimeTicks: 56,
      cutimeTicks: 78,
      cstimeTicks: 9,
      startTimeTicks: 987654,
      rssPages: 2560
    })
  })

  it('reads a real line of this process', () => {
    const parsed = parseProcStat(readFileSync('/proc/self/stat', 'utf8'))
    expect(parsed.ppid).toBeGreaterThan(0)
    expect(parsed.rssPages).toBeGreaterThan(0)
    expect(parsed.startTimeTicks).toBeGreaterThan(0)
  })

  it('rejects what is not a stat line', () => {
    expect(() => parseProcStat('')).toThrow()
    expect(() => parseProcStat('12 (short) S 1')).toThrow()
  })
})

describe('treePids', () => {
  it('finds all descendants of the root and nothing else', () => {
    const stats = [stat(1, 0), stat(10, 1), stat(11, 10), stat(12, 10), stat(13, 12), stat(20, 1)]
    expect(treePids(10, stats).sort((a, b) => a - b)).toEqual([10, 11, 12, 13])
    expect(treePids(13, stats)).toEqual([13])
    expect(treePids(99, stats)).toEqual([])
  })

  it('survives cyclic links from a snapshot taken while pids are recycled', () => {
    expect(treePids(5, [stat(5, 6), stat(6, 5)]).sort()).toEqual([5, 6])
  })
})

describe('readProcStats', () => {
  it('reads the pid directories of a proc root and skips the rest', async () => {
    const procRoot = join(dir(), 'proc-fixture')
    for (const [entry, content] of [
      ['1', statLine({ pid: 1, comm: 'init', ppid: 0 })],
      ['300', statLine({ pid: 300, comm: 'a b', ppid: 1, rss: 10 })],
      ['301', 'garbage'],
      ['self', statLine({ pid: 300, comm: 'a b', ppid: 1 })]
    ] as const) {
      mkdirSync(join(procRoot, entry), { recursive: true })
      writeFileSync(join(procRoot, entry, 'stat'), content)
    }
    mkdirSync(join(procRoot, '302'))
    const stats = await readProcStats(procRoot)
    expect(stats.map((each) => [each.pid, each.comm]).sort()).toEqual([
      [1, 'init'],
      [300, 'a b']
    ])
  })
})

describe('ProcessTreeSampler', () => {
  function startParentOfBusyChild(): ManagedProcess {
    return startNode(
      `const child = require('child_process').spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'inherit' })
       console.log('busy child ' + child.pid)
       setInterval(() => {}, 1000)`,
      'busy tree'
    )
  }

  it('samples CPU and RSS of a whole real process tree, per phase', async () => {
    const parent = startParentOfBusyChild()
    await waitForLog(parent, /busy child \d+/)
    const csvPath = join(dir(), 'stats', `tree-${++fileCount}.csv`)
    const sampler = new ProcessTreeSampler({ rootPid: parent.pid, csvPath, intervalMs: 200 })
    sampler.start('warmup')
    await sleep(600)
    sampler.setPhase('measure')
    await sleep(700)
    await sampler.stop()

    const summary = sampler.summary()
    expect(Object.keys(summary).sort()).toEqual(['measure', 'warmup'])
    for (const phase of Object.values(summary)) {
      expect(phase.samples).toBeGreaterThanOrEqual(2)
      expect(phase.samples).toBeLessThanOrEqual(3)
      // The parent idles: only the busy child can push the tree past half a core.
      expect(phase.cpuPeakPct).toBeGreaterThan(50)
      expect(phase.cpuAvgPct).toBeGreaterThan(25)
      expect(phase.cpuAvgPct).toBeLessThanOrEqual(phase.cpuPeakPct)
      expect(phase.rssPeakMb).toBeGreaterThan(10)
      expect(phase.rssAvgMb).toBeGreaterThan(10)
      expect(phase.rssAvgMb).toBeLessThanOrEqual(phase.rssPeakMb)
    }

    const [header, ...rows] = readFileSync(csvPath, 'utf8').trimEnd().split('\n')
    expect(header).toBe('timestamp,phase,cpu_pct,rss_mb,processes')
    const samples = (summary.warmup?.samples ?? 0) + (summary.measure?.samples ?? 0)
    expect(rows).toHaveLength(samples)
    for (const row of rows) {
      const [timestamp, phase, cpuPct, rssMb, processes] = row.split(',')
      expect(new Date(timestamp ?? '').toISOString()).toBe(timestamp)
      expect(['warmup', 'measure']).toContain(phase)
      expect(Number(cpuPct)).toBeGreaterThanOrEqual(0)
      expect(Number(rssMb)).toBeGreaterThan(10)
      expect(Number(processes)).toBeGreaterThanOrEqual(2)
    }
    expect(rows.map((row) => row.split(',')[1])).toEqual([
      ...Array<string>(summary.warmup?.samples ?? 0).fill('warmup'),
      ...Array<string>(summary.measure?.samples ?? 0).fill('measure')
    ])
  })

  it('stops quietly when the process tree dies mid-run', async () => {
    const parent = startParentOfBusyChild()
    await waitForLog(parent, /busy child \d+/)
    const csvPath = join(dir(), `dying-${++fileCount}.csv`)
    const sampler = new ProcessTreeSampler({ rootPid: parent.pid, csvPath, intervalMs: 100 })
    sampler.start('measure')
    await sleep(350)
    await parent.stop()
    await sleep(300)
    const rowsAtDeath = readFileSync(csvPath, 'utf8').trimEnd().split('\n').length - 1
    await sleep(300)
    await sampler.stop()
    await sampler.stop()

    expect(rowsAtDeath).toBeGreaterThanOrEqual(2)
    expect(readFileSync(csvPath, 'utf8').trimEnd().split('\n').length - 1).toBe(rowsAtDeath)
    expect(sampler.summary().measure?.samples).toBe(rowsAtDeath)
  })

  it('yields no samples for a process that does not exist', async () => {
    const csvPath = join(dir(), `absent-${++fileCount}.csv`)
    const sampler = new ProcessTreeSampler({ rootPid: 2 ** 22 + 1, csvPath, intervalMs: 50 })
    sampler.start('measure')
    await sleep(200)
    await sampler.stop()
    expect(sampler.summary()).toEqual({})
    expect(readFileSync(csvPath, 'utf8')).toBe('timestamp,phase,cpu_pct,rss_mb,processes\n')
  })
})
