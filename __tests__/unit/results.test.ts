import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoadTestError } from '../../src/errors.js'
import {
  AttackAccumulator,
  answeredRequests,
  parseCsvLine,
  readVegetaResults,
  type AccumulatorOptions
} from '../../src/load/results.js'

// Beyond 2^53 (≈ 9.007e15), as every real timestamp in ns is: a double would round it to 256 ns.
const T0_NS = 1_795_838_554_680_550_942n
const HEADERS_BASE64 = 'Q29udGVudC1MZW5ndGg6IDE0DQoNCg=='

const URL = 'http://127.0.0.1:8080/v1'
const OTHER_URL = 'http://127.0.0.1:9090/v1'
const TARGETS = [{ name: 'gateway', url: URL, stream: false }]
const COMPLETION = '{"id":"c1","choices":[{"index":0,"message":{"content":"hi"}}]}'
const b64 = (text: string): string => Buffer.from(text).toString('base64')

/**
 * A line as `vegeta encode --to csv` writes it; `error` is given already CSV-encoded. A 2xx
 * result carries a chat completion body unless another body is given.
 */
function resultLine(
  timestampNs: bigint,
  code: number,
  latencyNs: number,
  error = '',
  body = code >= 200 && code < 300 ? COMPLETION : '',
  url = URL
): string {
  return `${timestampNs},${code},${latencyNs},120,14,${error},${b64(body)},,0,POST,${url},${HEADERS_BASE64}`
}

function accumulate(lines: string[], options: AccumulatorOptions = {}) {
  const accumulator = new AttackAccumulator('results.bin', TARGETS, options)
  for (const line of lines) accumulator.add(line)
  const statistics = accumulator.finish().targets.get('gateway')?.statistics
  if (!statistics) throw new Error('no statistics for the gateway target')
  return statistics
}

function malformation(lines: string[]): LoadTestError {
  try {
    accumulate(lines)
  } catch (error) {
    expect(error).toBeInstanceOf(LoadTestError)
    expect((error as LoadTestError).kind).toBe('run')
    return error as LoadTestError
  }
  throw new Error('expected a LoadTestError')
}

describe('parseCsvLine', () => {
  it('splits unquoted fields, keeping empty ones', () => {
    expect(parseCsvLine('a,,b,')).toEqual(['a', '', 'b', ''])
    expect(parseCsvLine('')).toEqual([''])
  })

  it('unquotes fields with commas and doubled quotes', () => {
    expect(parseCsvLine('1,"Get ""http://x/"": refused, retrying",,"a,b"')).toEqual([
      '1',
      'Get "http://x/": refused, retrying',
      '',
      'a,b'
    ])
    expect(parseCsvLine('"",""""')).toEqual(['', '"'])
  })

  it('reports a quoted field left open as a record that continues', () => {
    expect(parseCsvLine('1,"first line')).toBeUndefined()
    expect(parseCsvLine('1,"ends with a quote""')).toBeUndefined()
  })

  it('rejects malformed quoting', () => {
    expect(() => parseCsvLine('1,"closed"then,2')).toThrow(
      'text after the closing quote of field 2'
    )
    expect(() => parseCsvLine('1,in"side')).toThrow('quote inside unquoted field 2')
  })
})

