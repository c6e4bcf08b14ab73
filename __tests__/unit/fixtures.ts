/**
 * Hand-built run records for the report tests. Every number is chosen so the expected
 * output can be worked out by hand; the comments give the arithmetic the tests rely on.
 */
import path from 'node:path'

import {
  CHECKED_STATS,
  regressionSentence,
  type Evaluation,
  type OverheadEstimate,
  type RegressionEstimate
} from '../../src/analysis/evaluate.js'
import type { Interval } from '../../src/analysis/interval.js'
import { makeCheck, type Check, type Verdict } from '../../src/analysis/verdict.js'
import type { OverheadUs } from '../../src/analysis/overhead.js'
import type { LoadTestConfig } from '../../src/config/types.js'
import type { HistogramBucket, LatencyStatsNs, PhaseStatistics } from '../../src/load/types.js'
import type { AttackRecord, PhaseRecord, RunRecord } from '../../src/record.js'
import type { GatewayTelemetry } from '../../src/services/gateway-telemetry.js'
import { processStatsRows } from '../../src/engine/probes/process-stats.js'
import { telemetryRow } from '../../src/engine/probes/telemetry.js'

/** The repository root, found from this file (not a hard-coded path). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

export const RESULTS_DIR = '/tmp/blt-fixture/results'

/** The seed's defaults, as resolveConfig produces them. */
export function fixtureConfig(): LoadTestConfig {
  return {
    rate: 1000,
    modes: ['non-streaming'],
    measurement: 'interleaved',
    warmupDurationS: 3,
    minAchievedRatePct: 99,
    maxCalibrationExcessUs: 10000,
    maxBodyBytes: 65536,
    overheadDurationS: 30,
    stressDurationS: 30,
    overheadMockerLatencyMs: 1000,
    stressMockerLatencyMs: 1000,
    stressRuns: 2,
    stressIdleS: 30,
    maxWorkers: 12000,
    maxOverheadUs: { mean: 5000, p50: 5000, p90: 10000, p95: 20000, p99: 100000 },
    maxRegressionUs: { mean: 100, p50: 100, p90: 250, p95: 500, p99: 1000 },
    failOn: 'checks',
    minStressSuccessRatePct: 100,
    readyTimeoutS: 60,
    vegeta: { version: '12.13.0' },
    gateway: {
      source: { kind: 'bifrost-checkout', path: '/src/bifrost' },
      port: 0,
      healthPath: '/health',
      requestPath: '/v1/chat/completions',
      model: 'openai/gpt-4o-mini',
      headers: {}
    },
    mocker: {
      source: { kind: 'directory', path: '/src/bifrost-load-test/mocker' },
      port: 0,
      model: 'gpt-4o-mini'
    },
    resultsDir: RESULTS_DIR,
    toolsDir: '/tmp/blt-fixture/tools'
  }
}

/** Direct to the mocker: 1000 ms mocker latency plus a little. */
export const CALIBRATION_NS: LatencyStatsNs = {
  min: 1_000_100_000,
  mean: 1_000_500_000,
  p50: 1_000_400_000,
  p90: 1_000_900_000,
  p95: 1_001_200_000,
  p99: 1_002_000_000,
  p999: 1_005_000_000,
  max: 1_010_000_000
}

/** Overhead of the passing run, µs: through the gateway = calibration + these × 1000 ns. */
export const PASSING_OVERHEAD_US: OverheadUs = {
  min: 150,
  mean: 1200.456,
  p50: 1000,
  p90: 2500,
  p95: 4000,
  p99: 9000,
  p999: 30000,
  max: 60000
}

/** The failing run is the passing one with p99 overhead at 120 ms (limit 100 ms). */
export const FAILING_OVERHEAD_US: OverheadUs = { ...PASSING_OVERHEAD_US, p99: 120000 }

