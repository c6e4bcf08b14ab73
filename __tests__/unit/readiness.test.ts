import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

import { LoadTestError } from '../../src/errors.js'
import { findFreePort } from '../../src/services/ports.js'
import { waitUntilReady } from '../../src/services/readiness.js'
import { useSpawnedProcesses } from './process-fixture.js'

const execFileAsync = promisify(execFile)

const { dir, startNode, track } = useSpawnedProcesses('readiness-test')
let scenarioCount = 0

/** A node HTTP server on port that answers `status` on every path, started after delayMs. */
function serverScript(port: number, delayMs: number, status = 200): string {
  return `setTimeout(() => require('http')
    .createServer((request, response) => { response.statusCode = ${status}; response.end('ok') })
    .listen(${port}, '127.0.0.1'), ${delayMs})`
}

/**
 * Runs a waitUntilReady scenario in a fresh node process and measures how long that process
 * lives on once the wait has settled and the service is stopped: a timer left pending would
 * keep it alive. (The test process itself has timers of its own, so it cannot tell.)
 */
async function exitDelayAfterSettling(
  scenario: string
): Promise<{ outcome: string; exitDelayMs: number; pids: number[] }> {
  const scriptPath = join(dir(), `scenario-${++scenarioCount}.mts`)
  const servicesDir = fileURLToPath(new URL('../../src/services/', import.meta.url))
  writeFileSync(
    scriptPath,
    `import { runningProcesses, startProcess, stopAllProcesses } from '${servicesDir}process.ts'
     import { waitUntilReady } from '${servicesDir}readiness.ts'
     const logFile = '${join(dir(), `scenario-${scenarioCount}.log`)}'
     const pids = []
     const outcome = await (async () => { ${scenario} })().then(
       () => 'ready',
       (error) => error.message.split('\\n')[0]
     )
     pids.push(...runningProcesses().map((started) => started.pid))
     await stopAllProcesses()
     const settledMs = performance.now()
     process.on('exit', () => {
       const exitDelayMs = performance.now() - settledMs
       console.log(JSON.stringify({ outcome, exitDelayMs, pids }))
     })
`
  )
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', scriptPath], {
    timeout: 30_000
  })
  return JSON.parse(stdout)
}

async function rejection(promise: Promise<unknown>): Promise<LoadTestError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  )
  expect(error).toBeInstanceOf(LoadTestError)
  return error as LoadTestError
}

