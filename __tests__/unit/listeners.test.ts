import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { LoadTestError } from '../../src/errors.js'
import {
  describeListenersAfterExit,
  findListeners,
  listeningSocketInodes,
  stopEscapedListeners
} from '../../src/services/listeners.js'
import { readProcessStartTime, startProcess } from '../../src/services/process.js'
import {
  RUN_TOKEN_VARIABLE,
  ourProcessStartTicks,
  runToken,
  withRunToken
} from '../../src/services/run-token.js'
import { REPO_ROOT } from './fixtures.js'

const LISTENER = path.join(REPO_ROOT, '__tests__/fixtures/tcp-listener.mjs')
const DAEMONIZE = path.join(REPO_ROOT, '__tests__/fixtures/daemonize.sh')

let scratch: string
/** Every pid a test started, killed after each test whatever happened. */
const started: number[] = []

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-listeners-'))
})

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone, as it should be.
    }
  }
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

const isAlive = (pid: number): boolean => {
  const state = /^\d+ \(.*\) (\w)/.exec(safeRead(`/proc/${pid}/stat`))?.[1]
  return state !== undefined && state !== 'Z' && state !== 'X'
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The fixture listener, started by the test itself: no run token unless env carries one. */
async function startListener(
  name: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<{ child: ChildProcess; pid: number; port: number; signalLog: string }> {
  const signalLog = path.join(scratch, `${name}-signals.log`)
  const child = spawn(process.execPath, [LISTENER, '0', signalLog], {
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  started.push(child.pid as number)
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\d+)/.exec(chunk.toString())
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', () => reject(new Error(`${name} listener exited early`)))
  })
  return { child, pid: child.pid as number, port, signalLog }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await sleep(20)
  }
}

describe('findListeners', () => {
  it('finds the sockets listening on a port, and who holds them', async () => {
    const foreign = await startListener('found')
    expect(listeningSocketInodes(foreign.port).length).toBe(1)
    const found = findListeners(foreign.port)
    expect(found.unseenSockets).toBe(0)
    expect(found.holders).toEqual([
      {
        pid: foreign.pid,
        command: `${process.execPath} ${LISTENER} 0 ${foreign.signalLog}`,
        ourStartTimeTicks: undefined
      }
    ])
    expect(findListeners(await freePort()).holders).toEqual([])
  })
})

describe('run token', () => {
  it('marks a process ours only with exactly our token, and only if it started after us', async () => {
    const ours = await startListener('token', withRunToken())
    const startTicks = readProcessStartTime(ours.pid)
    expect(startTicks).toBeDefined()
    expect(ourProcessStartTicks(ours.pid)).toBe(startTicks)
    expect(ourProcessStartTicks(ours.pid, { token: `${runToken()}0` })).toBeUndefined()
    expect(
      ourProcessStartTicks(ours.pid, { notBeforeTicks: (startTicks as number) + 1 })
    ).toBeUndefined()
    const stranger = await startListener('no-token')
    expect(ourProcessStartTicks(stranger.pid)).toBeUndefined()
    // A token that merely begins like ours is not ours either.
    const lookalike = await startListener('lookalike', {
      ...process.env,
      [RUN_TOKEN_VARIABLE]: `${runToken()}-copy`
    })
    expect(ourProcessStartTicks(lookalike.pid)).toBeUndefined()
  })

  it('is in the environment of every process startProcess starts', async () => {
    const logFile = path.join(scratch, 'env.log')
    const printer = startProcess({
      name: 'env printer',
      argv: [process.execPath, '-e', `console.log(process.env.${RUN_TOKEN_VARIABLE})`],
      logFile
    })
    await printer.exited
    expect(readFileSync(logFile, 'utf8').trim()).toBe(runToken())
    expect(process.env[RUN_TOKEN_VARIABLE]).toBeUndefined()
  })
})