export function gatewayNs(overhead: OverheadUs): LatencyStatsNs {
  return {
    min: CALIBRATION_NS.min + overhead.min * 1000,
    mean: CALIBRATION_NS.mean + Math.round(overhead.mean * 1000),
    p50: CALIBRATION_NS.p50 + overhead.p50 * 1000,
    p90: CALIBRATION_NS.p90 + overhead.p90 * 1000,
    p95: CALIBRATION_NS.p95 + overhead.p95 * 1000,
    p99: CALIBRATION_NS.p99 + overhead.p99 * 1000,
    p999: CALIBRATION_NS.p999 + overhead.p999 * 1000,
    max: CALIBRATION_NS.max + overhead.max * 1000
  }
}

export const STRESS_NS: LatencyStatsNs = {
  min: 1_000_200_000,
  mean: 1_002_000_000,
  p50: 1_001_500_000,
  p90: 1_003_000_000,
  p95: 1_004_000_000,
  p99: 1_008_000_000,
  p999: 1_020_000_000,
  max: 1_040_000_000
}

/** 20000 + 9700 + 300 = 30000 requests; the largest bucket is 20000. */
export const CALIBRATION_HISTOGRAM: HistogramBucket[] = [
  { lowerNs: 1_000_000_000, upperNs: 1_001_000_000, count: 20000 },
  { lowerNs: 1_001_000_000, upperNs: 1_002_000_000, count: 9700 },
  { lowerNs: 1_002_000_000, upperNs: 1_010_000_000, count: 300 }
]

/** 12000 + 15000 + 2000 + 1000 = 30000 requests; the largest bucket is 15000. */
export const OVERHEAD_HISTOGRAM: HistogramBucket[] = [
  { lowerNs: 1_000_000_000, upperNs: 1_002_000_000, count: 12000 },
  { lowerNs: 1_002_000_000, upperNs: 1_004_000_000, count: 15000 },
  { lowerNs: 1_004_000_000, upperNs: 1_006_000_000, count: 2000 },
  { lowerNs: 1_006_000_000, upperNs: 1_070_000_000, count: 1000 }
]

export function statistics(
  overrides: Partial<PhaseStatistics> & Pick<PhaseStatistics, 'latencyNs'>
): PhaseStatistics {
  const requests = overrides.requests ?? 30000
  const successes = overrides.successes ?? requests
  return {
    requests,
    successes,
    successRatio: successes / requests,
    statusCodes: { '200': successes },
    topErrors: [],
    attackSpanS: 29.999,
    achievedRate: 1000,
    histogram: [],
    ...overrides
  }
}

export const DIRECT_URL = 'http://127.0.0.1:41001/v1/chat/completions'
export const GATEWAY_URL = 'http://127.0.0.1:41002/v1/chat/completions'
export const BASE_URL = 'http://127.0.0.1:41003/v1/chat/completions'

export function phaseRecord(
  id: string,
  label: string,
  role: PhaseRecord['role'],
  target: 'direct' | 'gateway' | 'base',
  stats: PhaseStatistics,
  startedAt: string,
  attackId = id
): PhaseRecord {
  return {
    id,
    label,
    role,
    mode: 'non-streaming',
    target,
    attackId,
    url: target === 'direct' ? DIRECT_URL : target === 'base' ? BASE_URL : GATEWAY_URL,
    configuredRate: 1000,
    durationS: 30,
    mockerLatencyMs: 1000,
    timeoutS: role === 'stress' ? 30 : 6,
    startedAt,
    wallS: 31.004,
    statistics: stats
  }
}

