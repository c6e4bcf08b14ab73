import { describe, expect, it } from 'vitest'

import { buildResultsJson, SCHEMA_VERSION } from '../../src/report/results-json.js'
import {
  erroredRecord,
  failingRecord,
  fixtureConfig,
  GATEWAY_CRASH_MESSAGE,
  GATEWAY_LOG_TAIL,
  INTERVAL_METHOD,
  passingRecord,
  RESULTS_DIR,
  MOCKER_LOG_NOTE,
  STRESS_TIMEOUT_ERROR
} from './fixtures.js'

/** What the file holds: the object after a JSON round trip (undefined members vanish). */
const written = (value: unknown) => JSON.parse(JSON.stringify(value))

describe('buildResultsJson: the seed keys', () => {
  const json = buildResultsJson(passingRecord())

  it('has the top-level keys of the seed plus the additions', () => {
    expect(Object.keys(json).sort()).toEqual(
      [
        'attacks',
        'baseline',
        'config',
        'error',
        'metrics',
        'overhead',
        'phases',
        'ports',
        'processes',
        'process_stats',
        'regression',
        'schema_version',
        'started_at',
        'status',
        'stress',
        'timestamp',
        'tools',
        'verdict'
      ].sort()
    )
    expect(json.schema_version).toBe(SCHEMA_VERSION)
    expect(SCHEMA_VERSION).toBe(2)
    expect(json.timestamp).toBe('2025-01-02T03:02:30.000Z')
    expect(json.started_at).toBe('2025-01-02T03:00:00.000Z')
    expect(json.status).toBe('passed')
  })

  it('reports overhead with the seed keys, latencies in µs rounded to 2 decimals', () => {
    expect(json.overhead).toEqual({
      configured_rate: 1000,
      actual_rate: 999.5,
      duration: 30,
      concurrent: 1000, // 1000 RPS × 1000 ms
      success_rate: 100,
      latency_us: {
        min: 150,
        mean: 1200.46, // 1200.456 rounded
        p50: 1000,
        p90: 2500,
        p95: 4000,
        p99: 9000,
        p999: 30000,
        max: 60000
      },
      // Each overhead ± the fixture's half-widths (INTERVAL_HALF_WIDTH_US).
      interval_us: {
        min: { low: 130, high: 170 },
        mean: { low: 1100.46, high: 1300.46 },
        p50: { low: 950, high: 1050 },
        p90: { low: 2350, high: 2650 },
        p95: { low: 3600, high: 4400 },
        p99: { low: 6000, high: 12000 },
        p999: { low: 10000, high: 50000 },
        max: { low: 10000, high: 110000 }
      },
      confidence: 0.95,
      interval_method: INTERVAL_METHOD,
      measurement: 'interleaved',
      calibration_phase: 'calibration',
      overhead_phase: 'overhead'
    })
  })

  it('reports stress with the seed keys and every run', () => {
    expect(json.stress).toEqual({
      rate: 1000,
      duration: 30,
      mocker_latency_ms: 1000,
      success_rate: 100,
      min_success_rate: 100,
      runs: [
        { id: 'stress-1', success_rate: 100, actual_rate: 998.4 },
        { id: 'stress-2', success_rate: 100, actual_rate: 999.2 }
      ]
    })
  })

  it('reports process stats per phase with the seed keys, rounded to 2 decimals', () => {
    expect(json.process_stats).toEqual({
      overhead: {
        cpu_avg_pct: 12.35,
        cpu_peak_pct: 25.5,
        rss_avg_mb: 48.12,
        rss_peak_mb: 52.9,
        samples: 30
      },
      stress: {
        cpu_avg_pct: 20,
        cpu_peak_pct: 41.2,
        rss_avg_mb: 55.56,
        rss_peak_mb: 60,
        samples: 60
      }
    })
  })

  it('passes the verdict with all 17 checks and no failures', () => {
    expect(json.verdict.passed).toBe(true)
    expect(json.verdict.failures).toEqual([])
    expect(json.verdict.warnings).toEqual([])
    expect(json.verdict.checks.map((c) => [c.check, c.category, c.passed])).toEqual([
      ['overhead-achieved-rate', 'validity', true],
      ['overhead-workers', 'validity', true],
      ['stress-1-achieved-rate', 'validity', true],
      ['stress-1-workers', 'validity', true],
      ['stress-2-achieved-rate', 'validity', true],
      ['stress-2-workers', 'validity', true],
      ['calibration-success-rate', 'validity', true],
      ['calibration-excess', 'validity', true],
      ['overhead-reliable', 'validity', true],
      ['overhead-mean', 'overhead', true],
      ['overhead-p50', 'overhead', true],
      ['overhead-p90', 'overhead', true],
      ['overhead-p95', 'overhead', true],
      ['overhead-p99', 'overhead', true],
      ['overhead-success-rate', 'success', true],
      ['stress-1-success-rate', 'success', true],
      ['stress-2-success-rate', 'success', true]
    ])
    expect(json.verdict.checks.find((c) => c.check === 'overhead-mean')).toEqual({
      check: 'overhead-mean',
      category: 'overhead',
      mode: 'non-streaming',
      value: 1200.46,
      limit: 5000,
      unit: 'µs',
      bound: 'max',
      passed: true
    })
    expect(json.verdict.sentence).toBe(
      'All 17 checks passed at 1000 RPS: p50 overhead 1000.0 µs (95% CI 950.0 µs … 1050.0 µs).'
    )
    expect(json.error).toBeNull()
  })

  it('describes every attack: configured and achieved rate, peak in flight, workers', () => {
    expect(json.attacks.map((a) => a.id)).toEqual(['overhead', 'stress-1', 'stress-2'])
    expect(json.attacks[0]).toEqual({
      id: 'overhead',
      label: 'Calibration and overhead, interleaved',
      purpose: 'measure',
      mode: 'non-streaming',
      targets: ['direct', 'gateway'],
      configured_rate: 2000,
      actual_rate: 1999.6,
      requests: 60000,
      peak_in_flight: 2150,
      workers: 2000,
      max_workers: 12000,
      duration: 30,
      mocker_latency_ms: 1000,
      timeout_s: 6,
      started_at: '2025-01-02T03:00:05.000Z',
      wall_s: 31,
      statistics_lag_s: 0.05,
      cut_short: false,
      results_file: `${RESULTS_DIR}/vegeta-overhead.bin`
    })
  })

  it('includes the resolved config, tools and ports as they were', () => {
    expect(json.config).toEqual(fixtureConfig())
    expect(json.ports).toEqual({ gateway: 41002, mocker: 41001 })
    expect(json.tools.vegeta).toEqual({
      path: '/usr/local/bin/vegeta',
      version: '12.13.0',
      source: 'PATH'
    })
  })

  it('describes each phase, latencies and histogram in µs', () => {
    expect(json.phases.map((p) => p.id)).toEqual([
      'calibration',
      'overhead',
      'stress-1',
      'stress-2'
    ])
    expect(json.phases[0]).toEqual({
      id: 'calibration',
      label: 'Calibration',
      role: 'calibration',
      mode: 'non-streaming',
      target: 'direct',
      attack: 'overhead',
      url: 'http://127.0.0.1:41001/v1/chat/completions',
      configured_rate: 1000,
      actual_rate: 1000,
      duration: 30,
      mocker_latency_ms: 1000,
      timeout_s: 6,
      started_at: '2025-01-02T03:00:05.000Z',
      wall_s: 31, // 31.004 rounded
      requests: 30000,
      successes: 30000,
      success_rate: 100,
      status_codes: { '200': 30000 },
      top_errors: [],
      invalid_response: null,
      latency_us: {
        min: 1000100,
        mean: 1000500,
        p50: 1000400,
        p90: 1000900,
        p95: 1001200,
        p99: 1002000,
        p999: 1005000,
        max: 1010000
      },
      // The mock provider exports no overhead histogram of its own.
      gateway_telemetry: null,
      histogram: [
        { lower_us: 1000000, upper_us: 1001000, count: 20000 },
        { lower_us: 1001000, upper_us: 1002000, count: 9700 },
        { lower_us: 1002000, upper_us: 1010000, count: 300 }
      ]
    })
    expect(json.phases[1]?.latency_us.mean).toBe(1001700.46) // 1_001_700_456 ns
  })

  it('survives a JSON round trip unchanged where it matters', () => {
    const roundTripped = written(json)
    expect(roundTripped.overhead).toEqual(json.overhead)
    expect(roundTripped.stress).toEqual(json.stress)
    expect(roundTripped.process_stats).toEqual(json.process_stats)
    expect(roundTripped.error).toBeNull()
  })
})

