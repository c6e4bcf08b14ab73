/**
 * CPU time of a process tree (a gateway and every process it started), in nanoseconds, read
 * from /proc at the boundaries of time slices; a pure function gives the time spent between
 * two readings.
 *
 * Where each nanosecond comes from (proc(5); kernel fs/proc/base.c, kernel/exit.c):
 * - A living thread: field 1 of /proc/<pid>/task/<tid>/schedstat, its time on a CPU in ns.
 *   /proc/<pid>/schedstat alone would not do: it is the main thread's only.
 * - A thread that exited between two readings: its own file is gone, and the kernel has
 *   folded its time into the process's utime + stime (fields 14–15 of /proc/<pid>/stat,
 *   every thread, exited ones included, in clock ticks). Its time since the earlier reading
 *   is that counter's growth less what the living threads' schedstat grew, never below zero:
 *   precise to about two clock ticks (utime and stime are each rounded down; 20 ms at
 *   100 Hz). A thread that started and exited between the readings leaves only that
 *   difference behind, which rounding alone keeps within NOISE_TICKS: when no known thread
 *   exited, only the part beyond NOISE_TICKS is counted, so rounding never adds time and
 *   such a thread is counted less up to NOISE_TICKS.
 * - A child process that exited between two readings and was waited for: its total time
 *   (its own and its waited-for children's) is added to its parent's cutime + cstime (fields
 *   16–17) when the parent reaps it. Its time since the earlier reading is the growth of the
 *   nearest surviving ancestor's reaped time less what the gone processes under it had
 *   already spent at the earlier reading (utime + stime + cutime + cstime), never below
 *   zero; also precise to a few clock ticks. A child born and reaped within one slice is
 *   counted whole that way.
 * - A process or thread first seen in the later reading counts whole if it started after
 *   the earlier reading (start time, field 22 of stat, against /proc/uptime); one that
 *   started before but was missed is not counted in that slice (counted as unknownBaseline).
 *
 * Identity: a process is its pid *and* start time, a thread its tid and start time, so a
 * recycled pid is never mistaken for the process that had it. The root must still have the
 * start time the caller proved ours (run-token.ts, ourProcessStartTicks); a child is taken
 * from the children lists of its parent's threads (/proc/<pid>/task/<tid>/children, or a scan
 * of every process's parent where the kernel lacks those files), and only while its own stat
 * still names that parent: a stranger that took a child's pid in between is never counted.
 *
 * Not counted: the last slice of a child reaped by someone else (its parent ignores SIGCHLD,
 * or it was re-parented to init or a subreaper after its parent exited). The readings are
 * not atomic: a slice boundary is smeared over the reading's duration (tookNs: 1.2–11 ms
 * for 2 processes with 17 threads on this project's 2-core machine at load 4), and a running
 * thread's schedstat lags by up to one scheduler tick; both shift time between neighbouring
 * slices, never in or out of the run. The files are read synchronously: through the libuv
 * pool the same reading took 6–30 ms, a wider smear than the event loop's short block.
 */

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getSystemUnits, parseProcStat, treePids, type ProcStat } from './proc-stats.js'

/** A process: its pid and the clock tick after boot at which it started. */
export interface ProcessIdentity {
  pid: number
  startTicks: number
}

/** One thread's CPU time at a reading. */
export interface ThreadCpu {
  tid: number
  /** Clock ticks after boot at which the thread started. */
  startTicks: number
  /** Time on a CPU since it started (schedstat field 1), ns. */
  cpuNs: number
}

/** One process of the tree at a reading. */
export interface ProcessCpu {
  pid: number
  ppid: number
  startTicks: number
  /** Sum over its living threads, ns. */
  cpuNs: number
  threads: ThreadCpu[]
  /** utime + stime: every thread, exited ones included, clock ticks. */
  groupCpuTicks: number
  /** cutime + cstime: the children it waited for, and theirs, clock ticks. */
  reapedCpuTicks: number
}

/** A reading of one process tree. */
export interface CpuSnapshot {
  /** When the reading began, ns since the Unix epoch (performance.timeOrigin + now()). */
  atUnixNs: number
  /** How long the reading took, ns. */
  tookNs: number
  /** Clock ticks after boot when the reading began (/proc/uptime, rounded down). */
  uptimeTicks: number
  /** Nanoseconds in a clock tick (1e9 / CLK_TCK). */
  nsPerTick: number
  root: ProcessIdentity
  /** The root first, then its descendants; empty when the root is gone or its pid reused. */
  perProcess: ProcessCpu[]
}