/** An attack of `targets` at 1000 RPS each, for 30 s, that sent `achievedRate` in all. */
export function attackRecord(
  id: string,
  label: string,
  purpose: AttackRecord['purpose'],
  targets: ('direct' | 'gateway' | 'base')[],
  achievedRate: number,
  peakInFlight: number,
  startedAt: string
): AttackRecord {
  return {
    id,
    label,
    purpose,
    mode: 'non-streaming',
    targets,
    configuredRate: 1000 * targets.length,
    ratePerTarget: 1000,
    durationS: 30,
    mockerLatencyMs: 1000,
    workers: 1000 * targets.length,
    maxWorkers: 12000,
    timeoutS: purpose === 'stress' ? 30 : 6,
    startedAt,
    wallS: 31.004,
    statisticsLagS: 0.05,
    cutShort: false,
    resultsFile: `${RESULTS_DIR}/vegeta-${id}.bin`,
    statistics: {
      requests: 30000 * targets.length,
      attackSpanS: 29.999,
      achievedRate,
      peakInFlight
    }
  }
}

/** Half-widths of the fixture intervals around each overhead, µs: low = x − w, high = x + w. */
export const INTERVAL_HALF_WIDTH_US: Record<keyof LatencyStatsNs, number> = {
  min: 20,
  mean: 100,
  p50: 50,
  p90: 150,
  p95: 400,
  p99: 3000,
  p999: 20000,
  max: 50000
}

export function overheadEstimate(overhead: OverheadUs): OverheadEstimate {
  const intervalUs = {} as Record<keyof LatencyStatsNs, Interval>
  for (const key of Object.keys(INTERVAL_HALF_WIDTH_US) as (keyof LatencyStatsNs)[]) {
    intervalUs[key] = {
      low: overhead[key] - INTERVAL_HALF_WIDTH_US[key],
      high: overhead[key] + INTERVAL_HALF_WIDTH_US[key]
    }
  }
  return {
    mode: 'non-streaming',
    calibrationPhaseId: 'calibration',
    overheadPhaseId: 'overhead',
    estimateUs: { ...overhead },
    intervalUs,
    confidence: 0.95,
    intervalMethod: INTERVAL_METHOD
  }
}

export const INTERVAL_METHOD =
  '95% confidence interval: block bootstrap over 50 time slices of the interleaved attack'

export function check(
  id: string,
  label: string,
  value: number,
  limit: number,
  unit: Check['unit'],
  bound: Check['bound'],
  passed: boolean,
  category: Check['category'] = unit === '%' ? 'success' : 'overhead'
): Check {
  return { id, label, category, mode: 'non-streaming', value, limit, unit, bound, passed }
}

function overheadChecksFor(overhead: OverheadUs): Check[] {
  return [
    check('overhead-mean', 'Mean overhead', overhead.mean, 5000, 'µs', 'max', true),
    check('overhead-p50', 'P50 overhead', overhead.p50, 5000, 'µs', 'max', true),
    check('overhead-p90', 'P90 overhead', overhead.p90, 10000, 'µs', 'max', true),
    check('overhead-p95', 'P95 overhead', overhead.p95, 20000, 'µs', 'max', true),
    check('overhead-p99', 'P99 overhead', overhead.p99, 100000, 'µs', 'max', overhead.p99 <= 100000)
  ]
}

/** The measurement's validity checks of the fixture's interleaved attack and stress runs. */
function validityChecks(attacks: AttackRecord[]): Check[] {
  return [
    ...attacks.flatMap((attack) => [
      check(
        `${attack.id}-achieved-rate`,
        `${attack.label}: achieved rate`,
        (attack.statistics.achievedRate / attack.configuredRate) * 100,
        99,
        '%',
        'min',
        attack.statistics.achievedRate / attack.configuredRate >= 0.99,
        'validity'
      ),
      check(
        `${attack.id}-workers`,
        `${attack.label}: requests in flight at the peak`,
        attack.statistics.peakInFlight,
        12000,
        'requests',
        'below',
        true,
        'validity'
      )
    ]),
    check(
      'calibration-success-rate',
      'Calibration success rate',
      100,
      100,
      '%',
      'min',
      true,
      'validity'
    ),
    // CALIBRATION_NS's p50 is 400 µs beyond the mock provider's 1000 ms.
    check(
      'calibration-excess',
      "Calibration p50 beyond the mock provider's latency",
      400,
      10000,
      'µs',
      'max',
      true,
      'validity'
    )
  ]
}