describe('buildResultsJson: a failing record', () => {
  const json = buildResultsJson(failingRecord())

  it('is failed, with each failure carrying its check id, value, limit and unit', () => {
    expect(json.status).toBe('failed')
    expect(json.verdict.passed).toBe(false)
    // The measurement's validity first: stress #2 sent 950 of 1000 RPS.
    expect(
      json.verdict.failures.map((f) => [f.check, f.category, f.value, f.limit, f.unit])
    ).toEqual([
      ['stress-2-achieved-rate', 'validity', 95, 99, '%'],
      ['overhead-p99', 'overhead', 120000, 100000, 'µs'],
      ['stress-1-success-rate', 'success', 99, 100, '%'],
      ['stress-2-success-rate', 'success', 99.5, 100, '%']
    ])
    expect(json.verdict.failures[1]).toEqual({
      check: 'overhead-p99',
      label: 'P99 overhead',
      category: 'overhead',
      value: 120000,
      limit: 100000,
      unit: 'µs',
      detail: null
    })
    expect(json.verdict.sentence).toBe(
      'Measurement invalid: Stress #2: achieved rate is 95.00%, below the minimum of 99.00%'
    )
    expect(json.verdict.warnings).toEqual([MOCKER_LOG_NOTE])
  })

  it('reports the p99 overhead over its limit', () => {
    expect(json.overhead?.latency_us?.p99).toBe(120000)
    expect(json.overhead?.latency_us?.p95).toBe(4000)
  })

  it("reports the last stress run's success rate as the seed did, and the lowest", () => {
    expect(json.stress).toEqual({
      rate: 1000,
      duration: 30,
      mocker_latency_ms: 1000,
      success_rate: 99.5, // stress-2: 29850 / 30000
      min_success_rate: 99, // stress-1: 29700 / 30000
      runs: [
        { id: 'stress-1', success_rate: 99, actual_rate: 998.4 },
        { id: 'stress-2', success_rate: 99.5, actual_rate: 950 }
      ]
    })
  })

  it('keeps status codes and top errors of each phase', () => {
    const stress1 = json.phases.find((p) => p.id === 'stress-1')
    expect(stress1?.status_codes).toEqual({ '0': 300, '200': 29700 })
    expect(stress1?.top_errors).toEqual([{ error: STRESS_TIMEOUT_ERROR, count: 300 }])
    expect(stress1?.success_rate).toBe(99)
  })
})

