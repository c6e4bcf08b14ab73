import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { LoadTestError } from '../../src/errors.js'
import {
  feedStreamLines,
  StreamAttackAccumulator,
  type StreamAttackResults,
  type StreamTargetResults
} from '../../src/load/stream-results.js'

/**
 * __tests__/fixtures/streamer-output.ndjson is the real output of the streaming attacker
 * (streamer/, `-rate 20 -duration 1s -workers 4 -max-workers 50 -timeout 5s`) against a
 * throwaway local server: chat streams with a role chunk, then 4 content chunks 10 ms apart
 * from 20 ms (22 ms for the gateway path), a comment among them; request 5 cut after two
 * chunks, 8 answered 200 with a JSON error quoting a key, 11 answered 502, 14 a valid stream
 * without content. The targets file held direct, gateway, gateway, direct.
 */
const FIXTURE = path.join(import.meta.dirname, '../fixtures/streamer-output.ndjson')
const LINES = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n')
const DIRECT_URL = 'http://127.0.0.1:18432/direct/v1/chat/completions'
const GATEWAY_URL = 'http://127.0.0.1:18432/gateway/v1/chat/completions'
const TARGETS = [
  { name: 'direct', url: DIRECT_URL, stream: true },
  { name: 'gateway', url: GATEWAY_URL, stream: true }
]
const redact = (text: string): string => text.replaceAll('sk-test-123', '***')

function decode(lines: string[]): StreamAttackResults {
  const accumulator = new StreamAttackAccumulator('streamer.ndjson', TARGETS, { redact })
  for (const line of lines) accumulator.add(line)
  return accumulator.finish()
}

function target(results: StreamAttackResults, name: string): StreamTargetResults {
  const found = results.targets.get(name)
  if (!found) throw new Error(`no results for ${name}`)
  return found
}

function malformation(lines: string[]): LoadTestError {
  try {
    decode(lines)
  } catch (error) {
    expect(error).toBeInstanceOf(LoadTestError)
    expect((error as LoadTestError).kind).toBe('run')
    return error as LoadTestError
  }
  throw new Error('expected a LoadTestError')
}

const START = LINES[0] as string
const result = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    type: 'result',
    seq: 0,
    target: 0,
    scheduledNs: 50_000_000,
    sendNs: 50_100_000,
    code: 200,
    latencyNs: 60_000_000,
    inFlight: 1,
    bytesIn: 800,
    ttftNs: 20_000_000,
    doneNs: 59_000_000,
    gapsNs: [10_000_000],
    ...fields
  })
const end = (requests: number): string =>
  JSON.stringify({
    type: 'end',
    requests,
    peakInFlight: 1,
    capReached: 0,
    stopped: false,
    elapsedNs: 1e9
  })

