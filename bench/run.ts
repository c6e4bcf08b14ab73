/**
 * `npm run bench`: prints the figures docs/benchmarks.md quotes, each method beside the seed's
 * sequential one from the same run. Not a test: nothing here passes or fails, it measures.
 * Takes about 35 minutes on 2 cores; run it alone on the machine.
 */
import { resolveVegeta } from '../src/tools/vegeta.js'
import { defaultToolsDir } from '../src/package-root.js'
import { benchStatistics } from './statistics.js'
import {
  headCheckout,
  newScratch,
  runComparison,
  telemetryMeansUs,
  type ComparisonRun
} from './regression.js'
import {
  mean,
  overheadP50Us,
  overheadP99Us,
  p50HalfWidthUs,
  runDemoProfile,
  standardDeviation,
  type ProfileRun
} from './profile-runs.js'

const ROUNDS = 5
/** Base-vs-head runs per case for the regression gate's power and false alarms. */
const GATE_RUNS = Number(process.env.BENCH_GATE_RUNS ?? 20)
const GATE_ADDED_US = 300
const ADDED_US = [0, 200, 2000] as const
const METHODS = ['interleaved', 'sequential'] as const
/** The demo profile's overhead phases; one short stress run, which the figures do not use. */
const PROFILE = { 'stress-runs': '1', 'stress-duration': '1s' }

const log = (line: string): void => console.log(line)
/** BENCH_ONLY=a,e runs only those figures (a to f); all by default. */
const only = (figure: string): boolean =>
  process.env.BENCH_ONLY === undefined || process.env.BENCH_ONLY.split(',').includes(figure)
const us = (value: number): string => `${value.toFixed(1)} µs`

async function main(): Promise<void> {
  const vegeta = await resolveVegeta({ version: '12.13.0' }, { toolsDir: defaultToolsDir(), log })
  const requests = Number(process.env.BENCH_STATISTICS_REQUESTS ?? 1_000_000)

  if (only('a')) {
    log(`(a) statistics of a ${requests.toLocaleString('en')}-request phase, decoded while it runs`)
    const statistics = await benchStatistics(vegeta.path, requests)
    log(
      `    ${statistics.requests} requests at ${statistics.achievedRate.toFixed(0)} RPS over ${statistics.attackS.toFixed(0)} s; statistics ready ${statistics.statisticsLagS.toFixed(2)} s after the last response; confidence intervals ${statistics.intervalS.toFixed(2)} s more; peak RSS ${statistics.nodePeakRssMb.toFixed(0)} MB   target ≤ 1 s, ≤ 300 MB`
    )
  }
  if (only('b') || only('c') || only('d')) await profileFigures()
  if (only('f')) await accuracyInOneAttack()
  if (only('e')) await gateFigures()
}

