import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseProcStat } from './proc-stats.js'
import {
  findListeners,
  processCommandLine,
  stopEscapedListeners,
  stopOurProcess,
  type ListenerOptions,
  type ServicePort
} from './listeners.js'
import { runningProcesses } from './process.js'
import { ourProcesses } from './run-token.js'

/**
 * Strays: processes that carry our run token (see run-token.ts) but belong to no process group
 * the run still manages: a server that left its group with setsid or a double fork, a daemon
 * whose launcher exited. Stopping a process group never reaches them, and a look at a port
 * misses one that has not bound it yet, so the run looks for them by token wherever services
 * stop, and the action's post step does with the main step's token.
 */
export interface StrayProcess {
  pid: number
  startTimeTicks: number
  /** Its command line, shortened, for messages. */
  command: string
  /** The service ports it was listening on when found. */
  ports: ServicePort[]
}

export interface StrayOptions extends ListenerOptions {
  /**
   * Only processes that started at or after this time (clock ticks after boot, field 22 of
   * /proc/<pid>/stat): a launcher's start, to tell what it left from what others left.
   */
  startedSinceTicks?: number
}

/** How often strays are looked for again while stopping them (what a stopped one forked). */
const STOP_ROUNDS = 3
/** How long a launcher that exited before it was ready gets for a stray of its to listen. */
export const DAEMON_BIND_WAIT_MS = 3000
const POLL_INTERVAL_MS = 25

/**
 * Every living process that carries the run token (options.token, default ours) and is not in
 * the process group of a started process whose leader still runs (those are stopped with
 * their group), with the service ports among `ports` it listens on.
 */
export function findStrayProcesses(
  ports: ServicePort[],
  options: StrayOptions = {}
): StrayProcess[] {
  const procRoot = options.procRoot ?? '/proc'
  const managedGroups = new Set(
    runningProcesses()
      .filter((started) => started.running)
      .map((started) => started.pid)
  )
  const strays = ourProcesses(options).filter(({ pid, startTimeTicks }) => {
    if (startTimeTicks < (options.startedSinceTicks ?? 0)) return false
    const group = processGroup(pid, procRoot)
    return group !== undefined && !managedGroups.has(group)
  })
  if (strays.length === 0) return []
  const listening = ports
    .filter((service) => service.port > 0)
    .map((service) => ({
      service,
      pids: new Set(findListeners(service.port, options).holders.map((holder) => holder.pid))
    }))
  return strays.map((stray) => ({
    ...stray,
    command: processCommandLine(stray.pid, procRoot),
    ports: listening.filter(({ pids }) => pids.has(stray.pid)).map(({ service }) => service)
  }))
}

/**
 * Stops every stray (findStrayProcesses): SIGTERM, SIGKILL after the grace period, each
 * signal only while the pid still names the same process. Looks again after each round, for
 * what a stray started meanwhile (a double fork). Resolves with the strays stopped, as found.
 */
export async function stopStrayProcesses(
  ports: ServicePort[],
  options: StrayOptions = {}
): Promise<StrayProcess[]> {
  const stopped: StrayProcess[] = []
  const isNew = (stray: StrayProcess): boolean =>
    !stopped.some(
      (known) => known.pid === stray.pid && known.startTimeTicks === stray.startTimeTicks
    )
  for (let round = 0; round < STOP_ROUNDS; round++) {
    const strays = findStrayProcesses(ports, options).filter(isNew)
    if (strays.length === 0) break
    await Promise.all(strays.map((stray) => stopOurProcess(stray, options)))
    stopped.push(...strays)
  }
  return stopped
}

/** "pid 123 (node server.js --port 8080), listening on port 8080" */
export function describeStray(stray: StrayProcess): string {
  const ports = stray.ports.map((service) => service.port)
  return `pid ${stray.pid} (${stray.command})${ports.length > 0 ? `, listening on port ${ports.join(' and ')}` : ''}`
}

/**
 * For a service whose process exited before it was ready: stops the strays started since it
 * started. When there are some and none listens on its port yet, first waits up to bindWaitMs
 * (default DAEMON_BIND_WAIT_MS) for one to, since a daemon binds a moment after its launcher
 * returns: the message can then say which one is the server. Resolves with the strays stopped
 * (none: nothing was waited for).
 */
export async function stopLeftBehind(
  port: ServicePort | undefined,
  options: StrayOptions & { bindWaitMs?: number } = {}
): Promise<StrayProcess[]> {
  const ports = port === undefined ? [] : [port]
  let strays = findStrayProcesses(ports, options)
  if (strays.length === 0) return []
  const deadline = performance.now() + (options.bindWaitMs ?? DAEMON_BIND_WAIT_MS)
  while (
    port !== undefined &&
    strays.length > 0 &&
    !strays.some((stray) => stray.ports.length > 0) &&
    performance.now() < deadline
  ) {
    await sleep(POLL_INTERVAL_MS)
    strays = findStrayProcesses(ports, options)
  }
  return stopStrayProcesses(ports, options)
}

/**
 * After services stopped, or at the end of a run: stops every stray of ours, then makes sure
 * nothing else listens on the services' ports (stopEscapedListeners, which never signals a
 * stranger). Returns one sentence per process of ours stopped, for the run's warnings.
 *
 * @throws LoadTestError('setup') as stopEscapedListeners does, naming a port still held.
 */
export async function stopWhatOutlivedServices(
  ports: ServicePort[],
  options: StrayOptions = {}
): Promise<string[]> {
  const stopped = (await stopStrayProcesses(ports, options)).map((stray) => {
    const where =
      stray.ports.length > 0
        ? stray.ports
            .map(({ name, port }) => `listening on the ${name} port ${port} after the ${name}`)
            .join(' and ')
        : 'running after the services'
    return `stopped pid ${stray.pid} (${stray.command}), which this run started and which was still ${where} stopped (it had left its process group)`
  })
  return [...stopped, ...(await stopEscapedListeners(ports, options))]
}

/** The process group of `pid`, or undefined if it is gone or a zombie. */
function processGroup(pid: number, procRoot: string): number | undefined {
  try {
    const stat = parseProcStat(readFileSync(`${procRoot}/${pid}/stat`, 'utf8'))
    return stat.state === 'Z' || stat.state === 'X' ? undefined : stat.pgrp
  } catch {
    return undefined
  }
}