describe('stopEscapedListeners', () => {
  it('never signals a listener it did not start, and names it with pid and command line', async () => {
    const foreign = await startListener('foreign')
    const error = await stopEscapedListeners([{ name: 'gateway', port: foreign.port }]).then(
      () => undefined,
      (rejection: unknown) => rejection
    )
    expect(error).toBeInstanceOf(LoadTestError)
    expect((error as LoadTestError).kind).toBe('setup')
    expect((error as LoadTestError).message).toBe(
      `after the services stopped, the gateway port ${foreign.port} is held by pid ${foreign.pid} (${process.execPath} ${LISTENER} 0 ${foreign.signalLog}), not started by this run. bifrost-load-test signals only processes it can show it started (they carry ${RUN_TOKEN_VARIABLE}=<this run's token> in their environment); stop the others yourself.`
    )
    await sleep(200)
    expect(isAlive(foreign.pid)).toBe(true)
    expect(existsSync(foreign.signalLog)).toBe(false)
  })

  it('leaves alone a process with our token that started before the run', async () => {
    const early = await startListener('early', withRunToken())
    const startTicks = readProcessStartTime(early.pid) as number
    await expect(
      stopEscapedListeners([{ name: 'gateway', port: early.port }], {
        notBeforeTicks: startTicks + 1
      })
    ).rejects.toThrow(`held by pid ${early.pid} (`)
    expect(isAlive(early.pid)).toBe(true)
    expect(existsSync(early.signalLog)).toBe(false)
  })

  it('stops a listener of ours that left its process group (setsid), and says so', async () => {
    const port = await freePort()
    const pidFile = path.join(scratch, 'daemon.pid')
    const signalLog = path.join(scratch, 'daemon-signals.log')
    const daemonizer = startProcess({
      name: 'daemonizer',
      argv: [
        DAEMONIZE,
        'exit',
        pidFile,
        path.join(scratch, 'daemon.log'),
        'listening on',
        process.execPath,
        LISTENER,
        String(port),
        signalLog
      ],
      logFile: path.join(scratch, 'daemonizer.log')
    })
    expect(await daemonizer.exited).toEqual({ code: 0, signal: null })
    const daemonPid = Number(readFileSync(pidFile, 'utf8'))
    started.push(daemonPid)
    // It survived the end of the daemonizer's process group, and carries our token.
    expect(isAlive(daemonPid)).toBe(true)
    expect(describeListenersAfterExit(port)).toBe(
      `the command daemonized: pid ${daemonPid} (${process.execPath} ${LISTENER} ${port} ${signalLog}) listens on port ${port}; run the gateway in the foreground (no setsid, trailing &, -d/--detach or service manager), so the run can watch it and stop it. The run stops what it started`
    )

    const stopped = await stopEscapedListeners([
      { name: 'gateway', port },
      { name: 'mock provider', port: 0 }
    ])
    expect(stopped).toEqual([
      `stopped pid ${daemonPid} (${process.execPath} ${LISTENER} ${port} ${signalLog}), which this run started and which was still listening on the gateway port ${port} after the gateway stopped (it had left its process group)`
    ])
    expect(readFileSync(signalLog, 'utf8')).toBe('SIGTERM\n')
    await waitFor(() => !isAlive(daemonPid))
    expect(findListeners(port).holders).toEqual([])
  })

  it('kills a listener of ours that ignores SIGTERM once the grace period is over', async () => {
    const signalLog = path.join(scratch, 'stubborn-signals.log')
    const child = spawn(process.execPath, [LISTENER, '0', signalLog, '--ignore-sigterm'], {
      env: withRunToken(),
      stdio: ['ignore', 'pipe', 'inherit']
    })
    started.push(child.pid as number)
    const port = await new Promise<number>((resolve) =>
      child.stdout?.on('data', (chunk: Buffer) => {
        const match = /listening on (\d+)/.exec(chunk.toString())
        if (match) resolve(Number(match[1]))
      })
    )
    const startedMs = Date.now()
    const stopped = await stopEscapedListeners([{ name: 'mock provider', port }], {
      graceMs: 300
    })
    expect(stopped).toHaveLength(1)
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(300)
    expect(readFileSync(signalLog, 'utf8')).toBe('SIGTERM\n')
    expect(findListeners(port).holders).toEqual([])
  })
})