/** (b), (c) and (d): harness time, accuracy and noise of the demo profile, per method. */
async function profileFigures(): Promise<void> {
  log(
    `running the demo profile ${ROUNDS} times per method and added latency (${ADDED_US.join(', ')} µs), alternating …`
  )
  const runs = new Map<string, ProfileRun[]>()
  const key = (method: string, addedUs: number): string => `${method}/${addedUs}`
  for (let round = 1; round <= ROUNDS; round++) {
    const parts: string[] = []
    for (const addedUs of ADDED_US) {
      for (const method of METHODS) {
        const run = await runDemoProfile(addedUs, { ...PROFILE, measurement: method })
        runs.set(key(method, addedUs), [...(runs.get(key(method, addedUs)) ?? []), run])
        parts.push(`${method} +${addedUs} µs: ${us(overheadP50Us(run))}`)
      }
    }
    log(`    round ${round}: p50 overhead ${parts.join(', ')}`)
  }
  const of = (method: string, addedUs: number): ProfileRun[] => runs.get(key(method, addedUs)) ?? []

  const harnessS = METHODS.flatMap((method) => of(method, 0)).map(
    (run) => run.wallS - run.configuredS
  )
  log('(b) harness overhead: wall time of a run minus its configured attack and idle time')
  log(
    `    ${mean(harnessS).toFixed(2)} s mean over ${harnessS.length} runs (min ${Math.min(...harnessS).toFixed(2)} s, max ${Math.max(...harnessS).toFixed(2)} s)   target ≤ 5 s`
  )

  log('(c) accuracy: mean p50 overhead with latency added in the gateway minus without')
  for (const addedUs of ADDED_US.filter((added) => added > 0)) {
    const line = METHODS.map((method) => {
      const measured =
        mean(of(method, addedUs).map(overheadP50Us)) - mean(of(method, 0).map(overheadP50Us))
      return `${method} ${us(measured)} (error ${us(measured - addedUs)}, ${(((measured - addedUs) / addedUs) * 100).toFixed(1)}%)`
    })
    const target = addedUs >= 1000 ? `${addedUs} µs ± 5%` : `${addedUs} µs ± 50 µs`
    log(`    +${addedUs} µs: ${line.join('; ')}   target ${target}`)
  }

  log(
    `(d) noise: standard deviation over the ${ROUNDS} identical runs above (nothing added), spread over the rounds`
  )
  for (const method of METHODS) {
    const baseline = of(method, 0)
    log(
      `    ${method}: p50 overhead ${us(standardDeviation(baseline.map(overheadP50Us)))}, p99 overhead ${us(standardDeviation(baseline.map(overheadP99Us)))}; mean half-width of one run's p50 interval ${us(mean(baseline.map(p50HalfWidthUs)))}`
    )
  }
  log('    target: p50 ≤ 50 µs, p99 ≤ 500 µs')

  log(
    `(d) noise, back to back: ${ROUNDS} identical runs per method, alternating, nothing else in between`
  )
  const backToBack = new Map<string, ProfileRun[]>(METHODS.map((method) => [method, []]))
  for (let round = 1; round <= ROUNDS; round++) {
    for (const method of METHODS) {
      backToBack.get(method)?.push(await runDemoProfile(0, { ...PROFILE, measurement: method }))
    }
  }
  for (const method of METHODS) {
    const baseline = backToBack.get(method) ?? []
    log(
      `    ${method}: p50 overhead ${us(standardDeviation(baseline.map(overheadP50Us)))}, p99 overhead ${us(standardDeviation(baseline.map(overheadP99Us)))} (p50 values ${baseline.map((run) => overheadP50Us(run).toFixed(0)).join(', ')} µs)`
    )
  }
  log('    target: p50 ≤ 50 µs, p99 ≤ 500 µs')
}

/**
 * (f) accuracy as the gate reads it, base and head in one attack, so the machine's drift
 * between runs cancels: the p50 and mean regression of a head adding each latency, beside
 * what the two gateways' own telemetry says the change added inside the process.
 */
async function accuracyInOneAttack(): Promise<void> {
  log(
    `(f) accuracy, base against head in one attack: mean of ${ROUNDS} runs per added latency, alternating`
  )
  const scratch = newScratch()
  const added = ADDED_US.filter((addedUs) => addedUs > 0)
  const heads = added.map((addedUs) => headCheckout(scratch, addedUs))
  const runs = added.map((): ComparisonRun[] => [])
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, head] of heads.entries()) {
      runs[index]?.push(await runComparison(head, PROFILE))
    }
  }
  for (const [index, addedUs] of added.entries()) {
    const ofAdded = runs[index] ?? []
    const p50 = mean(ofAdded.map((run) => run.p50Us))
    const telemetry = telemetryMeansUs(ofAdded)
    const target = addedUs >= 1000 ? `${addedUs} µs ± 5%` : `${addedUs} µs ± 50 µs`
    log(
      `    +${addedUs} µs: p50 regression ${us(p50)} (error ${us(p50 - addedUs)}, ${(((p50 - addedUs) / addedUs) * 100).toFixed(1)}%; runs ${ofAdded.map((run) => run.p50Us.toFixed(0)).join(', ')} µs)   target ${target}`
    )
    log(
      `        mean regression ${us(mean(ofAdded.map((run) => run.meanUs)))}; the gateways' own telemetry, head − base: ${telemetry.length > 0 ? `${us(mean(telemetry))} (runs ${telemetry.map((value) => value.toFixed(0)).join(', ')} µs)` : 'not reported'}`
    )
  }
}