function verdictOf(checks: Check[], warnings: string[] = []): Verdict {
  const failed = checks.filter((c) => !c.passed)
  const failures = [
    ...failed.filter((c) => c.category === 'validity'),
    ...failed.filter((c) => c.category !== 'validity')
  ]
  return { passed: failures.length === 0, checks, failures, warnings }
}

function files(): RunRecord['files'] {
  return {
    resultsDir: RESULTS_DIR,
    json: `${RESULTS_DIR}/load-test-results.json`,
    markdown: `${RESULTS_DIR}/load-test-results.md`,
    processStatsCsv: `${RESULTS_DIR}/gateway-process-stats.csv`
  }
}

function baseRecord(): Omit<
  RunRecord,
  'attacks' | 'phases' | 'evaluation' | 'verdict' | 'status' | 'metrics'
> {
  return {
    startedAt: '2025-01-02T03:00:00.000Z',
    finishedAt: '2025-01-02T03:02:30.000Z',
    processes: [
      {
        name: 'gateway',
        pid: 4242,
        logFile: `${RESULTS_DIR}/gateway-overhead.log`,
        ended: 'exited with status 0'
      }
    ],
    notes: [],
    config: fixtureConfig(),
    tools: {
      vegeta: { path: '/usr/local/bin/vegeta', version: '12.13.0', source: 'PATH' },
      mocker: { binaryPath: '/tmp/blt-fixture/tools/mocker', origin: 'mocker/', reused: true },
      gateway: {
        kind: 'bifrost-checkout',
        binaryPath: '/tmp/blt-fixture/tools/bifrost-http',
        origin: '/src/bifrost/transports',
        reused: false
      }
    },
    ports: { gateway: 41002, mocker: 41001 },
    files: files()
  }
}

function calibrationPhase(): PhaseRecord {
  return phaseRecord(
    'calibration',
    'Calibration',
    'calibration',
    'direct',
    statistics({ latencyNs: CALIBRATION_NS, histogram: CALIBRATION_HISTOGRAM }),
    '2025-01-02T03:00:05.000Z',
    'overhead'
  )
}

function overheadPhase(overhead: OverheadUs): PhaseRecord {
  return phaseRecord(
    'overhead',
    'Overhead',
    'overhead',
    'gateway',
    statistics({
      latencyNs: gatewayNs(overhead),
      achievedRate: 999.5,
      histogram: OVERHEAD_HISTOGRAM
    }),
    '2025-01-02T03:00:05.000Z',
    'overhead'
  )
}

const OVERHEAD_ATTACK = (): AttackRecord =>
  attackRecord(
    'overhead',
    'Calibration and overhead, interleaved',
    'measure',
    ['direct', 'gateway'],
    1999.6,
    2150,
    '2025-01-02T03:00:05.000Z'
  )

/** Process stats; JSON rounds to 2 decimals, Markdown shows 1. */
export const OVERHEAD_PROCESS_STATS = {
  samples: 30,
  cpuAvgPct: 12.3456,
  cpuPeakPct: 25.5,
  rssAvgMb: 48.1234,
  rssPeakMb: 52.9
}
export const STRESS_PROCESS_STATS = {
  samples: 60,
  cpuAvgPct: 20.004,
  cpuPeakPct: 41.2,
  rssAvgMb: 55.556,
  rssPeakMb: 60
}

function evaluationOf(overhead: OverheadUs | undefined, checks: Check[]): Evaluation {
  return {
    overhead: overhead ? [overheadEstimate(overhead)] : [],
    regression: [],
    checks,
    warnings: []
  }
}

/**
 * Everything within its limit: 17 checks (validity: 3 attacks × 2, calibration's success
 * rate and p50 excess, and the interval's upper bound; 5 overhead limits; the overhead phase and 2 stress runs' success).
 */