/** The CPU time a process tree spent between two readings, and how it was accounted. */
export interface CpuDelta {
  /** Everything below together, ns. */
  cpuNs: number
  /** From schedstat: threads living at the later reading, ns. */
  threadsNs: number
  /** From utime + stime: threads that exited in between (seen before or not), ns. */
  exitedThreadsNs: number
  /** From cutime + cstime: processes that exited and were reaped in between, ns. */
  reapedNs: number
  /** Threads seen at the earlier reading only. */
  exitedThreads: number
  /** Processes seen at the earlier reading only, accounted through an ancestor's reaped time. */
  goneProcesses: number
  /** Processes seen at the earlier reading only with no surviving ancestor in the tree. */
  lostProcesses: number
  /** Processes first seen at the later reading, counted whole. */
  newProcesses: number
  /** Threads or processes first seen at the later reading that started before the earlier one. */
  unknownBaseline: number
  elapsedNs: number
}

export interface ReadTreeCpuOptions {
  procRoot?: string
  /** Default: getconf CLK_TCK. */
  clockTicksPerSecond?: number
}

/**
 * Reads the CPU time of `root` and all its descendants (see the module comment),
 * synchronously: about three small files per thread. Never throws for a process or thread that vanishes while it is read: it is left out. Throws
 * when /proc/uptime cannot be read (no /proc at all).
 */
export function readTreeCpu(root: ProcessIdentity, options: ReadTreeCpuOptions = {}): CpuSnapshot {
  const procRoot = options.procRoot ?? '/proc'
  const ticksPerSecond = options.clockTicksPerSecond ?? getSystemUnits().clockTicksPerSecond
  const startMs = performance.now()
  const atUnixNs = (performance.timeOrigin + startMs) * 1e6
  const uptimeTicks = readUptimeTicks(procRoot, ticksPerSecond)
  const perProcess: ProcessCpu[] = []
  const rootRead = readProcess(procRoot, root.pid)
  if (rootRead !== undefined && rootRead.process.startTicks === root.startTicks) {
    perProcess.push(rootRead.process)
    const descendants =
      rootRead.childPids === undefined
        ? readDescendantsByScan(procRoot, rootRead.process)
        : readDescendantsByChildren(procRoot, rootRead)
    perProcess.push(...descendants)
  }
  return {
    atUnixNs,
    tookNs: (performance.now() - startMs) * 1e6,
    uptimeTicks,
    nsPerTick: 1e9 / ticksPerSecond,
    root: { ...root },
    perProcess
  }
}

/**
 * The CPU time spent between `before` and `after`, two readings of the same root (see the
 * module comment for each part). Throws a RangeError when the readings are of different
 * roots, use different clock ticks, or are out of order.
 */
export function cpuTimeBetween(before: CpuSnapshot, after: CpuSnapshot): CpuDelta {
  if (before.root.pid !== after.root.pid || before.root.startTicks !== after.root.startTicks) {
    throw new RangeError(
      `readings of different processes: pid ${before.root.pid} (start ${before.root.startTicks}) and pid ${after.root.pid} (start ${after.root.startTicks})`
    )
  }
  if (before.nsPerTick !== after.nsPerTick) {
    throw new RangeError(
      `readings with different clock ticks: ${before.nsPerTick} and ${after.nsPerTick} ns`
    )
  }
  if (after.atUnixNs < before.atUnixNs) throw new RangeError('the later reading was taken first')
  const nsPerTick = after.nsPerTick
  const delta: CpuDelta = {
    cpuNs: 0,
    threadsNs: 0,
    exitedThreadsNs: 0,
    reapedNs: 0,
    exitedThreads: 0,
    goneProcesses: 0,
    lostProcesses: 0,
    newProcesses: 0,
    unknownBaseline: 0,
    elapsedNs: after.atUnixNs - before.atUnixNs
  }
  const earlier = new Map(before.perProcess.map((process) => [identityKey(process), process]))
  const survivors = new Map<string, { earlier: ProcessCpu; later: ProcessCpu }>()
  for (const later of after.perProcess) {
    const key = identityKey(later)
    const previous = earlier.get(key)
    if (previous !== undefined) {
      survivors.set(key, { earlier: previous, later })
      const threads = threadDelta(previous.threads, later.threads, before.uptimeTicks)
      delta.threadsNs += threads.cpuNs
      delta.unknownBaseline += threads.unknownBaseline
      delta.exitedThreads += threads.exited
      const unseenNs = (later.groupCpuTicks - previous.groupCpuTicks) * nsPerTick - threads.cpuNs
      delta.exitedThreadsNs += unseenTimeNs(unseenNs, threads.exited > 0, nsPerTick)
    } else if (later.startTicks >= before.uptimeTicks) {
      delta.newProcesses++
      delta.threadsNs += later.cpuNs
      const unseenNs = later.groupCpuTicks * nsPerTick - later.cpuNs
      delta.exitedThreadsNs += unseenTimeNs(unseenNs, false, nsPerTick)
      delta.reapedNs += later.reapedCpuTicks * nsPerTick
    } else {
      delta.unknownBaseline++
    }
  }
  const goneTicksUnder = goneTicksBySurvivor(before.perProcess, survivors, delta)
  for (const [key, { earlier: previous, later }] of survivors) {
    const reapedTicks = later.reapedCpuTicks - previous.reapedCpuTicks
    const alreadyCountedTicks = goneTicksUnder.get(key) ?? 0
    delta.reapedNs += Math.max(0, reapedTicks - alreadyCountedTicks) * nsPerTick
  }
  delta.cpuNs = delta.threadsNs + delta.exitedThreadsNs + delta.reapedNs
  return delta
}

