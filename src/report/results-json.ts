import { expectedInFlight } from '../config/resolve.js'
import type { LatencyStatsNs } from '../load/types.js'
import { phasesByRole, type PhaseRecord, type RunRecord } from '../record.js'
import type { ProcessStatsSummary } from '../services/proc-stats.js'
import { RATE_SHORTFALL_FLAG } from '../analysis/verdict.js'
import { publicConfig } from './redact.js'

export const SCHEMA_VERSION = 1

const round2 = (value: number): number => Math.round(value * 100) / 100
const nsToUs = (ns: number): number => round2(ns / 1000)

function latencyUs(latencyNs: LatencyStatsNs): Record<keyof LatencyStatsNs, number> {
  return {
    min: nsToUs(latencyNs.min),
    mean: nsToUs(latencyNs.mean),
    p50: nsToUs(latencyNs.p50),
    p90: nsToUs(latencyNs.p90),
    p95: nsToUs(latencyNs.p95),
    p99: nsToUs(latencyNs.p99),
    p999: nsToUs(latencyNs.p999),
    max: nsToUs(latencyNs.max)
  }
}

function phaseJson(phase: PhaseRecord) {
  const stats = phase.statistics
  return {
    id: phase.id,
    label: phase.label,
    target: phase.target,
    url: phase.url,
    configured_rate: phase.configuredRate,
    actual_rate: round2(stats.achievedRate),
    rate_below_configured: stats.achievedRate < phase.configuredRate * (1 - RATE_SHORTFALL_FLAG),
    duration: phase.durationS,
    mocker_latency_ms: phase.mockerLatencyMs,
    workers: phase.workers,
    timeout_s: phase.timeoutS,
    started_at: phase.startedAt,
    wall_s: round2(phase.wallS),
    requests: stats.requests,
    success_rate: round2(stats.successRatio * 100),
    status_codes: stats.statusCodes,
    top_errors: stats.topErrors,
    latency_us: latencyUs(stats.latencyNs),
    histogram: stats.histogram.map((bucket) => ({
      lower_us: nsToUs(bucket.lowerNs),
      upper_us: nsToUs(bucket.upperNs),
      count: bucket.count
    }))
  }
}

function processStatsJson(summary: ProcessStatsSummary | undefined) {
  if (summary === undefined) return undefined
  return {
    cpu_avg_pct: round2(summary.cpuAvgPct),
    cpu_peak_pct: round2(summary.cpuPeakPct),
    rss_avg_mb: round2(summary.rssAvgMb),
    rss_peak_mb: round2(summary.rssPeakMb),
    samples: summary.samples
  }
}

/**
 * load-test-results.json: the seed's keys (overhead, stress, process_stats, timestamp) with
 * the same meaning, plus schema_version, the resolved config, every phase and the verdict.
 */
export function buildResultsJson(record: RunRecord) {
  const config = record.config
  const { overhead: overheadPhase, stress: stressPhases } = phasesByRole(record.phases)
  const lastStress = stressPhases.at(-1)
  return {
    schema_version: SCHEMA_VERSION,
    status: record.status,
    timestamp: record.finishedAt,
    started_at: record.startedAt,
    overhead:
      overheadPhase && record.overheadUs
        ? {
            configured_rate: config.rate,
            actual_rate: round2(overheadPhase.statistics.achievedRate),
            duration: config.overheadDurationS,
            concurrent: expectedInFlight(config.rate, config.overheadMockerLatencyMs),
            success_rate: round2(overheadPhase.statistics.successRatio * 100),
            latency_us: {
              min: round2(record.overheadUs.min),
              mean: round2(record.overheadUs.mean),
              p50: round2(record.overheadUs.p50),
              p90: round2(record.overheadUs.p90),
              p95: round2(record.overheadUs.p95),
              p99: round2(record.overheadUs.p99),
              p999: round2(record.overheadUs.p999),
              max: round2(record.overheadUs.max)
            }
          }
        : null,
    stress: lastStress
      ? {
          rate: config.rate,
          duration: config.stressDurationS,
          mocker_latency_ms: config.stressMockerLatencyMs,
          // The seed reports the last stress run's success rate; the runs are all below.
          success_rate: round2(lastStress.statistics.successRatio * 100),
          min_success_rate: round2(
            Math.min(...stressPhases.map((phase) => phase.statistics.successRatio * 100))
          ),
          runs: stressPhases.map((phase) => ({
            id: phase.id,
            success_rate: round2(phase.statistics.successRatio * 100),
            actual_rate: round2(phase.statistics.achievedRate)
          }))
        }
      : null,
    process_stats: {
      overhead: processStatsJson(record.processStats.overhead) ?? null,
      stress: processStatsJson(record.processStats.stress) ?? null
    },
    phases: record.phases.map(phaseJson),
    verdict: {
      passed: record.verdict.passed,
      failures: record.verdict.failures.map((check) => ({
        check: check.id,
        label: check.label,
        value: round2(check.value),
        limit: check.limit,
        unit: check.unit
      })),
      checks: record.verdict.checks.map((check) => ({
        check: check.id,
        value: round2(check.value),
        limit: check.limit,
        unit: check.unit,
        passed: check.passed
      })),
      warnings: record.verdict.warnings
    },
    error: record.failure
      ? {
          kind: record.failure.kind,
          message: record.failure.message,
          phase: record.failure.phase ?? null,
          log_file: record.failure.logFile ?? null,
          log_tail: record.failure.logTail ?? null
        }
      : null,
    tools: record.tools,
    processes: record.processes.map((process) => ({
      name: process.name,
      pid: process.pid,
      log_file: process.logFile,
      ended: process.ended
    })),
    ports: record.ports,
    config: publicConfig(record.config)
  }
}

export type ResultsJson = ReturnType<typeof buildResultsJson>