export function passingRecord(): RunRecord {
  const attacks = [
    OVERHEAD_ATTACK(),
    attackRecord(
      'stress-1',
      'Stress #1',
      'stress',
      ['gateway'],
      998.4,
      1050,
      '2025-01-02T03:01:20.000Z'
    ),
    attackRecord(
      'stress-2',
      'Stress #2',
      'stress',
      ['gateway'],
      999.2,
      1040,
      '2025-01-02T03:02:20.000Z'
    )
  ]
  const checks = [
    ...validityChecks(attacks),
    check(
      'overhead-reliable',
      "Lowest upper bound of a checked overhead's 95% confidence interval (p50)",
      1050,
      0,
      'µs',
      'min',
      true,
      'validity'
    ),
    ...overheadChecksFor(PASSING_OVERHEAD_US),
    check('overhead-success-rate', 'Overhead phase success rate', 100, 100, '%', 'min', true),
    check('stress-1-success-rate', 'Stress #1 success rate', 100, 100, '%', 'min', true),
    check('stress-2-success-rate', 'Stress #2 success rate', 100, 100, '%', 'min', true)
  ]
  return {
    ...baseRecord(),
    attacks,
    phases: [
      calibrationPhase(),
      overheadPhase(PASSING_OVERHEAD_US),
      phaseRecord(
        'stress-1',
        'Stress #1',
        'stress',
        'gateway',
        statistics({ latencyNs: STRESS_NS, achievedRate: 998.4 }),
        '2025-01-02T03:01:20.000Z'
      ),
      phaseRecord(
        'stress-2',
        'Stress #2',
        'stress',
        'gateway',
        statistics({ latencyNs: { ...STRESS_NS, p99: 1_009_000_000 }, achievedRate: 999.2 }),
        '2025-01-02T03:02:20.000Z'
      )
    ],
    evaluation: evaluationOf(PASSING_OVERHEAD_US, checks),
    metrics: processStatsRows({
      overhead: { ...OVERHEAD_PROCESS_STATS },
      stress: { ...STRESS_PROCESS_STATS }
    }),
    verdict: verdictOf(checks),
    status: 'passed'
  }
}

export const STRESS_TIMEOUT_ERROR =
  'Post "http://127.0.0.1:41002/v1/chat/completions": context deadline exceeded | timeout'

export const MOCKER_LOG_NOTE =
  'The mock provider logged 60000 lines for 60000 requests (mocker-overhead.log): it logs per request.'

/**
 * p99 overhead 120000 µs > 100000; stress #1 at 29700 / 30000 = 99 % and stress #2 at
 * 29850 / 30000 = 99.5 %, both under 100 %; stress #2 ran at 950 RPS (5 % short, under
 * the 99 % minimum: a validity failure, listed first).
 */
export function failingRecord(): RunRecord {
  const attacks = [
    OVERHEAD_ATTACK(),
    attackRecord(
      'stress-1',
      'Stress #1',
      'stress',
      ['gateway'],
      998.4,
      1050,
      '2025-01-02T03:01:20.000Z'
    ),
    attackRecord(
      'stress-2',
      'Stress #2',
      'stress',
      ['gateway'],
      950,
      1040,
      '2025-01-02T03:02:20.000Z'
    )
  ]
  const checks = [
    ...validityChecks(attacks),
    check(
      'overhead-reliable',
      "Lowest upper bound of a checked overhead's 95% confidence interval (p50)",
      1050,
      0,
      'µs',
      'min',
      true,
      'validity'
    ),
    ...overheadChecksFor(FAILING_OVERHEAD_US),
    check('overhead-success-rate', 'Overhead phase success rate', 100, 100, '%', 'min', true),
    check('stress-1-success-rate', 'Stress #1 success rate', 99, 100, '%', 'min', false),
    check('stress-2-success-rate', 'Stress #2 success rate', 99.5, 100, '%', 'min', false)
  ]
  return {
    ...baseRecord(),
    notes: [MOCKER_LOG_NOTE],
    attacks,
    phases: [
      calibrationPhase(),
      overheadPhase(FAILING_OVERHEAD_US),
      phaseRecord(
        'stress-1',
        'Stress #1',
        'stress',
        'gateway',
        statistics({
          latencyNs: STRESS_NS,
          successes: 29700,
          statusCodes: { '0': 300, '200': 29700 },
          topErrors: [{ error: STRESS_TIMEOUT_ERROR, count: 300 }],
          achievedRate: 998.4
        }),
        '2025-01-02T03:01:20.000Z'
      ),
      phaseRecord(
        'stress-2',
        'Stress #2',
        'stress',
        'gateway',
        statistics({
          latencyNs: { ...STRESS_NS, p99: 1_009_000_000 },
          successes: 29850,
          statusCodes: { '200': 29850, '502': 150 },
          achievedRate: 950
        }),
        '2025-01-02T03:02:20.000Z'
      )
    ],
    evaluation: evaluationOf(FAILING_OVERHEAD_US, checks),
    metrics: processStatsRows({
      overhead: { ...OVERHEAD_PROCESS_STATS },
      stress: { ...STRESS_PROCESS_STATS }
    }),
    verdict: verdictOf(checks, [MOCKER_LOG_NOTE]),
    status: 'failed'
  }
}

