import type { Evaluation } from './analysis/evaluate.js'
import type { Verdict } from './analysis/verdict.js'
import type { LoadTestConfig, Mode } from './config/types.js'
import type { TargetName } from './load/targets.js'
import type { AttackStatistics, PhaseRole, PhaseStatistics, TargetSamples } from './load/types.js'
import type { GatewayTelemetry } from './services/gateway-telemetry.js'
import type { ProcessStatsSummary } from './services/proc-stats.js'

/** One vegeta attack as it ran; its targets' results are phases of their own. */
export interface AttackRecord {
  id: string
  label: string
  purpose: 'warmup' | 'measure' | 'stress'
  mode: Mode
  targets: TargetName[]
  /** Requests per second asked of vegeta: ratePerTarget × targets. */
  configuredRate: number
  ratePerTarget: number
  durationS: number
  mockerLatencyMs: number
  /** vegeta's initial workers and its -max-workers. */
  workers: number
  maxWorkers: number
  timeoutS: number
  startedAt: string
  /** Wall time of the attack, including vegeta's wait for the last responses. */
  wallS: number
  /** From vegeta's exit to the statistics being ready. */
  statisticsLagS: number
  /** True when the run was stopped during this attack (what it measured is kept). */
  cutShort: boolean
  /** vegeta's results (gob), kept with the reports. */
  resultsFile: string
  statistics: AttackStatistics
}

/** What one target of an attack measured. */
export interface PhaseRecord {
  /** "calibration", "overhead", "stress-1", "overhead-streaming", "warmup-direct", … */
  id: string
  /** "Calibration", "Overhead (streaming)", "Stress #1", … */
  label: string
  role: PhaseRole
  mode: Mode
  target: TargetName
  /** The attack this phase was part of (shared by interleaved phases). */
  attackId: string
  url: string
  /** Requests per second sent to this target. */
  configuredRate: number
  durationS: number
  mockerLatencyMs: number
  timeoutS: number
  startedAt: string
  wallS: number
  statistics: PhaseStatistics
  /** Latencies of the successful requests with their send times: in memory only. */
  samples?: TargetSamples
  /**
   * What a gateway target reported about this phase's requests in its own overhead
   * histogram (measured phases of gateways that export one; see services/gateway-telemetry).
   */
  gatewayTelemetry?: GatewayTelemetry
}

export type RunStatus = 'passed' | 'failed' | 'error'

export interface RunFailure {
  kind: 'input' | 'setup' | 'run'
  message: string
  /** The phase that was running, when the run stopped midway. */
  phase?: string
  logFile?: string
  logTail?: string
}

export interface ToolRecord {
  vegeta?: { path: string; version: string; source: string }
  mocker?: { binaryPath: string; origin: string; reused: boolean }
  gateway?: { kind: string; binaryPath?: string; origin: string; reused: boolean }
  /** The base build head was compared with. */
  base?: { kind: string; binaryPath?: string; origin: string; reused: boolean }
}

/** Everything a run produced; the reports render it, nothing in it is computed there. */
export interface RunRecord {
  startedAt: string
  finishedAt: string
  config: LoadTestConfig
  tools: ToolRecord
  ports: { gateway?: number; mocker?: number; base?: number }
  attacks: AttackRecord[]
  phases: PhaseRecord[]
  /** Overhead estimates with intervals, checks and warnings, from the completed phases. */
  evaluation: Evaluation
  /** The gateway's process tree, per sampling phase ("overhead", "stress", …). */
  processStats: Record<string, ProcessStatsSummary>
  /** Things noticed while running that the reports should say (e.g. a mocker that logs a lot). */
  notes: string[]
  verdict: Verdict
  status: RunStatus
  /** Every process the run started, and how each ended. */
  processes: ProcessRecord[]
  failure?: RunFailure
  files: RunFiles
}

/** The phases of one mode by their role; a phase that did not run is absent. */
export function phasesByRole(
  phases: PhaseRecord[],
  mode: Mode = 'non-streaming'
): {
  calibration?: PhaseRecord
  overhead?: PhaseRecord
  stress: PhaseRecord[]
  warmup: PhaseRecord[]
} {
  const ofMode = phases.filter((phase) => phase.mode === mode)
  return {
    calibration: ofMode.find((phase) => phase.role === 'calibration'),
    overhead: ofMode.find((phase) => phase.role === 'overhead'),
    stress: ofMode.filter((phase) => phase.role === 'stress'),
    warmup: ofMode.filter((phase) => phase.role === 'warmup')
  }
}

export interface ProcessRecord {
  name: string
  pid: number
  logFile: string
  /** e.g. "exited with status 0", "was killed by SIGKILL". */
  ended: string
}

export interface RunFiles {
  resultsDir: string
  json: string
  markdown: string
  processStatsCsv: string
}