describe('waitUntilReady', () => {
  it('waits for the health URL to answer 2xx', async () => {
    const port = await findFreePort()
    const service = startNode(serverScript(port, 300))
    const { readyAfterMs } = await waitUntilReady(
      service,
      { healthUrl: `http://127.0.0.1:${port}/health` },
      { timeoutMs: 10_000 }
    )
    expect(readyAfterMs).toBeGreaterThanOrEqual(250)
    expect(readyAfterMs).toBeLessThan(1500)
  })

  it('waits for a log line matching a pattern, read as the log grows', async () => {
    const service = startNode(
      `console.log('starting up')
       setTimeout(() => process.stdout.write('listening on '), 150)
       setTimeout(() => console.log('port 8080'), 300)
       setInterval(() => {}, 1000)`
    )
    const { readyAfterMs } = await waitUntilReady(
      service,
      { logPattern: /^listening on port \d+$/ },
      { timeoutMs: 10_000, pollIntervalMs: 10 }
    )
    expect(readyAfterMs).toBeGreaterThanOrEqual(250)
    expect(service.logTail()).toContain('listening on port 8080')

    const another = startNode("console.log('server ready'); setInterval(() => {}, 1000)")
    await waitUntilReady(another, { logPattern: 'ready' }, { timeoutMs: 10_000 })
  })

  it('needs every given check to pass', async () => {
    const port = await findFreePort()
    const service = startNode(
      `${serverScript(port, 0)}; setTimeout(() => console.log('warmed up'), 400)`
    )
    const { readyAfterMs } = await waitUntilReady(
      service,
      { healthUrl: `http://127.0.0.1:${port}/health`, logPattern: 'warmed up' },
      { timeoutMs: 10_000 }
    )
    expect(readyAfterMs).toBeGreaterThanOrEqual(350)
  })

  it('fails as soon as the process exits, with its status and the end of its log', async () => {
    const service = startNode(
      "console.error('fatal: config.json is broken'); setTimeout(() => process.exit(3), 100)",
      'gateway'
    )
    const startedMs = Date.now()
    const error = await rejection(
      waitUntilReady(service, { healthUrl: 'http://127.0.0.1:9/health' }, { timeoutMs: 20_000 })
    )
    expect(Date.now() - startedMs).toBeLessThan(5000)
    expect(error.kind).toBe('setup')
    expect(error.message).toContain('gateway exited with status 3 before it was ready')
    expect(error.message).toContain(service.logFile)
    expect(error.message).toContain('fatal: config.json is broken')
    expect(error.logFile).toBe(service.logFile)
    expect(error.logTail).toBe('fatal: config.json is broken')
  })

  it('times out, saying what it waited for', async () => {
    const port = await findFreePort()
    const service = startNode(
      `console.log('booting'); ${serverScript(port, 0, 503)}`,
      'mock provider'
    )
    const startedMs = Date.now()
    const error = await rejection(
      waitUntilReady(
        service,
        { healthUrl: `http://127.0.0.1:${port}/health`, logPattern: /never printed/ },
        { timeoutMs: 500 }
      )
    )
    expect(Date.now() - startedMs).toBeLessThan(2000)
    expect(error.kind).toBe('setup')
    expect(error.message).toContain('mock provider was not ready after 0.5 s')
    expect(error.message).toContain(`GET http://127.0.0.1:${port}/health to answer 2xx`)
    expect(error.message).toContain('last try: HTTP 503')
    expect(error.message).toContain('a log line matching /never printed/')
    expect(error.message).toContain('booting')
    expect(service.running).toBe(true)
  })

  it('times out on a service that never listens, naming the connection error', async () => {
    const port = await findFreePort()
    const service = startNode('setInterval(() => {}, 1000)')
    const error = await rejection(
      waitUntilReady(service, { healthUrl: `http://127.0.0.1:${port}/` }, { timeoutMs: 300 })
    )
    expect(error.message).toContain('not ready after 0.3 s')
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.message).toContain('The log is empty.')
  })

  describe('leaves no timer pending', () => {
    // Poll intervals and per-try timeouts far longer than the exit delay allowed below.
    it('once ready', async () => {
      const port = await findFreePort()
      const result = await exitDelayAfterSettling(`
        const service = startProcess({ name: 'server', argv: [process.execPath, '-e', ${JSON.stringify(serverScript(port, 200))}], logFile })
        await waitUntilReady(service, { healthUrl: 'http://127.0.0.1:${port}/health' }, { timeoutMs: 20_000, pollIntervalMs: 100 })
      `)
      result.pids.forEach((pid) => track(pid))
      expect(result.outcome).toBe('ready')
      expect(result.exitDelayMs).toBeLessThan(500)
    })

    it('after the service exited', async () => {
      const result = await exitDelayAfterSettling(`
        const service = startProcess({ name: 'crasher', argv: [process.execPath, '-e', 'setTimeout(() => process.exit(3), 300)'], logFile })
        await waitUntilReady(service, { logPattern: 'never' }, { timeoutMs: 20_000, pollIntervalMs: 5000 })
      `)
      result.pids.forEach((pid) => track(pid))
      expect(result.outcome).toContain('crasher exited with status 3 before it was ready')
      expect(result.exitDelayMs).toBeLessThan(500)
    })

    it('after a timeout', async () => {
      const port = await findFreePort()
      const result = await exitDelayAfterSettling(`
        const service = startProcess({ name: 'idler', argv: [process.execPath, '-e', 'setInterval(() => {}, 1000)'], logFile })
        await waitUntilReady(service, { healthUrl: 'http://127.0.0.1:${port}/' }, { timeoutMs: 300, pollIntervalMs: 5000 })
      `)
      result.pids.forEach((pid) => track(pid))
      expect(result.outcome).toContain('idler was not ready after 0.3 s')
      expect(result.exitDelayMs).toBeLessThan(500)
    })
  })
})
