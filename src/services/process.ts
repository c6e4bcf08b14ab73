import { spawn, type ChildProcess } from 'node:child_process'
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  writeSync
} from 'node:fs'
import { delimiter, dirname, resolve } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'

import { LoadTestError } from '../errors.js'
import { ensureDirectorySync } from '../ensure-directory.js'
import { parseProcStat, readProcStats } from './proc-stats.js'
import { ourProcesses, withRunToken } from './run-token.js'

export interface ProcessExit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** A pid plus its start time: unlike a bare pid, it cannot point at a recycled process. */
export interface PidIdentity {
  pid: number
  startTimeTicks: number
}

export interface StartProcessOptions {
  /** What the user calls it in messages, e.g. "mock provider". */
  name: string
  argv: string[]
  cwd?: string
  /** The child's whole environment (defaults to ours); the run token is always added. */
  env?: NodeJS.ProcessEnv
  /** stdout and stderr are appended here, unless stdout is piped. */
  logFile: string
  /** Gives the process a stdin pipe to write to (ManagedProcess.stdin). */
  pipeStdin?: boolean
  /** Hands stdout to the caller (ManagedProcess.stdout) instead of the log; stderr stays logged. */
  pipeStdout?: boolean
}

const DEFAULT_GRACE_MS = 5000
/** How long to wait for the kernel to finish off a group after SIGKILL. */
const KILL_WAIT_MS = 2000
const GROUP_POLL_INTERVAL_MS = 25
const LOG_TAIL_BYTES = 64 * 1024

const startedProcesses = new Set<ManagedProcess>()
const startListeners = new Set<(started: ManagedProcess) => void>()

export class ManagedProcess {
  readonly name: string
  readonly pid: number
  readonly logFile: string
  readonly argv: string[]
  /** undefined only if /proc could not be read right after the start. */
  readonly pidIdentity: PidIdentity | undefined
  readonly exited: Promise<ProcessExit>
  /** The stdin pipe, when started with pipeStdin. */
  readonly stdin: Writable | undefined
  /** The stdout pipe, when started with pipeStdout. */
  readonly stdout: Readable | undefined
  private exit: ProcessExit | undefined
  private stopping: Promise<void> | undefined

  /** Use startProcess(), which also registers the process for cleanup. */
  constructor(
    name: string,
    argv: string[],
    logFile: string,
    child: ChildProcess & { pid: number }
  ) {
    this.name = name
    this.argv = argv
    this.logFile = logFile
    this.pid = child.pid
    this.stdin = child.stdin ?? undefined
    this.stdout = child.stdout ?? undefined
    const startTimeTicks = readProcessStartTime(child.pid)
    this.pidIdentity = startTimeTicks === undefined ? undefined : { pid: child.pid, startTimeTicks }
    this.exited = new Promise((resolveExit) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal }
        if (this.stopping === undefined) {
          // The leader died on its own: whatever it left in its group is ours and now unmanaged.
          // Members keep the group id reserved, so it cannot belong to anyone else yet.
          try {
            signalGroup(this.pid, 'SIGKILL')
          } catch {
            // stop() will report a group it cannot signal.
          }
        }
        resolveExit(this.exit)
      })
    })
  }

  get running(): boolean {
    return this.exit === undefined
  }

  exitDescription(): string {
    if (this.exit === undefined) return 'is still running'
    if (this.exit.signal !== null) return `was killed by ${this.exit.signal}`
    return `exited with status ${this.exit.code}`
  }

  /**
   * SIGTERM to the whole process group, SIGKILL to what is left after graceMs. Resolves once the
   * leader and every member of its group are gone. Idempotent.
   */
  stop(graceMs = DEFAULT_GRACE_MS): Promise<void> {
    this.stopping ??= terminateGroup(this.pid, graceMs, () => this.running)
      .finally(() => {
        startedProcesses.delete(this)
      })
      .then(() => undefined)
    return this.stopping
  }

  logTail(lineCount = 20): string {
    return readLogTail(this.logFile, lineCount)
  }
}

/**
 * Starts argv (no shell) in its own process group with stdout and stderr appended to logFile.
 * Throws LoadTestError('setup') if the program cannot be started.
 */
export function startProcess(options: StartProcessOptions): ManagedProcess {
  const { name, argv, cwd, env, logFile } = options
  const [program, ...args] = argv
  if (program === undefined) throw new Error(`startProcess: empty argv for ${name}`)
  ensureDirectorySync(dirname(logFile))
  const logFd = openSync(logFile, 'a')
  let child: ChildProcess
  try {
    child = spawn(program, args, {
      cwd,
      env: withRunToken(env),
      detached: true,
      stdio: [options.pipeStdin ? 'pipe' : 'ignore', options.pipeStdout ? 'pipe' : logFd, logFd]
    })
    // Spawn failures arrive as an 'error' event on the next tick and are reported below; nothing
    // else this module does (it signals with process.kill) can emit one.
    child.on('error', () => {})
    if (child.pid === undefined) {
      const reason = spawnFailureReason(program, cwd, env)
      writeSync(logFd, `bifrost-load-test: could not start ${argv.join(' ')}: ${reason}\n`)
      const message = `could not start ${name} (${program}): ${reason}. Log: ${logFile}`
      throw new LoadTestError('setup', message, { logFile })
    }
  } finally {
    closeSync(logFd)
  }
  const started = new ManagedProcess(name, argv, logFile, child as ChildProcess & { pid: number })
  startedProcesses.add(started)
  for (const listener of startListeners) listener(started)
  return started
}