describe('AttackAccumulator', () => {
  it('counts requests, successes (2xx with a completion), status codes and errors', () => {
    const stats = accumulate([
      resultLine(T0_NS, 200, 1000),
      resultLine(T0_NS + 1n, 204, 2000),
      resultLine(T0_NS + 2n, 301, 3000),
      resultLine(T0_NS + 3n, 399, 4000),
      resultLine(T0_NS + 4n, 400, 5000, '400 Bad Request'),
      resultLine(T0_NS + 5n, 500, 6000, '500 Internal Server Error'),
      resultLine(T0_NS + 6n, 500, 7000, '500 Internal Server Error'),
      resultLine(T0_NS + 7n, 0, 8000, '"Post ""http://127.0.0.1:8080/v1"": EOF, again"'),
      resultLine(T0_NS + 8n, 0, 9000, '"Post ""http://127.0.0.1:8080/v1"": EOF, again"'),
      resultLine(T0_NS + 9n, 200, 10_000)
    ])
    expect(stats.requests).toBe(10)
    // 200, 204 and 200: a 3xx is not a chat completion.
    expect(stats.successes).toBe(3)
    expect(stats.successRatio).toBe(0.3)
    expect(stats.statusCodes).toEqual({
      '0': 2,
      '200': 2,
      '204': 1,
      '301': 1,
      '399': 1,
      '400': 1,
      '500': 2
    })
    // Every status is an answer; the two transport errors (code 0) are not.
    expect(answeredRequests(stats)).toBe(8)
    expect(stats.topErrors).toEqual([
      { error: '500 Internal Server Error', count: 2 },
      { error: 'Post "http://127.0.0.1:8080/v1": EOF, again', count: 2 },
      { error: '400 Bad Request', count: 1 },
      { error: 'HTTP 301', count: 1 },
      { error: 'HTTP 399', count: 1 }
    ])
    // Failed requests are not timed: 1000, 2000 and 10 000 ns only.
    expect(stats.latencyNs).toEqual({
      min: 1000,
      mean: 13_000 / 3,
      p50: 2000,
      p90: 10_000,
      p95: 10_000,
      p99: 10_000,
      p999: 10_000,
      max: 10_000
    })
    expect(stats.histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(3)
  })

  it('counts a 2xx whose body is not a chat completion as failed, quoting the first, redacted', () => {
    const errorBody = '{"error":{"message":"key sk-secret-1 is over quota"}}'
    const accumulator = new AttackAccumulator('results.bin', TARGETS, {
      redact: (text) => text.replaceAll('sk-secret-1', '***')
    })
    accumulator.add(resultLine(T0_NS, 200, 1000, '', errorBody))
    accumulator.add(resultLine(T0_NS + 1n, 200, 2000, '', '{"choices":[]}'))
    accumulator.add(resultLine(T0_NS + 2n, 200, 3000, '', errorBody))
    accumulator.add(resultLine(T0_NS + 3n, 200, 4000))
    const stats = accumulator.finish().targets.get('gateway')?.statistics
    expect(stats?.successes).toBe(1)
    expect(stats?.latencyNs.min).toBe(4000)
    expect(stats?.topErrors).toEqual([
      {
        error: 'HTTP 200, invalid body: the body is an error object: key *** is over quota',
        count: 2
      },
      { error: 'HTTP 200, invalid body: the body has no choices (not a chat completion)', count: 1 }
    ])
    expect(stats?.invalidResponse).toEqual({
      reason: 'the body is an error object: key *** is over quota',
      statusCode: 200,
      body: '{"error":{"message":"key *** is over quota"}}'
    })
  })

  it("quotes the first non-2xx answer's body, redacted and cut, but nothing of a transport error", () => {
    const refusal =
      '{"error":{"message":"Either x-portkey-config or x-portkey-provider header is required (key sk-secret-1)"}}'
    const accumulator = new AttackAccumulator('results.bin', TARGETS, {
      redact: (text) => text.replaceAll('sk-secret-1', '***')
    })
    accumulator.add(resultLine(T0_NS, 0, 1000, '"Post ""http://127.0.0.1:8080/v1"": EOF"'))
    accumulator.add(resultLine(T0_NS + 1n, 400, 2000, '400 Bad Request', refusal))
    accumulator.add(resultLine(T0_NS + 2n, 500, 3000, '500 Internal Server Error', 'later'))
    accumulator.add(resultLine(T0_NS + 3n, 200, 4000, '', '{"choices":[]}'))
    const stats = accumulator.finish().targets.get('gateway')?.statistics
    expect(stats?.invalidResponse).toEqual({
      reason: 'the status is 400 Bad Request, not 2xx',
      statusCode: 400,
      body: '{"error":{"message":"Either x-portkey-config or x-portkey-provider header is required (key ***)"}}'
    })
    expect(stats?.topErrors.map((error) => error.error)).toContain('400 Bad Request')

    const long = accumulate([resultLine(T0_NS, 503, 1000, '', 'x'.repeat(5000))])
    expect(long.invalidResponse).toEqual({
      reason: 'the status is HTTP 503, not 2xx',
      statusCode: 503,
      body: 'x'.repeat(600)
    })
    expect(
      accumulate([resultLine(T0_NS, 401, 1000, '401 Unauthorized', '')]).invalidResponse
    ).toEqual({ reason: 'the status is 401 Unauthorized, not 2xx', statusCode: 401, body: '' })
  })

  it('checks a streaming target for server-sent events ending with [DONE]', () => {
    const stream = 'data: {"choices":[{"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n'
    const accumulator = new AttackAccumulator('results.bin', [
      { name: 'gateway', url: URL, stream: true }
    ])
    accumulator.add(resultLine(T0_NS, 200, 1000, '', stream))
    accumulator.add(resultLine(T0_NS + 1n, 200, 1000, '', COMPLETION))
    const stats = accumulator.finish().targets.get('gateway')?.statistics
    expect(stats?.successes).toBe(1)
    expect(stats?.invalidResponse?.reason).toBe(
      'the answer to a streaming request is JSON, not a server-sent event stream'
    )
  })

  it('cannot check a body vegeta cut at max-body, and says how to fix it', () => {
    const stats = accumulate([resultLine(T0_NS, 200, 1000, '', COMPLETION)], {
      maxBodyBytes: COMPLETION.length
    })
    expect(stats.successes).toBe(0)
    expect(stats.invalidResponse?.reason).toMatch(
      /longer than max-body-bytes .* raise max-body-bytes/
    )
  })

  it('splits an interleaved attack by URL, and measures the attack as a whole', () => {
    const accumulator = new AttackAccumulator('results.bin', [
      { name: 'direct', url: OTHER_URL, stream: false },
      { name: 'gateway', url: URL, stream: false }
    ])
    // Sent every 10 ms alternately; each takes 25 ms, so 3 are in flight at the peak.
    for (let i = 0; i < 10; i++) {
      const url = i % 2 === 0 ? OTHER_URL : URL
      const sentNs = T0_NS + BigInt(i) * 10_000_000n
      accumulator.add(resultLine(sentNs, 200, 25_000_000, '', COMPLETION, url))
    }
    const { attack, targets } = accumulator.finish()
    expect(attack).toEqual({
      requests: 10,
      attackSpanS: 0.09,
      achievedRate: 9 / 0.09,
      peakInFlight: 3
    })
    expect([...targets.keys()]).toEqual(['direct', 'gateway'])
    const direct = targets.get('direct')
    expect(direct?.statistics.requests).toBe(5)
    expect(direct?.statistics.attackSpanS).toBe(0.08)
    expect([...(direct?.samples.sendOffsetsNs ?? [])]).toEqual([0, 2e7, 4e7, 6e7, 8e7])
    expect([...(targets.get('gateway')?.samples.sendOffsetsNs ?? [])]).toEqual([
      1e7, 3e7, 5e7, 7e7, 9e7
    ])
    expect(accumulator.requests).toBe(10)
    expect(accumulator.successes).toBe(10)
  })

  it('refuses a result for a URL that is none of the targets', () => {
    const line = resultLine(T0_NS, 200, 1000, '', COMPLETION, 'http://127.0.0.1:1/x')
    expect(malformation([line]).message).toMatch(
      /line 1: URL "http:\/\/127\.0\.0\.1:1\/x" is none of the targets$/
    )
  })

  it('keeps the most frequent errors, ties in string order', () => {
    const lines = ['d', 'c', 'b', 'a', 'b', 'c', 'd', 'd'].map((error, i) =>
      resultLine(T0_NS + BigInt(i), 500, 1000, error)
    )
    expect(accumulate(lines, { topErrorCount: 2 }).topErrors).toEqual([
      { error: 'd', count: 3 },
      { error: 'b', count: 2 }
    ])
    expect(accumulate(lines).topErrors.map(({ error }) => error)).toEqual(['d', 'b', 'c', 'a'])
    expect(accumulate(lines, { topErrorCount: 0 }).topErrors).toEqual([])
  })

  it('measures span and rate from the earliest to the latest timestamp, exact to the ns', () => {
    // Out of order, as vegeta writes results when they complete.
    const stats = accumulate([
      resultLine(T0_NS + 400_000_000n, 200, 1000),
      resultLine(T0_NS + 1_000_000_123n, 200, 1000),
      resultLine(T0_NS, 200, 1000),
      resultLine(T0_NS + 1_000_000_000n, 200, 1000)
    ])
    expect(stats.attackSpanS).toBeCloseTo(1.000000123, 12)
    expect(stats.achievedRate).toBeCloseTo(3 / 1.000000123, 9)
  })

  it('compares timestamps of different lengths by value', () => {
    const stats = accumulate([resultLine(999_999_999n, 200, 1), resultLine(1_000_000_001n, 200, 1)])
    expect(stats.attackSpanS).toBe(2e-9)
  })

  it('has no rate for a single request', () => {
    const stats = accumulate([resultLine(T0_NS, 200, 1234)])
    expect(stats).toMatchObject({ requests: 1, attackSpanS: 0, achievedRate: 0, successRatio: 1 })
    expect(stats.latencyNs.p50).toBe(1234)
  })

  it('returns zeros and no histogram for no results', () => {
    expect(accumulate([])).toEqual({
      requests: 0,
      successes: 0,
      successRatio: 0,
      statusCodes: {},
      topErrors: [],
      attackSpanS: 0,
      achievedRate: 0,
      latencyNs: { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 },
      histogram: []
    })
  })

  it('joins a quoted error that spans lines', () => {
    const stats = accumulate([
      `${T0_NS},0,5000,0,0,"first, line`,
      `second ""line""",,,0,GET,${URL},`,
      resultLine(T0_NS + 1n, 200, 1000)
    ])
    expect(stats.requests).toBe(2)
    expect(stats.topErrors).toEqual([{ error: 'first, line\nsecond "line"', count: 1 }])
  })

  it('grows its latency storage beyond the initial capacity', () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      resultLine(T0_NS + BigInt(i), 200, (i + 1) * 1000)
    )
    const stats = accumulate(lines)
    expect(stats.requests).toBe(5000)
    expect(stats.latencyNs).toMatchObject({
      min: 1000,
      p50: 2_500_000,
      p999: 4_995_000,
      max: 5_000_000
    })
    expect(stats.latencyNs.mean).toBe(2_500_500)
  })

  it('names the source and the first bad line of a malformed record', () => {
    const good = resultLine(T0_NS, 200, 1000)
    expect(malformation([good, '1,200,3']).message).toBe(
      'results.bin: malformed vegeta result on line 2: 3 fields where vegeta writes 12'
    )
    expect(malformation([good, `${good},extra`, 'also bad']).message).toMatch(
      /line 2: 13 fields where vegeta writes 12$/
    )
    expect(malformation([good, '']).message).toMatch(/line 2: empty line$/)
    expect(malformation([resultLine(T0_NS, 200, 1000, '"quoted"'), 'x,"y"z']).message).toMatch(
      /line 2: text after the closing quote of field 2$/
    )
    expect(malformation([good, `${T0_NS},0,1,0,0,"open`]).message).toMatch(
      /line 2: quoted field not closed before the end$/
    )
  })

  it('rejects fields that are not what vegeta writes', () => {
    expect(malformation([resultLine(T0_NS, 200, 1000).replace('1000', '1.5e3')]).message).toMatch(
      /line 1: latency "1.5e3"$/
    )
    expect(malformation([resultLine(T0_NS, 2000, 1000)]).message).toMatch(/status code "2000"$/)
    expect(malformation([resultLine(T0_NS, 200, 1000).replace(/^\d+/, '-5')]).message).toMatch(
      /timestamp "-5"$/
    )
    expect(malformation([resultLine(T0_NS, 200, 1000).replace(/^\d+/, '')]).message).toMatch(
      /timestamp ""$/
    )
  })
})