export const GATEWAY_CRASH_MESSAGE = 'gateway exited with code 2 during Stress #1'
export const GATEWAY_LOG_TAIL =
  'panic: runtime error: index out of range [3] with length 3\ngoroutine 42 [running]:'

/** Calibration and overhead completed, then the gateway died in the first stress run. */
export function erroredRecord(): RunRecord {
  const attacks = [OVERHEAD_ATTACK()]
  const checks = [
    ...validityChecks(attacks),
    ...overheadChecksFor(PASSING_OVERHEAD_US),
    check('overhead-success-rate', 'Overhead phase success rate', 100, 100, '%', 'min', true)
  ]
  return {
    ...baseRecord(),
    attacks,
    phases: [calibrationPhase(), overheadPhase(PASSING_OVERHEAD_US)],
    evaluation: evaluationOf(PASSING_OVERHEAD_US, checks),
    metrics: processStatsRows({ overhead: { ...OVERHEAD_PROCESS_STATS } }),
    // As the engine does for a run that stopped midway: not passed, though no check failed.
    verdict: { ...verdictOf(checks), passed: false },
    status: 'error',
    failure: {
      kind: 'run',
      message: GATEWAY_CRASH_MESSAGE,
      phase: 'Stress #1',
      logFile: `${RESULTS_DIR}/gateway-stress.log`,
      logTail: GATEWAY_LOG_TAIL
    }
  }
}

/** What the gateway of deadGatewayRecord answered to every warm-up request. */
export const REFUSAL_BODY =
  '{"error":{"message":"Either x-portkey-config or x-portkey-provider header is required"}}'

/** The message the engine records for deadGatewayRecord's warm-up (see warmupFailure). */
export const DEAD_GATEWAY_MESSAGE =
  'The gateway answered 0 of 3000 warm-up requests validly (0.00%, below the minimum success rate of 100.00%: 3000 × 400 Bad Request), so it is not working and the run stops before measuring.'

/**
 * A gateway that refused every request: the run stopped after its 3 s warm-up (direct 3000 of
 * 3000 valid, the gateway 0 of 3000, each a 400 with REFUSAL_BODY), having measured nothing.
 */
