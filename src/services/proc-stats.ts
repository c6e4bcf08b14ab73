import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { appendFile, readdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ensureDirectorySync } from '../ensure-directory.js'

/** The fields of /proc/<pid>/stat this project uses (see proc(5)). */
export interface ProcStat {
  pid: number
  comm: string
  /** One letter: R running, S sleeping, Z zombie, … */
  state: string
  ppid: number
  /** Process group id. */
  pgrp: number
  utimeTicks: number
  stimeTicks: number
  /** User time of the children it waited for (and of theirs), clock ticks. */
  cutimeTicks: number
  /** System time of the children it waited for (and of theirs), clock ticks. */
  cstimeTicks: number
  /** Clock ticks after boot at which the process started: with the pid, it identifies a process. */
  startTimeTicks: number
  rssPages: number
}

export interface ProcessStatsSummary {
  samples: number
  cpuAvgPct: number
  cpuPeakPct: number
  rssAvgMb: number
  rssPeakMb: number
}

export function parseProcStat(content: string): ProcStat {
  // comm (field 2) may contain spaces and ')', but nothing after it can: split at the last ')'.
  const commStart = content.indexOf('(')
  const commEnd = content.lastIndexOf(')')
  if (commStart < 0 || commEnd < commStart) {
    throw new Error(`not a /proc/<pid>/stat line: ${content.slice(0, 80)}`)
  }
  // fields[0] is field 3 (state).
  const fields = content
    .slice(commEnd + 1)
    .trim()
    .split(' ')
  const numberField = (fieldNumber: number): number => {
    const value = Number(fields[fieldNumber - 3])
    if (!Number.isFinite(value)) {
      throw new Error(`field ${fieldNumber} of /proc/<pid>/stat is not a number`)
    }
    return value
  }
  const pid = Number(content.slice(0, commStart))
  if (!Number.isInteger(pid)) throw new Error('field 1 of /proc/<pid>/stat is not a pid')
  return {
    pid,
    comm: content.slice(commStart + 1, commEnd),
    state: fields[0] ?? '',
    ppid: numberField(4),
    pgrp: numberField(5),
    utimeTicks: numberField(14),
    stimeTicks: numberField(15),
    cutimeTicks: numberField(16),
    cstimeTicks: numberField(17),
    startTimeTicks: numberField(22),
    rssPages: numberField(24)
  }
}

/** rootPid and all its descendants, root first; empty if rootPid is not among allStats. */
export function treePids(rootPid: number, allStats: readonly ProcStat[]): number[] {
  const childrenByPid = new Map<number, number[]>()
  let rootFound = false
  for (const stat of allStats) {
    if (stat.pid === rootPid) rootFound = true
    const siblings = childrenByPid.get(stat.ppid)
    if (siblings === undefined) childrenByPid.set(stat.ppid, [stat.pid])
    else siblings.push(stat.pid)
  }
  if (!rootFound) return []
  const tree = [rootPid]
  // /proc is not read atomically, so a recycled pid could make the links cyclic: visit each once.
  const seen = new Set(tree)
  for (let index = 0; index < tree.length; index++) {
    for (const child of childrenByPid.get(tree[index] as number) ?? []) {
      if (seen.has(child)) continue
      seen.add(child)
      tree.push(child)
    }
  }
  return tree
}

/** Every process in procRoot; processes that exit while it is read are left out. */
export async function readProcStats(procRoot = '/proc'): Promise<ProcStat[]> {
  const pidEntries = (await readdir(procRoot)).filter((entry) => /^\d+$/.test(entry))
  const stats = await Promise.all(
    pidEntries.map(async (entry) => {
      try {
        return parseProcStat(await readFile(join(procRoot, entry, 'stat'), 'utf8'))
      } catch {
        return undefined
      }
    })
  )
  return stats.filter((stat) => stat !== undefined)
}

const CSV_HEADER = 'timestamp,phase,cpu_pct,rss_mb,processes\n'
const BYTES_PER_MB = 1024 * 1024

function getconf(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim())
    return value > 0 ? value : fallback
  } catch {
    return fallback
  }
}

let systemUnits: { clockTicksPerSecond: number; pageSizeBytes: number } | undefined

/** Read once: 100 ticks/s and 4 KiB pages are usual, but some arm64 kernels use larger pages. */
export function getSystemUnits(): { clockTicksPerSecond: number; pageSizeBytes: number } {
  systemUnits ??= {
    clockTicksPerSecond: getconf('CLK_TCK', 100),
    pageSizeBytes: getconf('PAGESIZE', 4096)
  }
  return systemUnits
}

interface TreeSnapshot {
  atMs: number
  members: ProcStat[]
}

interface PhaseTotals {
  samples: number
  cpuTicks: number
  wallSeconds: number
  cpuPeakPct: number
  rssSumMb: number
  rssPeakMb: number
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * Samples CPU and RSS of a process and all its descendants from /proc, per phase, and appends one
 * CSV row per sample. Sampling is diagnostics: when the process is gone or /proc cannot be read,
 * it stops quietly and keeps what it collected rather than failing the run.
 */
export class ProcessTreeSampler {
  private readonly rootPid: number
  private readonly csvPath: string
  private readonly intervalMs: number
  private readonly procRoot: string
  private readonly units = getSystemUnits()
  private readonly totalsByPhase = new Map<string, PhaseTotals>()
  private phase = ''
  private active = false
  private timer: NodeJS.Timeout | undefined
  private previous: TreeSnapshot | undefined
  /** Samples run one after another, so rows stay in order and deltas use the right baseline. */
  private queue: Promise<void> = Promise.resolve()

