import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { LoadTestError } from '../errors.js'
import { parseProcStat } from './proc-stats.js'
import { RUN_TOKEN_VARIABLE, ourProcessStartTicks, type OwnershipCheck } from './run-token.js'

/**
 * Who listens on a TCP port, found the way `ss -ltnp` finds it: the listening sockets of
 * /proc/net/tcp and tcp6 (state 0A) give socket inodes, and /proc/<pid>/fd/* links named
 * `socket:[inode]` give the processes holding them. Linux only; elsewhere nothing is found.
 */

/** A process holding a listening socket. */
export interface PortHolder {
  pid: number
  /** Its command line, shortened, for messages. */
  command: string
  /** Set when it carries our run token (see run-token.ts): only then may we signal it. */
  ourStartTimeTicks?: number
}

export interface PortListeners {
  port: number
  holders: PortHolder[]
  /** Listening sockets on the port whose holder we cannot see (another user's process). */
  unseenSockets: number
}

export interface ServicePort {
  /** What the user calls the service, e.g. "gateway". */
  name: string
  port: number
}

/** The gateway's and the mock provider's ports, as stopEscapedListeners takes them (0: none). */
export function servicePorts(ports: {
  gateway?: number
  mocker?: number
  base?: number
}): ServicePort[] {
  return [
    { name: 'gateway', port: ports.gateway ?? 0 },
    ...(ports.base === undefined ? [] : [{ name: 'base gateway', port: ports.base }]),
    { name: 'mock provider', port: ports.mocker ?? 0 }
  ]
}

export interface ListenerOptions extends OwnershipCheck {
  /** How long a process of ours gets between SIGTERM and SIGKILL. */
  graceMs?: number
}

const TCP_LISTEN_STATE = '0A'
const DEFAULT_GRACE_MS = 5000
const KILL_WAIT_MS = 2000
const POLL_INTERVAL_MS = 25
const MAX_COMMAND_CHARS = 200
/** How long a listening socket may outlive its last holder (see settledListeners). */
const SOCKET_RELEASE_WAIT_MS = 1000

/** Inodes of the sockets listening on `port`, any address, IPv4 or IPv6. */
export function listeningSocketInodes(port: number, procRoot = '/proc'): number[] {
  const inodes: number[] = []
  for (const table of ['tcp', 'tcp6']) {
    let content: string
    try {
      content = readFileSync(`${procRoot}/net/${table}`, 'utf8')
    } catch {
      continue
    }
    // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode"
    for (const line of content.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      if (fields.length < 10 || fields[3] !== TCP_LISTEN_STATE) continue
      const localPort = Number.parseInt(fields[1]?.split(':').at(-1) ?? '', 16)
      const inode = Number(fields[9])
      if (localPort === port && inode > 0) inodes.push(inode)
    }
  }
  return inodes
}

/** The processes holding any of `port`'s listening sockets, and how many sockets have none we can see. */
export function findListeners(port: number, options: OwnershipCheck = {}): PortListeners {
  const procRoot = options.procRoot ?? '/proc'
  const inodes = new Set(listeningSocketInodes(port, procRoot))
  if (inodes.size === 0) return { port, holders: [], unseenSockets: 0 }
  const holders: PortHolder[] = []
  const seen = new Set<number>()
  for (const entry of safeReaddir(procRoot)) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    let holds = false
    for (const fd of safeReaddir(`${procRoot}/${pid}/fd`)) {
      const inode = socketInode(`${procRoot}/${pid}/fd/${fd}`)
      if (inode !== undefined && inodes.has(inode)) {
        holds = true
        seen.add(inode)
      }
    }
    if (!holds) continue
    holders.push({
      pid,
      command: processCommandLine(pid, procRoot),
      ourStartTimeTicks: ourProcessStartTicks(pid, options)
    })
  }
  return { port, holders, unseenSockets: inodes.size - seen.size }
}

const isOurs = (holder: PortHolder): holder is PortHolder & { ourStartTimeTicks: number } =>
  holder.ourStartTimeTicks !== undefined

/** "pid 123 (node server.js --port 8080)" */
export function describeHolder(holder: PortHolder): string {
  return `pid ${holder.pid} (${holder.command})`
}

/**
 * For a service that exited with status 0 before it was ready: if something now listens on
 * its port, a sentence saying what (a process of ours means the command daemonized), else
 * undefined.
 */
export function describeListenersAfterExit(
  port: number,
  options: OwnershipCheck = {}
): string | undefined {
  const { holders, unseenSockets } = findListeners(port, options)
  const ours = holders.filter((holder) => holder.ourStartTimeTicks !== undefined)
  const foreign = holders.filter((holder) => holder.ourStartTimeTicks === undefined)
  const parts: string[] = []
  if (ours.length > 0) {
    parts.push(
      `the command daemonized: ${ours.map(describeHolder).join(', ')} listens on port ${port}; run the gateway in the foreground (no setsid, trailing &, -d/--detach or service manager), so the run can watch it and stop it. The run stops what it started`
    )
  }
  if (foreign.length > 0 || unseenSockets > 0) {
    parts.push(`port ${port} is held by ${describeStrangers(foreign, unseenSockets)}`)
  }
  return parts.length > 0 ? parts.join('; ') : undefined
}

/**
 * After the services were stopped: makes sure nothing still listens on their ports. A
 * listener that carries our run token (it left its process group: setsid, a daemon) is
 * stopped, SIGTERM then SIGKILL after graceMs, each signal only after checking that its pid
 * still names the same process. Any other listener is never signalled.
 *
 * @returns one sentence per process of ours that had to be stopped, for the run's warnings.
 * @throws LoadTestError('setup') naming each port still held, and by whom (pid and command
 *   line), when a listener is not ours or would not stop.
 */