/** Every process started and not yet stopped, including ones that exited on their own. */
export function runningProcesses(): ManagedProcess[] {
  return [...startedProcesses]
}

export async function stopAllProcesses(graceMs = DEFAULT_GRACE_MS): Promise<void> {
  await Promise.all(runningProcesses().map((started) => started.stop(graceMs)))
}

/**
 * SIGKILL, now, to the group of every started process whose leader still runs, and to every
 * process that carries our run token (what left those groups): for a second interrupt or an
 * expired stop grace, when waiting is no longer wanted. Synchronous, so it can run right before
 * process.exit(). A group whose leader has exited was killed on that exit (see ManagedProcess).
 */
export function killAllProcessesNow(): void {
  for (const started of startedProcesses) {
    if (!started.running) continue
    try {
      signalGroup(started.pid, 'SIGKILL')
    } catch {
      // Nothing more can be done at this point.
    }
  }
  for (const stray of ourProcesses()) {
    // ourProcesses() checked the token and the start time a moment ago.
    if (readProcessStartTime(stray.pid) !== stray.startTimeTicks) continue
    try {
      process.kill(stray.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/** Calls listener for each process started from now on; returns the unsubscribe function. */
export function onProcessStarted(listener: (started: ManagedProcess) => void): () => void {
  startListeners.add(listener)
  return () => {
    startListeners.delete(listener)
  }
}

/** Field 22 of /proc/<pid>/stat, or undefined if there is no such process. */
export function readProcessStartTime(pid: number): number | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).startTimeTicks
  } catch {
    return undefined
  }
}

/**
 * Stops the process group led by a process started earlier (e.g. by a previous step), known only by
 * its saved identity. Signals nothing unless that very process still exists: a pid alone may have
 * been recycled by another program. Returns whether the group was ours and had a living member
 * to stop (a leader that is a zombie not yet reaped, alone in its group, needs no stopping).
 */
export async function stopProcessGroup(
  identity: PidIdentity,
  graceMs = DEFAULT_GRACE_MS
): Promise<boolean> {
  if (readProcessStartTime(identity.pid) !== identity.startTimeTicks) return false
  return terminateGroup(identity.pid, graceMs, () => false)
}

/** Returns false when the group had no living member to signal, true once it stopped one. */
async function terminateGroup(
  pgid: number,
  graceMs: number,
  leaderRunning: () => boolean
): Promise<boolean> {
  const isGone = async () => !leaderRunning() && !(await groupHasLiveMembers(pgid))
  if (await isGone()) return false
  signalGroup(pgid, 'SIGTERM')
  if (await waitUntil(isGone, graceMs)) return true
  signalGroup(pgid, 'SIGKILL')
  await waitUntil(isGone, KILL_WAIT_MS)
  return true
}

/** false if the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw error
  }
}

async function groupHasLiveMembers(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false
  // kill() still reaches zombies, and an init that reaps orphans lazily can leave them for
  // seconds. They are dead and hold no resources, so only count the living.
  const allStats = await readProcStats()
  return allStats.some((stat) => stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X')
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    if (await condition()) return true
    if (performance.now() >= deadline) return false
    await sleep(GROUP_POLL_INTERVAL_MS)
  }
}

function readLogTail(logFile: string, lineCount: number): string {
  let fd: number
  try {
    fd = openSync(logFile, 'r')
  } catch {
    return ''
  }
  try {
    const sizeBytes = fstatSync(fd).size
    const startByte = Math.max(0, sizeBytes - LOG_TAIL_BYTES)
    const buffer = Buffer.alloc(sizeBytes - startByte)
    const bytesRead = readSync(fd, buffer, 0, buffer.length, startByte)
    const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n')
    // Reading from the middle of the file cuts the first line.
    if (startByte > 0) lines.shift()
    if (lines.at(-1) === '') lines.pop()
    return lines.slice(Math.max(0, lines.length - lineCount)).join('\n')
  } finally {
    closeSync(fd)
  }
}

/** spawn() only says ENOENT or EACCES, and not about what: find out. */
function spawnFailureReason(
  program: string,
  cwd: string | undefined,
  env: NodeJS.ProcessEnv | undefined
): string {
  const workDir = resolve(cwd ?? '.')
  if (!existsSync(workDir)) return `its working directory ${workDir} does not exist`
  const isPath = program.includes('/')
  const candidates = isPath
    ? [resolve(workDir, program)]
    : ((env ?? process.env).PATH ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => resolve(workDir, dir, program))
  const found = candidates.find((candidate) => existsSync(candidate))
  if (found === undefined) {
    return isPath ? `${program} does not exist` : `${program} was not found on PATH`
  }
  try {
    accessSync(found, constants.X_OK)
  } catch {
    return `${found} is not executable`
  }
  return `the system refused to run ${found}`
}
