import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoadTestError } from '../../src/errors.js'
import { parseCsvLine, readVegetaResults, ResultsAccumulator } from '../../src/load/results.js'

// Beyond 2^53 (≈ 9.007e15), as every real timestamp in ns is: a double would round it to 256 ns.
const T0_NS = 1_795_838_554_680_550_942n
const HEADERS_BASE64 = 'Q29udGVudC1MZW5ndGg6IDE0DQoNCg=='

/** A line as `vegeta encode --to csv` writes it; `error` is given already CSV-encoded. */
function resultLine(timestampNs: bigint, code: number, latencyNs: number, error = ''): string {
  return `${timestampNs},${code},${latencyNs},120,14,${error},,,0,POST,http://127.0.0.1:8080/v1,${HEADERS_BASE64}`
}

function accumulate(lines: string[], options: { topErrorCount?: number } = {}) {
  const accumulator = new ResultsAccumulator('results.bin', options)
  for (const line of lines) accumulator.add(line)
  return accumulator.finish()
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

describe('ResultsAccumulator', () => {
  it('counts requests, successes (200..399), status codes and errors', () => {
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
    expect(stats.successes).toBe(5)
    expect(stats.successRatio).toBe(0.5)
    expect(stats.statusCodes).toEqual({
      '0': 2,
      '200': 2,
      '204': 1,
      '301': 1,
      '399': 1,
      '400': 1,
      '500': 2
    })
    expect(stats.topErrors).toEqual([
      { error: '500 Internal Server Error', count: 2 },
      { error: 'Post "http://127.0.0.1:8080/v1": EOF, again', count: 2 },
      { error: '400 Bad Request', count: 1 }
    ])
    expect(stats.latencyNs).toEqual({
      min: 1000,
      mean: 5500,
      p50: 5000,
      p90: 9000,
      p95: 10_000,
      p99: 10_000,
      p999: 10_000,
      max: 10_000
    })
    expect(stats.histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(10)
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
    expect(stats.attackSpanS).toBe(1.000000123)
    expect(stats.achievedRate).toBe(3 / 1.000000123)
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
      `second ""line""",,,0,GET,http://x/,`,
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
    const stats = await readVegetaResults('vegeta-is-not-needed', emptyPath)
    expect(stats).toMatchObject({ requests: 0, successRatio: 0, histogram: [] })
  })

  it('names a missing results file', async () => {
    const missingPath = path.join(directory, 'missing.bin')
    await expect(readVegetaResults('vegeta', missingPath)).rejects.toMatchObject({
      kind: 'run',
      message: expect.stringContaining(`cannot read vegeta results ${missingPath}`)
    })
  })

  it('reports a vegeta that cannot be started as a setup error', async () => {
    const resultsPath = path.join(directory, 'unread.bin')
    await writeFile(resultsPath, 'anything')
    await expect(readVegetaResults('/nonexistent/vegeta', resultsPath)).rejects.toMatchObject({
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
    await expect(readVegetaResults(fakeVegetaPath, resultsPath)).rejects.toMatchObject({
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

      const stats = await readVegetaResults(vegetaPath, binPath)
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
      expect(stats.latencyNs).toMatchObject({ min: 1_000_000, p50: 1_500_000, max: 30_000_000 })
      expect(stats.latencyNs.mean).toBe(8_625_000)
    })

    it('names a file vegeta cannot decode', async () => {
      requireVegeta()
      const garbagePath = path.join(directory, 'garbage.bin')
      await writeFile(garbagePath, 'not vegeta results\n')
      await expect(readVegetaResults(vegetaPath, garbagePath)).rejects.toMatchObject({
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
        response.end('{"ok":true}')
      })
      const port = await listen(server)
      const resultsPath = path.join(directory, 'attack.bin')
      try {
        const attack = await runVegeta(
          ['attack', '-rate=200', '-duration=1s', '-max-body=0', `-output=${resultsPath}`],
          `GET http://127.0.0.1:${port}/v1/chat/completions\n`
        )
        expect(attack.code, attack.stderr).toBe(0)
      } finally {
        server.closeAllConnections()
        server.close()
      }

      const stats = await readVegetaResults(vegetaPath, resultsPath)
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
      // vegeta's min, max and duration are exact; its mean is truncated to whole ns and its
      // percentiles are t-digest estimates.
      expect(stats.latencyNs.min).toBe(vegetaReport.latencies.min)
      expect(stats.latencyNs.max).toBe(vegetaReport.latencies.max)
      expect(Math.abs(stats.latencyNs.mean - vegetaReport.latencies.mean)).toBeLessThan(1)
      expect(Math.abs(stats.latencyNs.p50 - vegetaReport.latencies['50th'])).toBeLessThanOrEqual(
        0.1 * vegetaReport.latencies['50th']
      )
      expect(stats.attackSpanS).toBe(vegetaReport.duration / 1e9)
      expect(stats.achievedRate).toBe((seen - 1) / (vegetaReport.duration / 1e9))
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

      const stats = await readVegetaResults(vegetaPath, resultsPath)
      expect(stats.requests).toBe(10)
      expect(stats.statusCodes).toEqual({ '0': 10 })
      expect(stats.successRatio).toBe(0)
      expect(stats.topErrors).toHaveLength(1)
      expect(stats.topErrors[0]?.count).toBe(10)
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
