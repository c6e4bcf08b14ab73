import { open, type FileHandle } from 'node:fs/promises'
import { StringDecoder } from 'node:string_decoder'

import { LoadTestError } from '../errors.js'
import type { ManagedProcess } from './process.js'
import { describeListenersAfterExit } from './listeners.js'
import { describeStray, stopLeftBehind } from './strays.js'

export interface ReadinessCheck {
  /** Ready once a GET answers 2xx. */
  healthUrl?: string
  /** Ready once a line of the process's log matches. */
  logPattern?: RegExp | string
  /**
   * The port the service should listen on. If the process exits before it is ready, whatever
   * listens there is named (a process of ours means the command daemonized).
   */
  port?: number
}

export interface ReadinessOptions {
  timeoutMs: number
  pollIntervalMs?: number
}

/** Per try, so that one hung connection cannot use up the whole timeout. */
const HEALTH_TRY_TIMEOUT_MS = 1000
/** Even the last try before the deadline gets this long, so that it can still get an answer. */
const MIN_HEALTH_TRY_TIMEOUT_MS = 100

/**
 * Resolves once every given check passes, with the time taken since the call. Rejects with
 * LoadTestError('setup') if the process exits first or timeoutMs passes.
 */
export async function waitUntilReady(
  managed: ManagedProcess,
  check: ReadinessCheck,
  options: ReadinessOptions
): Promise<{ readyAfterMs: number }> {
  const { healthUrl, logPattern } = check
  if (healthUrl === undefined && logPattern === undefined) {
    throw new Error(`waitUntilReady(${managed.name}) needs a healthUrl or a logPattern`)
  }
  const pollIntervalMs = options.pollIntervalMs ?? 25
  const startedAtMs = performance.now()
  const deadlineMs = startedAtMs + options.timeoutMs
  const logScanner =
    logPattern === undefined ? undefined : new LogScanner(managed.logFile, logPattern)
  let logMatched = logScanner === undefined
  let healthy = healthUrl === undefined
  let lastHealthFailure = 'no answer yet'

  for (;;) {
    if (!managed.running) throw await exitedBeforeReady(managed, check.port)
    if (logScanner !== undefined && !logMatched) logMatched = await logScanner.scan()
    if (healthUrl !== undefined && !healthy) {
      const tryTimeoutMs = Math.min(
        HEALTH_TRY_TIMEOUT_MS,
        Math.max(MIN_HEALTH_TRY_TIMEOUT_MS, deadlineMs - performance.now())
      )
      const failure = await probeHealth(healthUrl, tryTimeoutMs)
      healthy = failure === undefined
      lastHealthFailure = failure ?? ''
    }
    if (logMatched && healthy) {
      return { readyAfterMs: Math.round(performance.now() - startedAtMs) }
    }
    const remainingMs = deadlineMs - performance.now()
    if (remainingMs <= 0) {
      const awaited: string[] = []
      if (healthUrl !== undefined && !healthy) {
        awaited.push(`GET ${healthUrl} to answer 2xx, last try: ${lastHealthFailure}`)
      }
      if (logPattern !== undefined && !logMatched) {
        const shownPattern =
          typeof logPattern === 'string' ? JSON.stringify(logPattern) : String(logPattern)
        awaited.push(`a log line matching ${shownPattern}`)
      }
      const timeoutS = options.timeoutMs / 1000
      throw notReadyError(
        managed,
        `${managed.name} was not ready after ${timeoutS} s (waited for ${awaited.join(' and ')})`
      )
    }
    await sleepUnlessExited(managed, Math.min(pollIntervalMs, remainingMs))
  }
}

/**
 * The error for a process that exited before it was ready. What it left behind that carries
 * our run token (a daemon: `setsid server &`, a double fork) is stopped first, and named.
 */
async function exitedBeforeReady(
  managed: ManagedProcess,
  port: number | undefined
): Promise<LoadTestError> {
  const leftBehind = await stopLeftBehind(
    port === undefined ? undefined : { name: managed.name, port },
    { startedSinceTicks: managed.pidIdentity?.startTimeTicks }
  )
  let summary = `${managed.name} ${managed.exitDescription()} before it was ready`
  if (leftBehind.length > 0) {
    const count = leftBehind.length === 1 ? 'a process' : `${leftBehind.length} processes`
    summary += ` and left ${count} of this run behind: ${leftBehind.map(describeStray).join('; ')}; stopped ${leftBehind.length === 1 ? 'it' : 'them'}. The command daemonized: run the ${managed.name} in the foreground (no setsid, trailing &, -d/--detach or service manager), so the run can watch it and stop it`
  }
  // Anything still listening there now is not ours (or would not stop): name it.
  const listening = port === undefined ? undefined : describeListenersAfterExit(port)
  if (listening !== undefined) summary += `; ${listening}`
  return notReadyError(managed, summary)
}

function notReadyError(managed: ManagedProcess, summary: string): LoadTestError {
  const logTail = managed.logTail()
  const tailText =
    logTail === '' ? 'The log is empty.' : `Last lines of the log:\n${logTail.replace(/^/gm, '  ')}`
  return new LoadTestError('setup', `${summary}. Log: ${managed.logFile}\n${tailText}`, {
    logFile: managed.logFile,
    logTail
  })
}

/** undefined if the URL answered 2xx, else why not. */
async function probeHealth(url: string, timeoutMs: number): Promise<string | undefined> {
  const controller = new AbortController()
  // Not AbortSignal.timeout(): its timer would stay pending after a quick answer.
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(url, { signal: controller.signal })
    await response.body?.cancel()
    return response.ok ? undefined : `HTTP ${response.status}`
  } catch (error) {
    if (controller.signal.aborted) return `no answer within ${timeoutMs} ms`
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause
    return cause?.code ?? (error instanceof Error ? error.message : String(error))
  } finally {
    clearTimeout(timer)
  }
}

async function sleepUnlessExited(managed: ManagedProcess, durationMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    managed.exited,
    new Promise((resolveSleep) => {
      timer = setTimeout(resolveSleep, durationMs)
    })
  ])
  clearTimeout(timer)
}

/** Reads a growing log file from where it left off and tests each line against a pattern. */
class LogScanner {
  private readonly logFile: string
  private readonly pattern: RegExp | string
  private readonly decoder = new StringDecoder('utf8')
  private offsetBytes = 0
  /** The text after the last newline read so far: the start of a line still being written. */
  private partialLine = ''

  constructor(logFile: string, pattern: RegExp | string) {
    this.logFile = logFile
    this.pattern = pattern
  }

  async scan(): Promise<boolean> {
    let file: FileHandle
    try {
      file = await open(this.logFile, 'r')
    } catch {
      return false
    }
    try {
      const { size } = await file.stat()
      if (size <= this.offsetBytes) return false
      const buffer = Buffer.alloc(size - this.offsetBytes)
      const { bytesRead } = await file.read(buffer, 0, buffer.length, this.offsetBytes)
      this.offsetBytes += bytesRead
      const lines = (this.partialLine + this.decoder.write(buffer.subarray(0, bytesRead))).split(
        '\n'
      )
      this.partialLine = lines.at(-1) ?? ''
      // The partial line is tested too: a process may print its ready line without a newline.
      return lines.some((line) => this.matches(line))
    } finally {
      await file.close()
    }
  }

  private matches(line: string): boolean {
    // search() ignores lastIndex, so a /g pattern gives the same answer every time.
    return typeof this.pattern === 'string'
      ? line.includes(this.pattern)
      : line.search(this.pattern) >= 0
  }
}