/**
 * How far utime + stime may run ahead of the threads' schedstat from rounding alone, clock
 * ticks: utime and stime are each rounded down to a tick (< 2), and a running thread's
 * schedstat lags by up to a scheduler tick (≤ 10 ms at CONFIG_HZ ≥ 100, < 1).
 */
export const NOISE_TICKS = 3

/**
 * The time of threads the readings did not see through (`unseenNs`: utime + stime's growth
 * less the seen threads'), never below zero; without `threadExited` evidence, only what
 * lies beyond NOISE_TICKS.
 */
function unseenTimeNs(unseenNs: number, threadExited: boolean, nsPerTick: number): number {
  return Math.max(0, threadExited ? unseenNs : unseenNs - NOISE_TICKS * nsPerTick)
}

/**
 * For each surviving process, the clock ticks that processes gone from under it (nearest
 * surviving ancestor) had spent by the earlier reading; counts gone and lost processes.
 */
function goneTicksBySurvivor(
  earlierProcesses: ProcessCpu[],
  survivors: Map<string, unknown>,
  delta: CpuDelta
): Map<string, number> {
  const earlierByPid = new Map(earlierProcesses.map((process) => [process.pid, process]))
  const ticksBySurvivor = new Map<string, number>()
  for (const gone of earlierProcesses) {
    if (survivors.has(identityKey(gone))) continue
    let ancestor = earlierByPid.get(gone.ppid)
    // Each step goes to a parent, so the chain ends within the tree's size.
    for (let steps = 0; ancestor !== undefined && steps < earlierProcesses.length; steps++) {
      if (survivors.has(identityKey(ancestor))) break
      ancestor = earlierByPid.get(ancestor.ppid)
    }
    if (ancestor === undefined || !survivors.has(identityKey(ancestor))) {
      delta.lostProcesses++
      continue
    }
    delta.goneProcesses++
    const key = identityKey(ancestor)
    const spentTicks = gone.groupCpuTicks + gone.reapedCpuTicks
    ticksBySurvivor.set(key, (ticksBySurvivor.get(key) ?? 0) + spentTicks)
  }
  return ticksBySurvivor
}

/** Living threads' growth in ns; threads that exited; threads missed at the earlier reading. */
function threadDelta(
  earlier: ThreadCpu[],
  later: ThreadCpu[],
  earlierUptimeTicks: number
): { cpuNs: number; exited: number; unknownBaseline: number } {
  const earlierByKey = new Map(earlier.map((thread) => [threadKey(thread), thread]))
  let cpuNs = 0
  let matched = 0
  let unknownBaseline = 0
  for (const thread of later) {
    const previous = earlierByKey.get(threadKey(thread))
    if (previous !== undefined) {
      matched++
      cpuNs += thread.cpuNs - previous.cpuNs
    } else if (thread.startTicks >= earlierUptimeTicks) {
      cpuNs += thread.cpuNs
    } else {
      unknownBaseline++
    }
  }
  return { cpuNs, exited: earlier.length - matched, unknownBaseline }
}

const identityKey = (process: { pid: number; startTicks: number }): string =>
  `${process.pid}@${process.startTicks}`
const threadKey = (thread: ThreadCpu): string => `${thread.tid}@${thread.startTicks}`

/**
 * A process as read, and the pids its threads list as children (undefined: none of its
 * threads had a children file).
 */
interface ProcessRead {
  process: ProcessCpu
  childPids: number[] | undefined
}

/** Field 1 of a schedstat file: time on a CPU, ns. */
export function parseSchedstatNs(content: string): number {
  const value = Number(content.trim().split(/\s+/)[0])
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`not a /proc/<pid>/task/<tid>/schedstat line: ${content.slice(0, 80)}`)
  }
  return value
}