  constructor(options: {
    rootPid: number
    csvPath: string
    intervalMs?: number
    procRoot?: string
  }) {
    this.rootPid = options.rootPid
    this.csvPath = options.csvPath
    this.intervalMs = options.intervalMs ?? 1000
    this.procRoot = options.procRoot ?? '/proc'
  }

  start(phase: string): void {
    if (this.active) throw new Error('ProcessTreeSampler.start() called twice')
    ensureDirectorySync(dirname(this.csvPath))
    // Samplers of successive gateway processes share one CSV: only the first writes the header.
    if (!existsSync(this.csvPath)) writeFileSync(this.csvPath, CSV_HEADER)
    this.active = true
    this.setPhase(phase)
  }

  /** Takes a fresh baseline so that no sample spans two phases; the partial interval is dropped. */
  setPhase(phase: string): void {
    this.phase = phase
    if (!this.active) return
    clearTimeout(this.timer)
    this.timer = undefined
    this.enqueue(undefined)
    this.scheduleNext()
  }

  async stop(): Promise<void> {
    this.halt()
    await this.queue
  }

  summary(): Record<string, ProcessStatsSummary> {
    const summaries: Record<string, ProcessStatsSummary> = {}
    for (const [phase, totals] of this.totalsByPhase) {
      summaries[phase] = {
        samples: totals.samples,
        cpuAvgPct: this.cpuPct(totals.cpuTicks, totals.wallSeconds),
        cpuPeakPct: totals.cpuPeakPct,
        rssAvgMb: totals.rssSumMb / totals.samples,
        rssPeakMb: totals.rssPeakMb
      }
    }
    return summaries
  }

  private halt(): void {
    this.active = false
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private scheduleNext(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.enqueue(this.phase)
      void this.queue.then(() => {
        // setPhase() may have scheduled the next sample already.
        if (this.active && this.timer === undefined) this.scheduleNext()
      })
    }, this.intervalMs)
    this.timer.unref()
  }

  /** phase undefined: only take a baseline. */
  private enqueue(phase: string | undefined): void {
    this.queue = this.queue.then(() => this.sample(phase)).catch(() => this.halt())
  }

  private async sample(phase: string | undefined): Promise<void> {
    if (!this.active) return
    const atMs = performance.now()
    const allStats = await readProcStats(this.procRoot)
    const treePidSet = new Set(treePids(this.rootPid, allStats))
    if (treePidSet.size === 0) {
      this.halt()
      return
    }
    const current: TreeSnapshot = { atMs, members: allStats.filter((s) => treePidSet.has(s.pid)) }
    const previous = this.previous
    this.previous = current
    if (phase === undefined || previous === undefined) return

    const previousByPid = new Map(previous.members.map((s) => [s.pid, s]))
    let cpuTicks = 0
    let rssPages = 0
    for (const member of current.members) {
      const before = previousByPid.get(member.pid)
      // A member new since the last sample (or a recycled pid) started after it, so all its CPU
      // time falls in this interval. The last slice of a member that exited meanwhile is lost.
      const baselineTicks =
        before !== undefined && before.startTimeTicks === member.startTimeTicks
          ? before.utimeTicks + before.stimeTicks
          : 0
      cpuTicks += member.utimeTicks + member.stimeTicks - baselineTicks
      rssPages += member.rssPages
    }
    const wallSeconds = (current.atMs - previous.atMs) / 1000
    const cpuPct = this.cpuPct(cpuTicks, wallSeconds)
    const rssMb = (rssPages * this.units.pageSizeBytes) / BYTES_PER_MB

    const totals = this.totalsByPhase.get(phase) ?? {
      samples: 0,
      cpuTicks: 0,
      wallSeconds: 0,
      cpuPeakPct: 0,
      rssSumMb: 0,
      rssPeakMb: 0
    }
    totals.samples++
    totals.cpuTicks += cpuTicks
    totals.wallSeconds += wallSeconds
    totals.cpuPeakPct = Math.max(totals.cpuPeakPct, cpuPct)
    totals.rssSumMb += rssMb
    totals.rssPeakMb = Math.max(totals.rssPeakMb, rssMb)
    this.totalsByPhase.set(phase, totals)

    const row = [
      new Date().toISOString(),
      csvField(phase),
      cpuPct.toFixed(1),
      rssMb.toFixed(1),
      current.members.length
    ]
    await appendFile(this.csvPath, `${row.join(',')}\n`)
  }

  /** 100% = one core busy for the whole interval. */
  private cpuPct(cpuTicks: number, wallSeconds: number): number {
    return wallSeconds > 0 ? (cpuTicks / this.units.clockTicksPerSecond / wallSeconds) * 100 : 0
  }
}