export async function stopEscapedListeners(
  ports: ServicePort[],
  options: ListenerOptions = {}
): Promise<string[]> {
  const stopped: string[] = []
  const stillHeld: string[] = []
  for (const { name, port } of ports) {
    if (port <= 0) continue
    const before = await settledListeners(port, options)
    if (before.holders.length === 0 && before.unseenSockets === 0) continue
    const ours = before.holders.filter(isOurs)
    await Promise.all(
      ours.map((holder) =>
        stopOurProcess({ pid: holder.pid, startTimeTicks: holder.ourStartTimeTicks }, options)
      )
    )
    for (const holder of ours) {
      stopped.push(
        `stopped ${describeHolder(holder)}, which this run started and which was still listening on the ${name} port ${port} after the ${name} stopped (it had left its process group)`
      )
    }
    const after = await settledListeners(port, options)
    if (after.holders.length > 0 || after.unseenSockets > 0) {
      const foreign = after.holders.filter((holder) => holder.ourStartTimeTicks === undefined)
      const stubborn = after.holders.filter((holder) => holder.ourStartTimeTicks !== undefined)
      const who = [
        ...(foreign.length > 0 || after.unseenSockets > 0
          ? [`${describeStrangers(foreign, after.unseenSockets)}, not started by this run`]
          : []),
        ...stubborn.map((holder) => `${describeHolder(holder)}, ours, which survived SIGKILL`)
      ]
      stillHeld.push(`the ${name} port ${port} is held by ${who.join('; ')}`)
    }
  }
  if (stillHeld.length > 0) {
    throw new LoadTestError(
      'setup',
      `after the services stopped, ${stillHeld.join('; and ')}. bifrost-load-test signals only processes it can show it started (they carry ${RUN_TOKEN_VARIABLE}=<this run's token> in their environment); stop the others yourself.`
    )
  }
  return stopped
}

/**
 * findListeners, waiting up to SOCKET_RELEASE_WAIT_MS while some socket has no holder: an
 * exiting process's files leave /proc/<pid>/fd a moment before the kernel closes them (seen
 * here right after a SIGKILL), so a socket can briefly be listed with no one holding it.
 */
async function settledListeners(port: number, options: OwnershipCheck): Promise<PortListeners> {
  const deadline = performance.now() + SOCKET_RELEASE_WAIT_MS
  for (;;) {
    const found = findListeners(port, options)
    if (found.unseenSockets === 0 || performance.now() >= deadline) return found
    await sleep(POLL_INTERVAL_MS)
  }
}

function describeStrangers(foreign: PortHolder[], unseenSockets: number): string {
  const named = foreign.map(describeHolder)
  if (unseenSockets > 0) {
    named.push(
      `${unseenSockets === 1 ? 'a process' : `${unseenSockets} processes`} this user cannot inspect`
    )
  }
  return named.join(', ')
}

/**
 * Stops one process of ours known by its pid and start time (see run-token.ts): SIGTERM, then
 * SIGKILL after graceMs (default 5 s); each signal only if the pid still names a living process
 * with that start time, so a recycled pid is never signalled. Resolves once it is gone, or 2 s
 * after SIGKILL.
 */
export async function stopOurProcess(
  identity: { pid: number; startTimeTicks: number },
  options: ListenerOptions = {}
): Promise<void> {
  const procRoot = options.procRoot ?? '/proc'
  const isSame = (): boolean => liveStartTicks(identity.pid, procRoot) === identity.startTimeTicks
  const signal = (name: NodeJS.Signals): void => {
    if (!isSame()) return
    try {
      process.kill(identity.pid, name)
    } catch {
      // Gone meanwhile.
    }
  }
  signal('SIGTERM')
  if (await waitUntilGone(isSame, options.graceMs ?? DEFAULT_GRACE_MS)) return
  signal('SIGKILL')
  await waitUntilGone(isSame, KILL_WAIT_MS)
}

async function waitUntilGone(isAlive: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    if (!isAlive()) return true
    if (performance.now() >= deadline) return false
    await sleep(POLL_INTERVAL_MS)
  }
}

/** Start time of a living (not zombie) pid, else undefined. */
function liveStartTicks(pid: number, procRoot: string): number | undefined {
  try {
    const stat = parseProcStat(readFileSync(`${procRoot}/${pid}/stat`, 'utf8'))
    return stat.state === 'Z' || stat.state === 'X' ? undefined : stat.startTimeTicks
  } catch {
    return undefined
  }
}

function socketInode(fdPath: string): number | undefined {
  try {
    const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(fdPath))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** The command line of `pid`, shortened for messages, else its short name, else "unknown command". */
export function processCommandLine(pid: number, procRoot = '/proc'): string {
  try {
    const words = readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
    const text = words.join(' ')
    if (text !== '') {
      return text.length > MAX_COMMAND_CHARS ? `${text.slice(0, MAX_COMMAND_CHARS)}…` : text
    }
  } catch {
    // Fall back to the short name below.
  }
  try {
    return parseProcStat(readFileSync(`${procRoot}/${pid}/stat`, 'utf8')).comm
  } catch {
    return 'unknown command'
  }
}

function safeReaddir(directory: string): string[] {
  try {
    return readdirSync(directory)
  } catch {
    return []
  }
}