export function deadGatewayRecord(): RunRecord {
  const warmup = attackRecord(
    'warmup',
    'Warm-up',
    'warmup',
    ['direct', 'gateway'],
    2000,
    1010,
    '2025-01-02T03:00:10.000Z'
  )
  const refused = statistics({
    requests: 3000,
    successes: 0,
    statusCodes: { '400': 3000 },
    topErrors: [{ error: '400 Bad Request', count: 3000 }],
    invalidResponse: {
      reason: 'the status is 400 Bad Request, not 2xx',
      statusCode: 400,
      body: REFUSAL_BODY
    },
    latencyNs: { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 }
  })
  return {
    ...baseRecord(),
    attacks: [{ ...warmup, durationS: 3 }],
    phases: [
      phaseRecord(
        'warmup-direct',
        'Warm-up, direct',
        'warmup',
        'direct',
        statistics({ requests: 3000, latencyNs: CALIBRATION_NS }),
        '2025-01-02T03:00:10.000Z',
        'warmup'
      ),
      phaseRecord(
        'warmup-gateway',
        'Warm-up, through the gateway',
        'warmup',
        'gateway',
        refused,
        '2025-01-02T03:00:10.000Z',
        'warmup'
      )
    ],
    evaluation: { overhead: [], regression: [], checks: [], warnings: [] },
    metrics: [],
    verdict: { passed: false, checks: [], failures: [], warnings: [] },
    status: 'error',
    failure: {
      kind: 'run',
      message: DEAD_GATEWAY_MESSAGE,
      phase: 'Warm-up',
      logFile: `${RESULTS_DIR}/gateway-overhead.log`,
      logTail: ''
    }
  }
}

/** The base build's overhead in comparedRecord: head (PASSING_OVERHEAD_US) minus these, µs. */
export const HEAD_MINUS_BASE_US: OverheadUs = {
  min: 10,
  mean: 20,
  p50: 20,
  p90: 30,
  p95: 40,
  p99: 100,
  p999: 500,
  max: 1000
}

/** comparedRecord(true): head adds 300 µs at p50 (base p50 700 µs against head's 1000 µs). */
export const REGRESSED_HEAD_MINUS_BASE_US: OverheadUs = { ...HEAD_MINUS_BASE_US, p50: 300 }

/** Half-widths of the fixture's regression intervals, µs: low = regression − w, high = + w. */
export const REGRESSION_HALF_WIDTH_US: Record<keyof LatencyStatsNs, number> = {
  min: 30,
  mean: 60,
  p50: 60,
  p90: 150,
  p95: 300,
  p99: 2000,
  p999: 20000,
  max: 50000
}

/**
 * A run that compared head with a base build (base-ref main) in one interleaved attack of
 * direct, base and head requests. Head's overhead is PASSING_OVERHEAD_US; the base's is
 * head's minus HEAD_MINUS_BASE_US, so every regression interval holds zero and the run
 * passes ("no regression beyond ±80.0 µs … at p50": 20 ± 60 µs). With `regressed`, the base's
 * p50 is 700 µs: head adds 300 µs (240 … 360 µs), whose lower bound exceeds the 100 µs limit,
 * so regression-p50 fails.
 */