/** /proc/uptime's first field (seconds since boot, two decimals) in clock ticks, rounded down. */
function readUptimeTicks(procRoot: string, ticksPerSecond: number): number {
  const content = readFileSync(join(procRoot, 'uptime'), 'utf8')
  const seconds = Number(content.trim().split(/\s+/)[0])
  if (!Number.isFinite(seconds))
    throw new Error(`${join(procRoot, 'uptime')} is not readable: ${content.slice(0, 40)}`)
  return Math.floor(seconds * ticksPerSecond + 1e-6)
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** Undefined when the process is gone (or unreadable). */
function readProcess(procRoot: string, pid: number): ProcessRead | undefined {
  const statText = readText(join(procRoot, String(pid), 'stat'))
  if (statText === undefined) return undefined
  let stat: ProcStat
  try {
    stat = parseProcStat(statText)
  } catch {
    return undefined
  }
  let tids: string[]
  try {
    tids = readdirSync(join(procRoot, String(pid), 'task')).filter((entry) => /^\d+$/.test(entry))
  } catch {
    return undefined
  }
  const threadReads = tids.map((tid) => readThread(procRoot, pid, Number(tid)))
  const threads: ThreadCpu[] = []
  const childPids: number[] = []
  // A thread that exits while it is read has no children file; one file is proof enough
  // that the kernel keeps them (CONFIG_PROC_CHILDREN).
  let childrenFiles = 0
  for (const read of threadReads) {
    if (read === undefined) continue
    threads.push(read.thread)
    if (read.childPids === undefined) continue
    childrenFiles++
    childPids.push(...read.childPids)
  }
  return {
    process: {
      pid,
      ppid: stat.ppid,
      startTicks: stat.startTimeTicks,
      cpuNs: threads.reduce((sum, thread) => sum + thread.cpuNs, 0),
      threads,
      groupCpuTicks: stat.utimeTicks + stat.stimeTicks,
      reapedCpuTicks: stat.cutimeTicks + stat.cstimeTicks
    },
    childPids: childrenFiles > 0 ? childPids : undefined
  }
}

/** Undefined when the thread is gone; childPids undefined when the kernel has no such file. */
function readThread(
  procRoot: string,
  pid: number,
  tid: number
): { thread: ThreadCpu; childPids: number[] | undefined } | undefined {
  const directory = join(procRoot, String(pid), 'task', String(tid))
  const statText = readText(join(directory, 'stat'))
  const schedstatText = readText(join(directory, 'schedstat'))
  const childrenText = readText(join(directory, 'children'))
  if (statText === undefined || schedstatText === undefined) return undefined
  try {
    const thread = {
      tid,
      startTicks: parseProcStat(statText).startTimeTicks,
      cpuNs: parseSchedstatNs(schedstatText)
    }
    const childPids = childrenText?.split(/\s+/).filter(Boolean).map(Number)
    return { thread, childPids }
  } catch {
    return undefined
  }
}

/** A child counts only if its stat still names the parent and it started no earlier. */
const isChildOf = (child: ProcessCpu, parent: ProcessCpu): boolean =>
  child.ppid === parent.pid && child.startTicks >= parent.startTicks

/** Descendants found through the children lists of each process's threads, breadth first. */
function readDescendantsByChildren(procRoot: string, root: ProcessRead): ProcessCpu[] {
  const found: ProcessCpu[] = []
  const seen = new Set([root.process.pid])
  let generation = [root]
  while (generation.length > 0) {
    const next: ProcessRead[] = []
    for (const parent of generation) {
      const childPids = (parent.childPids ?? []).filter((pid) => !seen.has(pid))
      for (const pid of childPids) seen.add(pid)
      const reads = childPids.map((pid) => readProcess(procRoot, pid))
      for (const read of reads) {
        if (read === undefined || !isChildOf(read.process, parent.process)) continue
        found.push(read.process)
        next.push(read)
      }
    }
    generation = next
  }
  return found
}

/** Descendants found by every process's parent (kernels without the children files). */
function readDescendantsByScan(procRoot: string, root: ProcessCpu): ProcessCpu[] {
  const allStats = readdirSync(procRoot)
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      const text = readText(join(procRoot, entry, 'stat'))
      try {
        return text === undefined ? [] : [parseProcStat(text)]
      } catch {
        return []
      }
    })
  const pids = treePids(root.pid, allStats).slice(1)
  const reads = pids.map((pid) => readProcess(procRoot, pid))
  const accepted = new Map([[root.pid, root]])
  const found: ProcessCpu[] = []
  // treePids lists parents before their children, so each parent is judged first.
  for (const read of reads) {
    if (read === undefined) continue
    const parent = accepted.get(read.process.ppid)
    if (parent === undefined || !isChildOf(read.process, parent)) continue
    accepted.set(read.process.pid, read.process)
    found.push(read.process)
  }
  return found
}
