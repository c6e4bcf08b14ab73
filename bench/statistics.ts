/**
 * How soon a big phase's statistics are ready: a real vegeta attack of `requests` requests
 * against our mock provider (no latency), decoded while it runs exactly as the engine does
 * (src/load/attack.ts), then the block-bootstrap interval over all of them.
 * `npx tsx bench/statistics.ts [requests] [rate]`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { blockCountFor, bootstrapIntervals, cutIntoBlocks } from '../src/analysis/interval.js'
import { runAttack } from '../src/load/attack.js'
import { AttackAccumulator } from '../src/load/results.js'
import { writeTargetsFile } from '../src/load/targets.js'
import { waitUntilReady } from '../src/services/readiness.js'
import { findFreePort } from '../src/services/ports.js'
import { startProcess } from '../src/services/process.js'
import { buildGoBinary } from '../src/tools/go-build.js'
import { defaultToolsDir, packageRoot } from '../src/package-root.js'

export interface StatisticsBenchmark {
  requests: number
  achievedRate: number
  attackS: number
  /** From vegeta's exit to the phase's statistics being ready (decoding, sorting). */
  statisticsLagS: number
  /** The confidence intervals over every sample, computed after. */
  intervalS: number
  /** Peak RSS of this node process, which holds every latency and send time. */
  nodePeakRssMb: number
}

export async function benchStatistics(
  vegetaPath: string,
  requests = 1_000_000,
  rate = 5000
): Promise<StatisticsBenchmark> {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-statistics-'))
  const mockerBuild = await buildGoBinary({
    name: 'mocker',
    packageDir: path.join(packageRoot(), 'mocker'),
    sourceRoot: path.join(packageRoot(), 'mocker'),
    buildsDir: path.join(defaultToolsDir(), 'builds'),
    log: () => undefined
  })
  const port = await findFreePort()
  const mocker = startProcess({
    name: 'mocker',
    argv: [mockerBuild.binaryPath, '-host', '127.0.0.1', '-port', String(port), '-latency', '0'],
    logFile: path.join(directory, 'mocker.log')
  })
  try {
    await waitUntilReady(
      mocker,
      { healthUrl: `http://127.0.0.1:${port}/health` },
      { timeoutMs: 20_000 }
    )
    const url = `http://127.0.0.1:${port}/v1/chat/completions`
    const targetsFile = path.join(directory, 'targets.json')
    await writeTargetsFile(targetsFile, [
      { name: 'direct', url, model: 'gpt-4o-mini', headers: {}, stream: false }
    ])
    const accumulator = new AttackAccumulator('bench', [{ name: 'direct', url, stream: false }], {
      maxBodyBytes: 65536
    })
    const outcome = await runAttack(
      vegetaPath,
      {
        name: 'bench',
        targetsFile,
        resultsFile: path.join(directory, 'results.bin'),
        logFile: path.join(directory, 'vegeta.log'),
        rate,
        durationS: requests / rate,
        timeoutS: 10,
        workers: 100,
        maxWorkers: 10_000,
        maxBodyBytes: 65536
      },
      accumulator
    )
    const results = outcome.results
    const samples = results.targets.get('direct')?.samples
    if (!samples) throw new Error('no samples')
    const started = performance.now()
    let startNs = Infinity
    let endNs = -Infinity
    for (const offset of samples.sendOffsetsNs) {
      startNs = Math.min(startNs, offset)
      endNs = Math.max(endNs, offset)
    }
    const blocks = blockCountFor(requests / rate)
    const blocked = cutIntoBlocks(samples, startNs, endNs, blocks)
    // Two sets of one attack, as calibration and overhead are: the interval of their difference.
    bootstrapIntervals(
      [
        { key: 'a', attackId: 'x', blocked },
        { key: 'b', attackId: 'x', blocked }
      ],
      [{ id: 'd', plus: 'b', minus: 'a' }]
    )
    const intervalS = (performance.now() - started) / 1000
    return {
      requests: results.attack.requests,
      achievedRate: results.attack.achievedRate,
      attackS: outcome.wallS - outcome.statisticsLagS,
      statisticsLagS: outcome.statisticsLagS,
      intervalS,
      nodePeakRssMb: process.resourceUsage().maxRSS / 1024
    }
  } finally {
    await mocker.stop()
    await rm(directory, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const vegeta = process.env.VEGETA_BIN ?? 'vegeta'
  const result = await benchStatistics(
    vegeta,
    Number(process.argv[2] ?? 1_000_000),
    Number(process.argv[3] ?? 5000)
  )
  console.log(result)
}