describe('buildResultsJson: a run that stopped midway', () => {
  const json = written(buildResultsJson(erroredRecord()))

  it('keeps the overhead that was measured and has no stress', () => {
    expect(json.status).toBe('error')
    expect(json.overhead).toEqual({
      configured_rate: 1000,
      actual_rate: 999.5,
      duration: 30,
      concurrent: 1000,
      success_rate: 100,
      latency_us: {
        min: 150,
        mean: 1200.46,
        p50: 1000,
        p90: 2500,
        p95: 4000,
        p99: 9000,
        p999: 30000,
        max: 60000
      },
      interval_us: expect.any(Object),
      confidence: 0.95,
      interval_method: INTERVAL_METHOD,
      measurement: 'interleaved',
      calibration_phase: 'calibration',
      overhead_phase: 'overhead'
    })
    expect(json.stress).toBeNull()
    expect(json.phases.map((p: { id: string }) => p.id)).toEqual(['calibration', 'overhead'])
  })

  it('says why and where it stopped', () => {
    expect(json.error).toEqual({
      kind: 'run',
      message: GATEWAY_CRASH_MESSAGE,
      phase: 'Stress #1',
      log_file: `${RESULTS_DIR}/gateway-stress.log`,
      log_tail: GATEWAY_LOG_TAIL
    })
  })

  it('does not pass, and has process stats only for the overhead phase', () => {
    expect(json.verdict.passed).toBe(false)
    expect(json.verdict.failures).toEqual([])
    expect(json.process_stats).toEqual({
      overhead: {
        cpu_avg_pct: 12.35,
        cpu_peak_pct: 25.5,
        rss_avg_mb: 48.12,
        rss_peak_mb: 52.9,
        samples: 30
      },
      stress: null
    })
  })

  it('gives null for the unknown parts of an error', () => {
    const record = erroredRecord()
    record.failure = { kind: 'setup', message: 'vegeta could not be installed' }
    record.phases = []
    record.attacks = []
    record.evaluation = { overhead: [], regression: [], checks: [], warnings: [] }
    record.metrics = []
    const setupJson = buildResultsJson(record)
    expect(setupJson.error).toEqual({
      kind: 'setup',
      message: 'vegeta could not be installed',
      phase: null,
      log_file: null,
      log_tail: null
    })
    expect(setupJson.overhead).toBeNull()
    expect(setupJson.stress).toBeNull()
    expect(setupJson.process_stats).toEqual({ overhead: null, stress: null })
    expect(setupJson.phases).toEqual([])
    expect(setupJson.attacks).toEqual([])
  })

  it('puts streaming figures beside the seed keys, and alone when only streaming ran', () => {
    const both = passingRecord()
    const streaming = { ...both.evaluation.overhead[0]!, mode: 'streaming' as const }
    streaming.calibrationPhaseId = 'calibration-streaming'
    streaming.overheadPhaseId = 'overhead-streaming'
    both.phases.push(
      ...both.phases
        .filter((p) => p.role === 'calibration' || p.role === 'overhead')
        .map((p) => ({ ...p, id: `${p.id}-streaming`, mode: 'streaming' as const }))
    )
    both.config.modes = ['non-streaming', 'streaming']
    both.evaluation.overhead.push(streaming)
    const json = buildResultsJson(both)
    expect(json.overhead?.latency_us?.p50).toBe(1000)
    expect(json.overhead?.streaming?.latency_us.p50).toBe(1000)
    expect(json.overhead?.streaming?.overhead_phase).toBe('overhead-streaming')

    both.evaluation.overhead = [streaming]
    both.config.modes = ['streaming']
    const onlyStreaming = buildResultsJson(both)
    expect(onlyStreaming.overhead?.latency_us).toBeUndefined()
    expect(onlyStreaming.overhead?.streaming?.calibration_phase).toBe('calibration-streaming')
  })

  it('has no overhead when the overhead phase never completed', () => {
    const record = erroredRecord()
    record.phases = record.phases.filter((p) => p.id === 'calibration')
    record.evaluation = { overhead: [], regression: [], checks: [], warnings: [] }
    expect(buildResultsJson(record).overhead).toBeNull()
  })
})

describe('buildResultsJson: secrets', () => {
  it('redacts secret gateway header values, keeping their names and the other values', () => {
    const record = passingRecord()
    record.config.gateway.headers = { Authorization: 'Bearer sk-live-123', 'X-Team': 'gateway' }
    const text = JSON.stringify(buildResultsJson(record))
    expect(JSON.parse(text).config.gateway.headers).toEqual({
      Authorization: '***',
      'X-Team': 'gateway'
    })
    expect(text).not.toContain('sk-live-123')
    // The record itself is untouched: the engine still sends the real header.
    expect(record.config.gateway.headers.Authorization).toBe('Bearer sk-live-123')
  })
})
