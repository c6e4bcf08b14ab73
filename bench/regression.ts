/**
 * Power and false alarms of the regression gate, base against head in one job: how often a
 * head that adds `addedUs` in its core/ fails the gate, how often an identical head does,
 * and the smallest regression one run resolves (the half-width of the p50 interval).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfigFile } from '../src/config/file.js'
import type { RawOptions } from '../src/config/options.js'
import { resolveConfig } from '../src/configure.js'
import { runLoadTest } from '../src/engine/run.js'
import { gatewayTelemetryOf } from '../src/engine/probes/telemetry.js'
import { benchAbortSignal } from './interrupt.js'
import type { RunRecord } from '../src/record.js'
import { defaultToolsDir, packageRoot } from '../src/package-root.js'
import { REPLICA_DIR, copyReplica, setCoreAddedLatency } from '../__tests__/support/replica.js'

const ROOT = packageRoot()

/** A copy of the replica whose core/ adds `addedUs` to every request, compiled in. */
export function headCheckout(scratch: string, addedUs: number): string {
  const dir = path.join(scratch, `head-${addedUs}us`)
  copyReplica(dir)
  setCoreAddedLatency(dir, addedUs)
  return dir
}

export interface ComparisonRun {
  record: RunRecord
  failed: boolean
  /** Failed on a regression check (not on anything else). */
  regressionFailed: boolean
  p50Us: number
  p50HalfWidthUs: number
  /** Base's own p50 overhead (base − direct) in the same attack, µs. */
  baseP50OverheadUs: number
  /** Mean regression measured from outside, µs. */
  meanUs: number
  /**
   * Head's mean overhead minus base's, as each gateway's own telemetry histogram reports it
   * (µs): what the change adds inside the process. Undefined when either reported none.
   */
  telemetryMeanUs?: number
}

/** One base-vs-head run of the demo profile (and `overrides`), base the unchanged replica. */
export async function runComparison(
  head: string,
  overrides: RawOptions = {}
): Promise<ComparisonRun> {
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'blt-bench-compare-'))
  try {
    const config = resolveConfig(
      [
        loadConfigFile(path.join(ROOT, 'examples/demo.config.json')),
        { 'bifrost-path': head, 'base-bifrost-path': REPLICA_DIR, 'results-dir': resultsDir },
        overrides
      ],
      { cwd: ROOT, packageRoot: ROOT, defaultToolsDir: defaultToolsDir() }
    )
    const record = await runLoadTest(config, { abortSignal: benchAbortSignal() })
    if (record.status === 'error') {
      throw new Error(`benchmark run stopped: ${record.failure?.message ?? 'unknown reason'}`)
    }
    const regression = record.evaluation.regression[0]
    if (!regression?.intervalUs) throw new Error('a comparison finished without a regression')
    const interval = regression.intervalUs.p50
    const telemetryOf = (id: string) => gatewayTelemetryOf(record.metrics, id)?.meanUs
    const headTelemetryUs = telemetryOf(regression.headPhaseId)
    const baseTelemetryUs = telemetryOf(regression.basePhaseId)
    return {
      record,
      failed: record.status === 'failed',
      regressionFailed: record.verdict.failures.some((check) => check.category === 'regression'),
      p50Us: regression.regressionUs.p50,
      p50HalfWidthUs: (interval.high - interval.low) / 2,
      baseP50OverheadUs: regression.baseOverheadUs.p50,
      meanUs: regression.regressionUs.mean,
      ...(headTelemetryUs === undefined || baseTelemetryUs === undefined
        ? {}
        : { telemetryMeanUs: headTelemetryUs - baseTelemetryUs })
    }
  } finally {
    rmSync(resultsDir, { recursive: true, force: true })
  }
}

export function newScratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'blt-bench-heads-'))
}

/** The runs' telemetry differences (head − base, µs), leaving out runs that had none. */
export function telemetryMeansUs(runs: ComparisonRun[]): number[] {
  return runs.flatMap((run) => (run.telemetryMeanUs === undefined ? [] : [run.telemetryMeanUs]))
}
