import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedStreamLines, StreamAttackAccumulator } from '../../src/load/stream-results.js'
import { writeTargetsFile, type ChatTarget } from '../../src/load/targets.js'
import { runningProcesses, startProcess } from '../../src/services/process.js'
import { resolveStreamer, streamerArgv } from '../../src/tools/streamer.js'
import { expectNothingLeftRunning, expectSentAtRate, REPO_ROOT } from './helpers.js'

const LATENCY_MS = 30
const INTERVAL_MS = 10
const CHUNKS = 5
const MS = 1e6

const chunk = (content?: string): string =>
  `data: ${JSON.stringify({
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: content === undefined ? { role: 'assistant' } : { content } }]
  })}\n\n`

/**
 * A provider streaming at a pace on /direct (a role chunk at once, then CHUNKS content chunks
 * INTERVAL_MS apart from LATENCY_MS), the same stream buffered whole on /buffering (as a
 * gateway that reads the provider's body before answering would send it), and on /endless a
 * stream that never ends.
 */
function handle(request: IncomingMessage, response: ServerResponse, open: Set<ServerResponse>) {
  request.resume()
  response.writeHead(200, { 'Content-Type': 'text/event-stream' })
  open.add(response)
  response.on('close', () => open.delete(response))
  if (request.url?.startsWith('/endless')) {
    response.write(chunk('Hi'))
    return
  }
  const buffering = request.url?.startsWith('/buffering') ?? false
  const startMs = performance.now()
  let body = chunk()
  if (!buffering) response.write(body)
  // One timer after the other, each aimed at its own deadline: timers of different delays
  // that are all late may fire out of order.
  const send = (i: number): void => {
    const event = chunk(`word${i} `)
    if (buffering) body += event
    else response.write(event)
    if (i === CHUNKS - 1) {
      response.end(buffering ? `${body}data: [DONE]\n\n` : 'data: [DONE]\n\n')
      return
    }
    const nextMs = startMs + LATENCY_MS + (i + 1) * INTERVAL_MS
    setTimeout(() => send(i + 1), Math.max(0, nextMs - performance.now()))
  }
  setTimeout(() => send(0), LATENCY_MS)
}

// The real streamer, built by resolveStreamer, run as a process, its output decoded as it runs.
describe('streaming attacker, end to end', () => {
  let scratchDir = ''
  let server: Server
  let baseUrl = ''
  let streamerPath = ''
  const open = new Set<ServerResponse>()
  const pids: number[] = []

  beforeAll(async () => {
    scratchDir = mkdtempSync(path.join(os.tmpdir(), 'blt-streamer-'))
    const built = await resolveStreamer(
      path.join(scratchDir, 'tools'),
      () => undefined,
      path.join(REPO_ROOT, 'streamer')
    )
    streamerPath = built.binaryPath
    server = createServer((request, response) => handle(request, response, open))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    expect(runningProcesses()).toEqual([])
    if (pids.length > 0) await expectNothingLeftRunning(pids)
    rmSync(scratchDir, { recursive: true, force: true })
  })

  async function attack(paths: string[], durationS: number, stopAfterMs?: number) {
    const targets: ChatTarget[] = paths.map((p, i) => ({
      name: i === 0 ? 'direct' : 'gateway',
      url: `${baseUrl}${p}`,
      model: 'gpt-4o-mini',
      headers: {},
      stream: true
    }))
    const targetsFile = path.join(scratchDir, 'targets.json')
    await writeTargetsFile(targetsFile, targets)
    const streamer = startProcess({
      name: 'streamer',
      argv: streamerArgv(streamerPath, {
        name: 'e2e',
        targetsFile,
        rate: 40,
        durationS,
        timeoutS: 5,
        workers: 10,
        maxWorkers: 200
      }),
      logFile: path.join(scratchDir, 'streamer.log'),
      pipeStdout: true
    })
    pids.push(streamer.pid)
    const accumulator = new StreamAttackAccumulator('streamer', targets)
    const fed = feedStreamLines(streamer.stdout!, accumulator)
    if (stopAfterMs !== undefined) {
      setTimeout(() => process.kill(streamer.pid, 'SIGTERM'), stopAfterMs)
    }
    const startedMs = performance.now()
    const exit = await streamer.exited
    const exitMs = performance.now() - startedMs
    await fed
    await streamer.stop()
    return { exit, exitMs, results: accumulator.finish() }
  }

  it('times paced streams direct, and sees a buffering gateway deliver its first token last', async () => {
    const { exit, results } = await attack(['/direct', '/buffering'], 2)
    expect(exit).toEqual({ code: 0, signal: null })
    expect(results.attack).toMatchObject({ complete: true, stopped: false, capReached: 0 })
    const direct = results.targets.get('direct')!
    const buffering = results.targets.get('gateway')!
    for (const target of [direct, buffering]) {
      expectSentAtRate(target.statistics.requests, 20, 2)
      expect(target.statistics.successes).toBe(target.statistics.requests)
      expect(target.stream.gapCount).toBe(target.statistics.successes * (CHUNKS - 1))
    }
    // Node's timers count from the event loop's cached time, so one may fire up to 1 ms early.
    expect(direct.stream.ttftNs.min).toBeGreaterThanOrEqual((LATENCY_MS - 1) * MS)
    expect(direct.stream.ttftNs.p50).toBeLessThan((LATENCY_MS + 10) * MS)
    expect(direct.stream.gapNs.p50).toBeGreaterThan((INTERVAL_MS - 5) * MS)
    expect(direct.stream.gapNs.p50).toBeLessThan((INTERVAL_MS + 5) * MS)
    // Buffered: the first token arrives with the last, after the whole stream's duration.
    const streamMs = LATENCY_MS + (CHUNKS - 1) * INTERVAL_MS
    expect(buffering.stream.ttftNs.min).toBeGreaterThanOrEqual((streamMs - 1) * MS)
    expect(buffering.stream.gapNs.p90).toBeLessThan(1 * MS)
  })

  it('stops on SIGTERM at once: streams in flight cancelled and reported, nothing left open', async () => {
    const { exit, exitMs, results } = await attack(['/endless'], 30, 500)
    expect(exit).toEqual({ code: 0, signal: null })
    expect(exitMs).toBeLessThan(3000)
    expect(results.attack).toMatchObject({ complete: true, stopped: true })
    const endless = results.targets.get('direct')!
    expect(endless.statistics.requests).toBeGreaterThanOrEqual(10)
    expect(endless.statistics.successes).toBe(0)
    expect(endless.statistics.statusCodes).toEqual({ '0': endless.statistics.requests })
    // The server saw every stream closed.
    await expect.poll(() => open.size, { timeout: 2000 }).toBe(0)
  })
})
