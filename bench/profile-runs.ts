/**
 * Whole-run benchmarks on the demo profile (examples/demo.config.json): how much time the
 * harness adds around the attacks, how exactly it measures a known added latency, and how
 * much the overhead varies between identical runs.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfigFile } from '../src/config/file.js'
import { resolveConfig } from '../src/config/resolve.js'
import type { LoadTestConfig } from '../src/config/types.js'
import { runLoadTest } from '../src/engine/run.js'
import type { RunRecord } from '../src/record.js'
import { defaultToolsDir, packageRoot } from '../src/package-root.js'

const ROOT = packageRoot()

export interface ProfileRun {
  record: RunRecord
  wallS: number
  /** Attack and idle time the config asks for: what the harness cannot avoid. */
  configuredS: number
}

export function configuredAttackAndIdleS(config: LoadTestConfig): number {
  return (
    2 * config.overheadDurationS +
    config.stressRuns * config.stressDurationS +
    (config.stressRuns - 1) * config.stressIdleS
  )
}

/** One demo-profile run, the example gateway adding `addedLatencyMs` to every request. */
export async function runDemoProfile(addedLatencyMs: number): Promise<ProfileRun> {
  const resultsDir = await mkdtemp(path.join(os.tmpdir(), 'blt-bench-'))
  const config = resolveConfig(
    [loadConfigFile(path.join(ROOT, 'examples/demo.config.json')), { 'results-dir': resultsDir }],
    { cwd: ROOT, packageRoot: ROOT, defaultToolsDir: defaultToolsDir() }
  )
  // The example gateway reads this from the environment it inherits.
  process.env.BIFROST_LIKE_ADDED_LATENCY_MS = String(addedLatencyMs)
  const startedMs = performance.now()
  try {
    const record = await runLoadTest(config)
    const wallS = (performance.now() - startedMs) / 1000
    if (record.status === 'error') {
      throw new Error(`benchmark run stopped: ${record.failure?.message ?? 'unknown reason'}`)
    }
    return { record, wallS, configuredS: configuredAttackAndIdleS(config) }
  } finally {
    delete process.env.BIFROST_LIKE_ADDED_LATENCY_MS
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
  const overhead = run.record.evaluation.overhead[0]?.estimateUs
  if (!overhead) throw new Error('a benchmark run finished without an overhead measurement')
  return overhead
}

export function overheadP50Us(run: ProfileRun): number {
  return overheadUs(run).p50
}

export function overheadP99Us(run: ProfileRun): number {
  return overheadUs(run).p99
}