describe('StreamAttackAccumulator on recorded output', () => {
  const results = decode(LINES)
  const direct = target(results, 'direct')
  const gateway = target(results, 'gateway')

  it('counts requests, valid streams and status codes per target', () => {
    // direct: seqs 0 3 4 7 8 11 12 15 16 19 (8 invalid, 11 a 502); gateway: the others (5 cut).
    expect(direct.statistics.requests).toBe(10)
    expect(direct.statistics.successes).toBe(8)
    expect(direct.statistics.statusCodes).toEqual({ '200': 9, '502': 1 })
    expect(gateway.statistics.requests).toBe(10)
    expect(gateway.statistics.successes).toBe(9)
    expect(gateway.statistics.statusCodes).toEqual({ '0': 1, '200': 9 })
  })

  it('counts a cut stream as failed by its error, and leaves it out of every time', () => {
    expect(gateway.statistics.topErrors).toEqual([{ error: 'unexpected EOF', count: 1 }])
    // seq 5's time to first token, 23572843 ns, is not among the samples.
    expect(gateway.streamSamples.ttft.latenciesNs).not.toContain(23_572_843)
    expect(gateway.statistics.requests - gateway.statistics.successes).toBe(1)
    // The valid stream without content (seq 14) is the quickest valid one.
    expect(gateway.statistics.latencyNs.min).toBe(1_129_073)
  })

  it('counts an invalid 2xx answer by its reason, redacted, and keeps an example', () => {
    const reason =
      'the answer to a streaming request is JSON (an error object: quota exceeded for key ***), not a server-sent event stream'
    expect(direct.statistics.topErrors).toEqual([
      { error: '502 Bad Gateway', count: 1 },
      { error: `HTTP 200, invalid body: ${reason}`, count: 1 }
    ])
    expect(direct.stream.invalidStreams).toBe(1)
    expect(direct.statistics.invalidResponse).toEqual({
      reason,
      statusCode: 200,
      body: '{"error":{"message":"quota exceeded for key ***","type":"insufficient_quota"}}'
    })
  })

  it('has exact time-to-first-token statistics over the valid streams with content', () => {
    // gateway: seqs 1 2 6 9 10 13 17 18 (14 valid without content, 5 cut).
    expect(gateway.stream.streamsWithoutContent).toBe(1)
    expect(gateway.streamSamples.ttft.latenciesNs).toHaveLength(8)
    expect(gateway.stream.ttftNs.min).toBe(22_919_557)
    expect(gateway.stream.ttftNs.max).toBe(25_004_143)
    // Nearest rank of 8: the 4th smallest.
    expect(gateway.stream.ttftNs.p50).toBe(23_287_840)
    expect(direct.stream.ttftNs.min).toBe(20_951_042)
    expect(direct.stream.ttftNs.max).toBe(23_510_274)
    expect(direct.stream.streamsWithoutContent).toBe(0)
  })

  it('pools the gaps of the valid streams, each with its stream send offset', () => {
    expect(direct.stream.gapCount).toBe(24)
    expect(gateway.stream.gapCount).toBe(24)
    expect(direct.stream.gapNs.min).toBe(8_838_269)
    expect(gateway.stream.gapNs.min).toBe(9_274_920)
    expect(gateway.stream.gapNs.max).toBe(10_657_188)
    const gaps = direct.streamSamples.gaps
    expect(gaps.latenciesNs.slice(0, 3)).toEqual(
      new Float64Array([9_674_823, 10_722_472, 8_838_269])
    )
    expect(gaps.sendOffsetsNs.slice(0, 4)).toEqual(
      new Float64Array([50_848_068, 50_848_068, 50_848_068, 200_194_693])
    )
  })

  it('keeps total latencies and send offsets of valid streams as vegeta results do', () => {
    expect(direct.samples.latenciesNs).toHaveLength(8)
    expect(direct.samples.sendOffsetsNs[0]).toBe(50_848_068)
    expect(direct.statistics.latencyNs.max).toBe(53_049_317)
    // 10 sends from 50848068 to 1000882310 ns.
    expect(direct.statistics.achievedRate).toBeCloseTo(9 / 0.950034242, 9)
  })

  it('describes the attack: rate, peak in flight, worker cap, lateness, completeness', () => {
    expect(results.attack).toEqual({
      requests: 20,
      attackSpanS: 0.950034242,
      achievedRate: 19 / 0.950034242,
      peakInFlight: 2,
      capReached: 0,
      maxSendLagNs: 1_294_716, // seq 17
      maxWorkers: 50,
      stopped: false,
      complete: true
    })
  })
})

describe('StreamAttackAccumulator on partial or unusual output', () => {
  it('takes output cut before its end line (the attacker killed) as incomplete', () => {
    const results = decode(LINES.slice(0, 8))
    expect(results.attack.complete).toBe(false)
    expect(results.attack.requests).toBe(7)
    expect(
      target(results, 'direct').statistics.requests + target(results, 'gateway').statistics.requests
    ).toBe(7)
  })

  it('gives zero statistics for no output at all', () => {
    const results = decode([])
    expect(results.attack).toMatchObject({ requests: 0, achievedRate: 0, complete: false })
    expect(target(results, 'direct').stream.ttftNs.p99).toBe(0)
    expect(target(results, 'direct').stream.gapCount).toBe(0)
  })

  it('counts requests sent with every worker busy, and reads a stop', () => {
    const start = JSON.stringify({ ...JSON.parse(START), maxWorkers: 2 })
    const results = decode([
      start,
      result({ seq: 0, inFlight: 1 }),
      result({ seq: 1, inFlight: 2, sendNs: 140_000_000, scheduledNs: 100_000_000 }),
      result({ seq: 2, inFlight: 2 }),
      JSON.stringify({ ...JSON.parse(end(3)), stopped: true })
    ])
    expect(results.attack).toMatchObject({
      peakInFlight: 2,
      capReached: 2,
      maxSendLagNs: 40_000_000,
      stopped: true
    })
  })

  it('counts a request that was never sent (no inFlight) but not toward the peak', () => {
    const results = decode([
      START,
      result({ inFlight: undefined, code: 0, error: 'not sent: the attack was stopped' }),
      end(1)
    ])
    expect(results.attack.peakInFlight).toBe(0)
    expect(target(results, 'direct').statistics.topErrors[0]?.error).toBe(
      'not sent: the attack was stopped'
    )
  })

  it('names a failed answer without error text by its status', () => {
    const results = decode([START, result({ code: 404 }), end(1)])
    expect(target(results, 'direct').statistics.topErrors).toEqual([
      { error: 'HTTP 404', count: 1 }
    ])
  })
})