export function comparedRecord(regressed = false): RunRecord {
  const record = passingRecord()
  const headMinusBase = regressed ? REGRESSED_HEAD_MINUS_BASE_US : HEAD_MINUS_BASE_US
  const baseOverheadUs = {} as OverheadUs
  const regressionInterval = {} as Record<keyof LatencyStatsNs, Interval>
  const baseInterval = {} as Record<keyof LatencyStatsNs, Interval>
  for (const key of Object.keys(HEAD_MINUS_BASE_US) as (keyof LatencyStatsNs)[]) {
    baseOverheadUs[key] = PASSING_OVERHEAD_US[key] - headMinusBase[key]
    regressionInterval[key] = {
      low: headMinusBase[key] - REGRESSION_HALF_WIDTH_US[key],
      high: headMinusBase[key] + REGRESSION_HALF_WIDTH_US[key]
    }
    baseInterval[key] = {
      low: baseOverheadUs[key] - INTERVAL_HALF_WIDTH_US[key],
      high: baseOverheadUs[key] + INTERVAL_HALF_WIDTH_US[key]
    }
  }
  const regression: RegressionEstimate = {
    mode: 'non-streaming',
    basePhaseId: 'overhead-base',
    headPhaseId: 'overhead',
    baseOverheadUs,
    headOverheadUs: { ...PASSING_OVERHEAD_US },
    regressionUs: { ...headMinusBase },
    baseIntervalUs: baseInterval,
    intervalUs: regressionInterval,
    confidence: 0.95,
    intervalMethod: INTERVAL_METHOD,
    baseRef: 'main'
  }
  const config: LoadTestConfig = {
    ...record.config,
    base: {
      source: { kind: 'git-ref', repositoryPath: '/src/bifrost', ref: 'main', modules: 'local' }
    }
  }
  const regressionChecks = CHECKED_STATS.map((key) =>
    makeCheck({
      id: `regression-${key}`,
      label: `${key === 'mean' ? 'Mean' : key.toUpperCase()} regression, head − base, lower bound of its 95% confidence interval`,
      category: 'regression',
      mode: 'non-streaming',
      value: regressionInterval[key].low,
      limit: config.maxRegressionUs[key] as number,
      unit: 'µs',
      bound: 'max',
      detail: regressionSentence(regression, key)
    })
  )
  const checks = [
    ...record.verdict.checks,
    check(
      'overhead-base-success-rate',
      'Base gateway success rate',
      100,
      100,
      '%',
      'min',
      true,
      'validity'
    ),
    ...regressionChecks
  ]
  const attack = attackRecord(
    'overhead',
    'Calibration, base and head overhead, interleaved',
    'measure',
    ['direct', 'base', 'gateway'],
    2999.4,
    3200,
    '2025-01-02T03:00:05.000Z'
  )
  const basePhase = phaseRecord(
    'overhead-base',
    'Overhead of the base',
    'base-overhead',
    'base',
    statistics({ latencyNs: gatewayNs(baseOverheadUs), achievedRate: 999.8 }),
    '2025-01-02T03:00:05.000Z',
    'overhead'
  )
  const verdict = verdictOf(checks)
  return {
    ...record,
    config,
    tools: {
      ...record.tools,
      base: {
        kind: 'bifrost-checkout',
        binaryPath: '/tmp/blt-fixture/tools/bifrost-http-base',
        origin: 'main: /tmp/bifrost-load-test-worktree/transports',
        reused: false
      }
    },
    ports: { ...record.ports, base: 41003 },
    attacks: [attack, ...record.attacks.slice(1)],
    phases: [record.phases[0] as PhaseRecord, basePhase, ...record.phases.slice(1)],
    evaluation: { ...record.evaluation, regression: [regression], checks },
    verdict,
    status: verdict.passed ? 'passed' : 'failed'
  }
}

/** A gateway's own telemetry as its probe reads it: `requests` observations, mean `meanUs`. */
export function gatewayTelemetry(meanUs: number, requests = 1000): GatewayTelemetry {
  return { metric: 'bifrost_overhead_latency_microseconds', requests, meanUs }
}

/** Adds the telemetry probe's row for phase `phaseId` of the record, as the probe makes it. */
export function addTelemetry(
  record: RunRecord,
  phaseId: string,
  telemetry: GatewayTelemetry
): void {
  const phase = record.phases.find((candidate) => candidate.id === phaseId)
  if (!phase) throw new Error(`fixture without phase ${phaseId}`)
  record.metrics.push(telemetryRow(phase, telemetry))
}

/** comparedRecord(true) whose head and base phases carry the telemetry given. */
export function comparedRecordWithTelemetry(
  head: GatewayTelemetry | undefined,
  base: GatewayTelemetry | undefined
): RunRecord {
  const record = comparedRecord(true)
  const phase = (id: string | undefined) => record.phases.find((candidate) => candidate.id === id)
  const headPhase = phase(record.evaluation.regression[0]?.headPhaseId)
  const basePhase = phase(record.evaluation.regression[0]?.basePhaseId)
  if (!headPhase || !basePhase) throw new Error('fixture without base and head phases')
  if (head) addTelemetry(record, headPhase.id, head)
  if (base) addTelemetry(record, basePhase.id, base)
  return record
}
