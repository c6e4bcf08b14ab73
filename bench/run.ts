/**
 * `npm run bench`: prints the four figures the README quotes. Not a test: nothing here
 * passes or fails, it measures. Takes about six minutes on 2 cores.
 */
import { resolveVegeta } from '../src/tools/vegeta.js'
import { defaultToolsDir } from '../src/package-root.js'
import { benchStatistics } from './statistics.js'
import {
  mean,
  overheadP50Us,
  overheadP99Us,
  runDemoProfile,
  standardDeviation,
  type ProfileRun
} from './profile-runs.js'

const NOISE_RUNS = 5
const ACCURACY_ADDED_MS = 2

const log = (line: string): void => console.log(line)

async function main(): Promise<void> {
  const vegeta = await resolveVegeta({ version: '12.13.0' }, { toolsDir: defaultToolsDir(), log })

  log('(a) statistics of 1,000,000 vegeta results')
  const statistics = await benchStatistics(vegeta.path)
  const vegetaRss =
    statistics.vegetaPeakRssMB === undefined ? 'n/a' : `${statistics.vegetaPeakRssMB.toFixed(0)} MB`
  log(
    `    ${statistics.elapsedS.toFixed(2)} s, peak RSS node ${statistics.nodePeakRssMB.toFixed(0)} MB + vegeta encode ${vegetaRss}` +
      ` (vegeta encode alone: ${statistics.vegetaAloneS.toFixed(2)} s)   target ≤ 3 s, ≤ 300 MB`
  )

  log(
    `running the demo profile ${NOISE_RUNS} times with 0 ms added, ${NOISE_RUNS} times with ${ACCURACY_ADDED_MS} ms added …`
  )
  const baseline: ProfileRun[] = []
  const added: ProfileRun[] = []
  // Interleaved, so that a slow spell of the machine weighs on both sides alike.
  for (let run = 0; run < NOISE_RUNS; run++) {
    baseline.push(await runDemoProfile(0))
    added.push(await runDemoProfile(ACCURACY_ADDED_MS))
    log(
      `    run ${run + 1}: p50 overhead ${overheadP50Us(baseline[run] as ProfileRun).toFixed(1)} µs (0 ms added), ` +
        `${overheadP50Us(added[run] as ProfileRun).toFixed(1)} µs (${ACCURACY_ADDED_MS} ms added)`
    )
  }

  const harnessS = baseline.map((run) => run.wallS - run.configuredS)
  log(
    '(b) harness overhead: wall time of a demo-profile run minus its configured attack and idle time'
  )
  log(
    `    ${mean(harnessS).toFixed(2)} s mean over ${harnessS.length} runs (min ${Math.min(...harnessS).toFixed(2)} s, max ${Math.max(...harnessS).toFixed(2)} s; configured ${baseline[0]?.configuredS} s)   target ≤ 5 s`
  )

  const measuredAddedMs =
    (mean(added.map(overheadP50Us)) - mean(baseline.map(overheadP50Us))) / 1000
  log(`(c) accuracy: p50 overhead with ${ACCURACY_ADDED_MS} ms added minus with 0 ms`)
  log(
    `    ${measuredAddedMs.toFixed(3)} ms (error ${(((measuredAddedMs - ACCURACY_ADDED_MS) / ACCURACY_ADDED_MS) * 100).toFixed(1)}%)   target ${ACCURACY_ADDED_MS} ms ± 10%`
  )

  log(`(d) noise: standard deviation over ${NOISE_RUNS} identical runs (0 ms added)`)
  log(
    `    p50 overhead ${standardDeviation(baseline.map(overheadP50Us)).toFixed(1)} µs, p99 overhead ${standardDeviation(baseline.map(overheadP99Us)).toFixed(1)} µs   target p50 ≤ 100 µs`
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