describe('StreamAttackAccumulator: malformed output', () => {
  it.each([
    ['not JSON', [START, '{"type":"res'], /line 2: not JSON/],
    ['an array', [START, '[1]'], /line 2: not a JSON object/],
    ['a result before the start', [result({})], /line 1: the first line is not the start line/],
    ['a second start', [START, START], /line 2: a second start line/],
    [
      'a start naming an unknown URL',
      [START.replace('/direct/', '/elsewhere/')],
      /line 1: URL "http:\/\/127.0.0.1:18432\/elsewhere\/v1\/chat\/completions" is none of the targets/
    ],
    [
      'a target index out of range',
      [START, result({ target: 2 })],
      /line 2: target 2 is not in the start line/
    ],
    ['a negative latency', [START, result({ latencyNs: -1 })], /line 2: latencyNs -1/],
    ['a missing send time', [START, result({ sendNs: undefined })], /line 2: sendNs undefined/],
    ['a status code beyond 999', [START, result({ code: 1000 })], /line 2: status code 1000/],
    ['gaps that are no list', [START, result({ gapsNs: 5 })], /line 2: gapsNs 5/],
    ['a fractional gap', [START, result({ gapsNs: [1.5] })], /line 2: gapsNs \[1.5\]/],
    ['an error that is no string', [START, result({ code: 0, error: 7 })], /line 2: error 7/],
    [
      'an unknown line type',
      [START, '{"type":"progress"}'],
      /line 2: unknown line type "progress"/
    ],
    [
      'an end that miscounts',
      [START, result({}), end(2)],
      /line 3: the end line counts 2 results where 1 were read/
    ],
    ['a line after the end', [START, end(0), result({})], /line 3: a line after the end line/]
  ])('%s', (_name, lines, message) => {
    expect(malformation(lines).message).toMatch(message)
    expect(malformation(lines).message).toMatch(
      /^streamer\.ndjson: malformed streaming attacker output/
    )
  })

  it('refuses targets sharing a URL, and no targets', () => {
    expect(
      () => new StreamAttackAccumulator('x', [...TARGETS, { ...TARGETS[0]!, name: 'again' }])
    ).toThrow(RangeError)
    expect(() => new StreamAttackAccumulator('x', [])).toThrow(RangeError)
  })
})

describe('feedStreamLines', () => {
  it('decodes output split anywhere across chunks as it arrives', async () => {
    const text = `${LINES.join('\n')}\n`
    const input = new PassThrough()
    const accumulator = new StreamAttackAccumulator('stdout', TARGETS, { redact })
    const fed = feedStreamLines(input, accumulator)
    const half = Math.floor(text.length / 2)
    for (let i = 0; i < half; i += 37) input.write(text.slice(i, Math.min(i + 37, half)))
    // Decoded while the output is still open: the results before the cut are in.
    await new Promise((resolve) => setImmediate(resolve))
    const early = accumulator.requests
    expect(early).toBeGreaterThan(5)
    expect(early).toBeLessThan(20)
    input.end(text.slice(half))
    await fed
    expect(accumulator.finish()).toEqual(decode(LINES))
  })

  it('stops at a malformed line, calls onMalformed and rejects with its error', async () => {
    let stopped = 0
    const accumulator = new StreamAttackAccumulator('stdout', TARGETS)
    const input = Readable.from([`${START}\nnot json\n${result({})}\n`])
    await expect(feedStreamLines(input, accumulator, () => stopped++)).rejects.toThrow(
      /stdout: malformed streaming attacker output on line 2: not JSON/
    )
    expect(stopped).toBe(1)
    expect(accumulator.requests).toBe(0)
  })
})
