/**
 * Whole-run benchmarks on the demo profile (examples/demo.config.json): how much time the
 * harness adds around the attacks, how exactly it measures a known added latency, and how
 * much the overhead varies between identical runs, by each measurement method.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfigFile } from '../src/config/file.js'
import type { RawOptions } from '../src/config/options.js'
import { resolveConfig } from '../src/configure.js'
import type { LoadTestConfig } from '../src/config/types.js'
import { runLoadTest } from '../src/engine/run.js'
import { benchAbortSignal } from './interrupt.js'
import type { RunRecord } from '../src/record.js'
import { defaultToolsDir, packageRoot } from '../src/package-root.js'

const ROOT = packageRoot()

/**
 * The replica's knob for latency added in its core/ to every request, in µs (it spins the
 * last stretch, so the latency it adds is what it says; see examples/bifrost-like/README.md).
 */
export const ADDED_LATENCY_ENV = 'BIFROST_LIKE_ADDED_LATENCY_US'

export interface ProfileRun {
  record: RunRecord
  wallS: number
  /** Attack and idle time the config asks for: what the harness cannot avoid. */
  configuredS: number
}

export function configuredAttackAndIdleS(config: LoadTestConfig): number {
  const overheadS =
    config.warmupDurationS +
    (config.measurement === 'interleaved' ? 1 : 2) * config.overheadDurationS
  return (
    config.modes.length * (overheadS + config.stressRuns * config.stressDurationS) +
    config.modes.length * (config.stressRuns - 1) * config.stressIdleS
  )
}

/** One demo-profile run, the example gateway adding `addedLatencyUs` to every request. */
export async function runDemoProfile(
  addedLatencyUs: number,
  overrides: RawOptions = {}
): Promise<ProfileRun> {
  const resultsDir = await mkdtemp(path.join(os.tmpdir(), 'blt-bench-'))
  const config = resolveConfig(
    [
      loadConfigFile(path.join(ROOT, 'examples/demo.config.json')),
      { 'results-dir': resultsDir },
      overrides
    ],
    { cwd: ROOT, packageRoot: ROOT, defaultToolsDir: defaultToolsDir() }
  )
  // The example gateway reads this from the environment it inherits.
  process.env[ADDED_LATENCY_ENV] = String(addedLatencyUs)
  const startedMs = performance.now()
  try {
    const record = await runLoadTest(config, { abortSignal: benchAbortSignal() })
    const wallS = (performance.now() - startedMs) / 1000
    if (record.status === 'error') {
      throw new Error(`benchmark run stopped: ${record.failure?.message ?? 'unknown reason'}`)
    }
    return { record, wallS, configuredS: configuredAttackAndIdleS(config) }
  } finally {
    delete process.env[ADDED_LATENCY_ENV]
    await rm(resultsDir, { recursive: true, force: true })
  }
}

export function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

/** Sample standard deviation (n − 1). */
export function standardDeviation(values: number[]): number {
  const average = mean(values)
  return Math.sqrt(
    values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1)
  )
}

function overheadUs(run: ProfileRun) {
  const overhead = run.record.evaluation.overhead[0]
  if (!overhead) throw new Error('a benchmark run finished without an overhead measurement')
  return overhead
}

export function overheadP50Us(run: ProfileRun): number {
  return overheadUs(run).estimateUs.p50
}

export function overheadP99Us(run: ProfileRun): number {
  return overheadUs(run).estimateUs.p99
}

/** Half the width of the p50 overhead's confidence interval: the resolution of one run. */
export function p50HalfWidthUs(run: ProfileRun): number {
  const interval = overheadUs(run).intervalUs?.p50
  return interval ? (interval.high - interval.low) / 2 : Number.NaN
}
