import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { parseProcStat } from './proc-stats.js'

/**
 * How the run recognises the processes it started, and every process they started in turn,
 * even one that left our process group (setsid, a double fork, a daemon).
 *
 * Every process we start gets `BIFROST_LOAD_TEST_RUN=<token>` in its environment: 128 random
 * bits made once per bifrost-load-test process (one CLI run, one action step). Descendants
 * inherit the environment whatever they do to their process group or session, and
 * /proc/<pid>/environ shows a process's initial environment, readable for our own user's
 * processes. A process counts as ours only if it carries exactly this token and started after
 * this process did (start time from /proc/<pid>/stat), so neither a guess nor a recycled pid
 * can make a stranger look like ours.
 *
 * Chosen over a child subreaper (prctl PR_SET_CHILD_SUBREAPER), which Node cannot call: it
 * needs a native helper between us and every service, which would also stand between the
 * sampler and the gateway's process tree. The token's one blind spot, a program that clears its
 * environment (`env -i`), is also one a subreaper shares in part: what a daemon hands to
 * another service (dockerd starting a container) is nobody's descendant. Such a process is
 * never signalled: it is named instead.
 */
export const RUN_TOKEN_VARIABLE = 'BIFROST_LOAD_TEST_RUN'

const token = randomBytes(16).toString('hex')

/** This process's run token (32 hex digits). */
export function runToken(): string {
  return token
}

/** `env` (default: ours) plus our run token, for a process we start. Never changes `env`. */
export function withRunToken(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, [RUN_TOKEN_VARIABLE]: token }
}

export interface OwnershipCheck {
  /** Default: this process's token. */
  token?: string
  /** Default: this process's start time; a process that started earlier is not ours. */
  notBeforeTicks?: number
  procRoot?: string
}

let ownStartTicks: number | undefined

/** Clock ticks after boot at which this process started (field 22 of /proc/self/stat). */
export function ownStartTimeTicks(procRoot = '/proc'): number {
  ownStartTicks ??= parseProcStat(readFileSync(`${procRoot}/self/stat`, 'utf8')).startTimeTicks
  return ownStartTicks
}

/**
 * The start time of `pid` if it carries the run token and started no earlier than the run,
 * else undefined (not ours, gone, or its environment unreadable: another user's process).
 * The start time lets a caller check, right before signalling, that the pid still names
 * the same process.
 */
export function ourProcessStartTicks(pid: number, check: OwnershipCheck = {}): number | undefined {
  const procRoot = check.procRoot ?? '/proc'
  const expected = `${RUN_TOKEN_VARIABLE}=${check.token ?? token}`
  try {
    const startTicks = parseProcStat(readFileSync(`${procRoot}/${pid}/stat`, 'utf8')).startTimeTicks
    if (startTicks < (check.notBeforeTicks ?? ownStartTimeTicks(procRoot))) return undefined
    const environment = readFileSync(`${procRoot}/${pid}/environ`, 'utf8').split('\0')
    if (!environment.includes(expected)) return undefined
    // Read again: the pid may have been recycled while the environment was read.
    const again = parseProcStat(readFileSync(`${procRoot}/${pid}/stat`, 'utf8')).startTimeTicks
    return again === startTicks ? startTicks : undefined
  } catch {
    return undefined
  }
}

/** Every living process that carries the run token, except this one; pids with start times. */
export function ourProcesses(
  check: OwnershipCheck = {}
): { pid: number; startTimeTicks: number }[] {
  const procRoot = check.procRoot ?? '/proc'
  let entries: string[]
  try {
    entries = readdirSync(procRoot)
  } catch {
    return []
  }
  const found: { pid: number; startTimeTicks: number }[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    if (pid === process.pid) continue
    const startTimeTicks = ourProcessStartTicks(pid, check)
    if (startTimeTicks !== undefined) found.push({ pid, startTimeTicks })
  }
  return found
}
