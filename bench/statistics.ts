/**
 * How long reading a million vegeta results takes, and how much memory it needs:
 * `npx tsx bench/statistics.ts` (vegeta from VEGETA_BIN, else PATH).
 * The results file is synthesised (CSV lines as vegeta writes them, converted to gob by
 * `vegeta encode`) instead of attacking a million times.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { readVegetaResults } from '../src/load/results.js'
import type { PhaseStatistics } from '../src/load/types.js'

const TARGET_S = 3
const TARGET_PEAK_RSS_MB = 300
const GNU_TIME = '/usr/bin/time'
const URL_TARGET = 'http://127.0.0.1:8080/v1/chat/completions'
const TIMEOUT_ERROR = `Post "${URL_TARGET}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
/** What the mock provider answers (about 300 bytes), so every 200 is a valid completion. */
const COMPLETION = JSON.stringify({
  id: 'chatcmpl-mock-1',
  object: 'chat.completion',
  created: 1795838554,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'This is a mocked response from the mocker.' },
      finish_reason: 'stop'
    }
  ],
  usage: { prompt_tokens: 12, completion_tokens: 13, total_tokens: 25 }
})
const COMPLETION_BASE64 = Buffer.from(COMPLETION).toString('base64')
const RESPONSE_HEADERS_BASE64 = Buffer.from(
  'Content-Length: 612\r\nContent-Type: application/json\r\nDate: Sat, 28 Nov 2026 04:02:34 GMT\r\n\r\n'
).toString('base64')

export interface StatisticsBenchmark {
  results: number
  /** Wall-clock time of readVegetaResults, including the vegeta encode it runs. */
  elapsedS: number
  /** Peak RSS of this node process over the whole benchmark (generation included). */
  nodePeakRssMB: number
  /** The same, measured just before reading, to tell which phase set the peak. */
  nodePeakRssBeforeReadingMB: number
  /** Peak RSS of the `vegeta encode` child, by GNU time; undefined without /usr/bin/time. */
  vegetaPeakRssMB: number | undefined
  /** `vegeta encode --to csv` alone, output discarded: the floor for elapsedS. */
  vegetaAloneS: number
  statistics: PhaseStatistics
}