/** (e): the regression gate's power, false alarms and resolution. */
async function gateFigures(): Promise<void> {
  log(
    `(e) the regression gate, base against head in one job: ${GATE_RUNS} runs with head identical, ${GATE_RUNS} with head adding ${GATE_ADDED_US} µs in core/, alternating`
  )
  const scratch = newScratch()
  const identicalHead = headCheckout(scratch, 0)
  const slowerHead = headCheckout(scratch, GATE_ADDED_US)
  const identical: ComparisonRun[] = []
  const slower: ComparisonRun[] = []
  for (let run = 1; run <= GATE_RUNS; run++) {
    const a = await runComparison(identicalHead, PROFILE)
    const b = await runComparison(slowerHead, PROFILE)
    identical.push(a)
    slower.push(b)
    log(
      `    run ${run}: identical p50 regression ${us(a.p50Us)} ± ${us(a.p50HalfWidthUs)}${a.failed ? ' FAILED' : ''}; +${GATE_ADDED_US} µs: ${us(b.p50Us)} ± ${us(b.p50HalfWidthUs)}${b.regressionFailed ? ' failed' : ' PASSED'}`
    )
  }
  const count = (runs: ComparisonRun[], failed: (run: ComparisonRun) => boolean): number =>
    runs.filter(failed).length
  log(
    `    power: ${count(slower, (run) => run.regressionFailed)} of ${GATE_RUNS} runs with +${GATE_ADDED_US} µs failed the gate   target ≥ 95%`
  )
  log(
    `    false alarms: ${count(identical, (run) => run.failed)} of ${GATE_RUNS} identical runs failed   target ≤ 5%`
  )
  const telemetryOf = (runs: ComparisonRun[]): string => {
    const values = telemetryMeansUs(runs)
    return values.length > 0 ? us(mean(values)) : 'not reported'
  }
  log(
    `    the gateways' own telemetry, mean head − base: identical ${telemetryOf(identical)}, +${GATE_ADDED_US} µs ${telemetryOf(slower)}`
  )
  log(
    `    mean p50 regression: identical ${us(mean(identical.map((run) => run.p50Us)))} (SD ${us(standardDeviation(identical.map((run) => run.p50Us)))}), +${GATE_ADDED_US} µs ${us(mean(slower.map((run) => run.p50Us)))} (SD ${us(standardDeviation(slower.map((run) => run.p50Us)))})`
  )
  // What moves between runs: one gateway's overhead, or the measurement of a difference?
  log(
    `    between the ${GATE_RUNS} identical runs: base's p50 overhead (base − direct) has SD ${us(standardDeviation(identical.map((run) => run.baseP50OverheadUs)))} (${us(Math.min(...identical.map((run) => run.baseP50OverheadUs)))} to ${us(Math.max(...identical.map((run) => run.baseP50OverheadUs)))}); the p50 regression between the two identical gateways, SD ${us(standardDeviation(identical.map((run) => run.p50Us)))}`
  )
  log(
    `    resolution at the demo profile: p50 interval half-width ${us(mean(identical.map((run) => run.p50HalfWidthUs)))} (mean of ${GATE_RUNS})`
  )
  const fullLength = {
    'overhead-duration': '30s',
    'overhead-mocker-latency-ms': '1000',
    'warmup-duration': '5s',
    ...PROFILE
  }
  for (const rate of ['1000', '300']) {
    const full = await runComparison(identicalHead, { ...fullLength, rate })
    const attack = full.record.attacks.find((candidate) => candidate.purpose === 'measure')
    const achieved = attack
      ? `vegeta sent ${attack.statistics.achievedRate.toFixed(0)} of ${attack.configuredRate} RPS`
      : ''
    const invalid = full.record.verdict.failures.filter((check) => check.category === 'validity')
    log(
      `    resolution at the seed's full length (30 s, 1000 ms mock latency) and ${rate} RPS per target: p50 interval half-width ${us(full.p50HalfWidthUs)}, regression ${us(full.p50Us)}; ${achieved}${invalid.length > 0 ? `; measurement invalid (${invalid.map((check) => check.id).join(', ')})` : ''}`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