describe('readVegetaResults', () => {
  let directory: string

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'results-test-'))
  })

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('returns zeros for an empty results file (an attack that sent nothing)', async () => {
    const emptyPath = path.join(directory, 'empty.bin')
    await writeFile(emptyPath, '')
    const { attack, targets } = await readVegetaResults('vegeta-is-not-needed', emptyPath, TARGETS)
    expect(attack.requests).toBe(0)
    expect(targets.get('gateway')?.statistics).toMatchObject({
      requests: 0,
      successRatio: 0,
      histogram: []
    })
  })

  it('names a missing results file', async () => {
    const missingPath = path.join(directory, 'missing.bin')
    await expect(readVegetaResults('vegeta', missingPath, TARGETS)).rejects.toMatchObject({
      kind: 'run',
      message: expect.stringContaining(`cannot read vegeta results ${missingPath}`)
    })
  })

  it('reports a vegeta that cannot be started as a setup error', async () => {
    const resultsPath = path.join(directory, 'unread.bin')
    await writeFile(resultsPath, 'anything')
    await expect(
      readVegetaResults('/nonexistent/vegeta', resultsPath, TARGETS)
    ).rejects.toMatchObject({
      kind: 'setup',
      message: 'could not run /nonexistent/vegeta: ENOENT'
    })
  })

  it('stops at the first malformed line of the output and names the file and line', async () => {
    // A stand-in for vegeta whose output goes wrong on line 2 and then floods the pipe.
    const fakeVegetaPath = path.join(directory, 'fake-vegeta')
    const good = resultLine(T0_NS, 200, 1000)
    await writeFile(
      fakeVegetaPath,
      `#!${process.execPath}
process.stdout.write(${JSON.stringify(`${good}\nnot,a,result\n`)})
const flood = ${JSON.stringify(`${good}\n`)}.repeat(1000)
const writeMore = () => { while (process.stdout.write(flood)); process.stdout.once('drain', writeMore) }
writeMore()
`,
      { mode: 0o755 }
    )
    const resultsPath = path.join(directory, 'malformed.bin')
    await writeFile(resultsPath, 'anything')
    await expect(readVegetaResults(fakeVegetaPath, resultsPath, TARGETS)).rejects.toMatchObject({
      kind: 'run',
      message: `${resultsPath}: malformed vegeta result on line 2: 3 fields where vegeta writes 12`
    })
  })

  describe('with real vegeta', () => {
    const vegetaPath = process.env.VEGETA_BIN ?? 'vegeta'
    let vegetaProblem: string | undefined

    // Each test checks for vegeta itself, so that without it they fail rather than skip:
    // they are what proves that the format is read right.
    function requireVegeta(): void {
      vegetaProblem ??= probeVegeta()
      if (vegetaProblem !== '') throw new Error(vegetaProblem)
    }

    function probeVegeta(): string {
      const probe = spawnSync(vegetaPath, ['-version'], { encoding: 'utf8' })
      if (probe.error === undefined && probe.status === 0) return ''
      return `vegeta not runnable as ${vegetaPath} (set VEGETA_BIN or put vegeta on PATH): ${probe.error?.message ?? probe.stderr}`
    }

    it('reads hand-written results converted to gob, quoted errors and ns timestamps intact', async () => {
      requireVegeta()
      const csvPath = path.join(directory, 'hand.csv')
      const binPath = path.join(directory, 'hand.bin')
      const refused =
        'Post "http://127.0.0.1:1/v1": dial tcp 127.0.0.1:1: connect: connection refused, retry'
      await writeFile(
        csvPath,
        [
          resultLine(T0_NS + 1_000_000_123n, 200, 1_500_000),
          resultLine(T0_NS, 200, 1_000_000),
          resultLine(T0_NS + 500_000_000n, 0, 30_000_000, `"${refused.replaceAll('"', '""')}"`),
          resultLine(T0_NS + 600_000_000n, 500, 2_000_000, '500 Internal Server Error')
        ].join('\n') + '\n'
      )
      expect((await runVegeta(['encode', '-to', 'gob', '-output', binPath, csvPath])).code).toBe(0)

      const stats = (await readVegetaResults(vegetaPath, binPath, TARGETS)).targets.get(
        'gateway'
      )?.statistics
      expect(stats).toMatchObject({
        requests: 4,
        successes: 2,
        successRatio: 0.5,
        statusCodes: { '0': 1, '200': 2, '500': 1 },
        topErrors: [
          { error: '500 Internal Server Error', count: 1 },
          { error: refused, count: 1 }
        ],
        attackSpanS: 1.000000123,
        achievedRate: 3 / 1.000000123
      })
      // Only the two valid completions are timed.
      expect(stats?.latencyNs).toMatchObject({ min: 1_000_000, p50: 1_000_000, max: 1_500_000 })
      expect(stats?.latencyNs.mean).toBe(1_250_000)
    })

    it('names a file vegeta cannot decode', async () => {
      requireVegeta()
      const garbagePath = path.join(directory, 'garbage.bin')
      await writeFile(garbagePath, 'not vegeta results\n')
      await expect(readVegetaResults(vegetaPath, garbagePath, TARGETS)).rejects.toMatchObject({
        kind: 'run',
        message: expect.stringMatching(
          new RegExp(
            `^vegeta encode could not decode ${garbagePath} \\(exit status 1\\): .*encoding`
          )
        )
      })
    })

    it('agrees with the server and with vegeta report on a real attack', async () => {
      requireVegeta()
      let seen = 0
      const seenByCode = { 200: 0, 500: 0 }
      const server = createServer((request, response) => {
        seen++
        const code = seen % 10 === 0 ? 500 : 200
        seenByCode[code]++
        response.statusCode = code
        response.end(code === 200 ? COMPLETION : '{"error":{"message":"boom"}}')
      })
      const port = await listen(server)
      const resultsPath = path.join(directory, 'attack.bin')
      try {
        const attack = await runVegeta(
          ['attack', '-rate=200', '-duration=1s', '-max-body=4096', `-output=${resultsPath}`],
          `GET http://127.0.0.1:${port}/v1/chat/completions\n`
        )
        expect(attack.code, attack.stderr).toBe(0)
      } finally {
        server.closeAllConnections()
        server.close()
      }

      const results = await readVegetaResults(vegetaPath, resultsPath, [
        { name: 'gateway', url: `http://127.0.0.1:${port}/v1/chat/completions`, stream: false }
      ])
      const stats = results.targets.get('gateway')?.statistics
      if (!stats) throw new Error('no statistics for the target')
      const report = await runVegeta(['report', '-type=json', resultsPath])
      const vegetaReport = JSON.parse(report.stdout) as {
        requests: number
        duration: number
        latencies: { min: number; max: number; mean: number; '50th': number }
      }

      expect(seen).toBeGreaterThan(100)
      expect(stats.requests).toBe(seen)
      expect(vegetaReport.requests).toBe(seen)
      expect(stats.statusCodes).toEqual({ '200': seenByCode[200], '500': seenByCode[500] })
      expect(stats.successes).toBe(seenByCode[200])
      expect(stats.successRatio).toBe(seenByCode[200] / seen)
      expect(stats.topErrors).toEqual([
        { error: '500 Internal Server Error', count: seenByCode[500] }
      ])
      // vegeta's duration is exact; its latencies include the failed requests, ours do not.
      expect(stats.latencyNs.min).toBeGreaterThanOrEqual(vegetaReport.latencies.min)
      expect(stats.latencyNs.max).toBeLessThanOrEqual(vegetaReport.latencies.max)
      expect(results.attack.attackSpanS).toBeCloseTo(vegetaReport.duration / 1e9, 9)
      expect(results.attack.achievedRate).toBeCloseTo((seen - 1) / (vegetaReport.duration / 1e9), 6)
    })

    it('reads the quoted error of a refused connection', async () => {
      requireVegeta()
      const closed = createServer()
      const port = await listen(closed)
      closed.close()
      await once(closed, 'close')
      const resultsPath = path.join(directory, 'refused.bin')
      const target = `http://127.0.0.1:${port}/v1`
      const attack = await runVegeta(
        ['attack', '-rate=20', '-duration=500ms', `-output=${resultsPath}`],
        `GET ${target}\n`
      )
      expect(attack.code, attack.stderr).toBe(0)

      const stats = (
        await readVegetaResults(vegetaPath, resultsPath, [
          { name: 'gateway', url: target, stream: false }
        ])
      ).targets.get('gateway')?.statistics
      if (!stats) throw new Error('no statistics for the target')
      // 20 RPS for 0.5 s: 10, or fewer if vegeta's last hits were late (it never sends them).
      expect(stats.requests).toBeGreaterThanOrEqual(8)
      expect(stats.requests).toBeLessThanOrEqual(10)
      expect(stats.statusCodes).toEqual({ '0': stats.requests })
      expect(stats.successRatio).toBe(0)
      expect(stats.topErrors).toHaveLength(1)
      expect(stats.topErrors[0]?.count).toBe(stats.requests)
      expect(stats.topErrors[0]?.error).toMatch(
        new RegExp(`^Get "${target.replaceAll('.', '\\.')}": dial tcp .*connection refused$`)
      )
    })

    function runVegeta(
      args: string[],
      stdin = ''
    ): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return new Promise((resolve, reject) => {
        const child = spawn(vegetaPath, args, { stdio: ['pipe', 'pipe', 'pipe'] })
        let stdout = ''
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
        child.on('error', reject)
        child.on('close', (code) => resolve({ code, stdout, stderr }))
        child.stdin.end(stdin)
      })
    }
  })
})

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}