export async function benchStatistics(
  vegetaPath: string,
  count = 1_000_000
): Promise<StatisticsBenchmark> {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-statistics-'))
  try {
    const resultsPath = path.join(directory, 'results.bin')
    await writeSyntheticResults(vegetaPath, resultsPath, count)
    const nodePeakRssBeforeReadingMB = process.resourceUsage().maxRSS / 1024

    // readVegetaResults spawns vegeta itself: run it through GNU time to learn its peak RSS.
    const timeOutputPath = path.join(directory, 'vegeta-time.txt')
    let measuredVegetaPath = vegetaPath
    if (existsSync(GNU_TIME)) {
      measuredVegetaPath = path.join(directory, 'vegeta-timed.sh')
      await writeFile(
        measuredVegetaPath,
        `#!/bin/sh\nexec ${GNU_TIME} -f %M -o ${shellQuote(timeOutputPath)} ${shellQuote(vegetaPath)} "$@"\n`
      )
      await chmod(measuredVegetaPath, 0o755)
    }

    const started = performance.now()
    const results = await readVegetaResults(measuredVegetaPath, resultsPath, [
      { name: 'gateway', url: URL_TARGET, stream: false }
    ])
    const elapsedS = (performance.now() - started) / 1000
    const statistics = results.targets.get('gateway')?.statistics
    if (!statistics) throw new Error('no statistics for the benchmark target')

    if (statistics.requests !== count) {
      throw new Error(`read ${statistics.requests} results, wrote ${count}`)
    }
    const vegetaStarted = performance.now()
    await runDiscardingOutput(vegetaPath, ['encode', '-to', 'csv', resultsPath])
    const vegetaAloneS = (performance.now() - vegetaStarted) / 1000
    return {
      results: count,
      elapsedS,
      nodePeakRssMB: process.resourceUsage().maxRSS / 1024,
      nodePeakRssBeforeReadingMB,
      vegetaPeakRssMB:
        measuredVegetaPath === vegetaPath ? undefined : await gnuTimePeakRssMB(timeOutputPath),
      vegetaAloneS,
      statistics
    }
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

/**
 * Writes `count` results as vegeta's CSV into `vegeta encode --to gob`: 1000 requests/s,
 * log-normal latencies around 5 ms with rare multi-second outliers, 1 % HTTP 500 and 0.5 %
 * client timeouts (an error with quotes in it, so vegeta quotes the field).
 */
async function writeSyntheticResults(
  vegetaPath: string,
  resultsPath: string,
  count: number
): Promise<void> {
  const child = spawn(vegetaPath, ['encode', '-to', 'gob', '-output', resultsPath], {
    stdio: ['pipe', 'ignore', 'inherit']
  })
  const exited = exitCode(child)
  const random = mulberry32(20261128)
  const startNs = BigInt(Date.now()) * 1_000_000n
  const timeoutErrorCsv = `"${TIMEOUT_ERROR.replaceAll('"', '""')}"`
  const linesPerChunk = 2000
  for (let chunkStart = 0; chunkStart < count; chunkStart += linesPerChunk) {
    let chunk = ''
    for (let seq = chunkStart; seq < Math.min(chunkStart + linesPerChunk, count); seq++) {
      const timestampNs = startNs + BigInt(seq * 1_000_000 + Math.floor(random() * 100_000))
      const outcome = random()
      let latencyNs = Math.round(5_000_000 * Math.exp(0.6 * standardNormal(random)))
      if (random() < 0.0005) latencyNs = 1_000_000_000 + Math.floor(random() * 2_000_000_000)
      const [code, error] =
        outcome < 0.005
          ? ['0', timeoutErrorCsv]
          : outcome < 0.015
            ? ['500', '500 Internal Server Error']
            : ['200', '']
      const body = code === '200' ? COMPLETION_BASE64 : ''
      chunk += `${timestampNs},${code},${latencyNs},182,${code === '200' ? COMPLETION.length : 0},${error},${body},,${seq},POST,${URL_TARGET},${RESPONSE_HEADERS_BASE64}\n`
    }
    if (!child.stdin.write(chunk))
      await new Promise((resolve) => child.stdin.once('drain', resolve))
  }
  child.stdin.end()
  const code = await exited
  if (code !== 0) throw new Error(`vegeta encode --to gob exited with ${code}`)
}

async function runDiscardingOutput(program: string, args: string[]): Promise<void> {
  const code = await exitCode(spawn(program, args, { stdio: ['ignore', 'ignore', 'inherit'] }))
  if (code !== 0) throw new Error(`${program} ${args.join(' ')} exited with ${code}`)
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
}

async function gnuTimePeakRssMB(timeOutputPath: string): Promise<number> {
  // The last line is %M (KiB); a failed command adds a line before it.
  const lines = (await readFile(timeOutputPath, 'utf8')).trim().split('\n')
  return Number(lines[lines.length - 1]) / 1024
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

/** A seeded generator, so that every run reads the same file. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function standardNormal(random: () => number): number {
  // Box–Muller; 1 - random() keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

async function main(): Promise<void> {
  const vegetaPath = process.env.VEGETA_BIN ?? 'vegeta'
  const result = await benchStatistics(vegetaPath)
  const vegetaRss =
    result.vegetaPeakRssMB === undefined
      ? `n/a (no ${GNU_TIME})`
      : `${result.vegetaPeakRssMB.toFixed(0)} MB`
  console.log(
    `statistics of ${result.results} results: ${result.elapsedS.toFixed(2)} s, ` +
      `peak RSS node ${result.nodePeakRssMB.toFixed(0)} MB, vegeta ${vegetaRss}`
  )
  console.log(
    `  node peak RSS before reading (generation phase): ${result.nodePeakRssBeforeReadingMB.toFixed(0)} MB`
  )
  console.log(
    `  vegeta encode --to csv alone, output discarded: ${result.vegetaAloneS.toFixed(2)} s (the floor)`
  )
  console.log(`  targets: ≤ ${TARGET_S} s, ≤ ${TARGET_PEAK_RSS_MB} MB peak RSS in total`)
  const { latencyNs } = result.statistics
  console.log(
    `  p50 ${(latencyNs.p50 / 1e6).toFixed(3)} ms, p99 ${(latencyNs.p99 / 1e6).toFixed(3)} ms, ` +
      `max ${(latencyNs.max / 1e6).toFixed(3)} ms, ${result.statistics.histogram.length} histogram buckets`
  )
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
