import type { Evaluation } from './analysis/evaluate.js'
import type { Interval } from './analysis/interval.js'
import type { Verdict } from './analysis/verdict.js'
import type { LoadTestConfig, Mode } from './config/types.js'
import type { TargetName } from './load/targets.js'
import type { AttackStatistics, PhaseRole, PhaseStatistics, TargetSamples } from './load/types.js'

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
}

/** A figure and its confidence interval (95%), in the unit of its row. */
export interface MetricFigure {
  value: number
  interval?: Interval
}

/**
 * Which reports show a metric row: `headline` every report (console, PR comment, job
 * summary, Markdown, the exports, the results JSON); `details` the full reports (job
 * summary, Markdown, results JSON); `data` the results JSON only, for a figure another part
 * of the report already tells in its own words (the gateway's telemetry, beside the
 * overhead it is compared with).
 */
export type MetricShown = 'headline' | 'details' | 'data'

/**
 * One figure a measurement probe (engine/probes) took, as a plain row. Every report renders
 * rows alike (report/metric-rows.ts), so a new metric needs no renderer of its own; a check
 * made from a row carries the row's id as its own.
 *
 * Head against base: the row is the head's (target `gateway`), `value` its figure, and
 * `base` and `regression` (head − base) say the rest, each with its interval.
 */
export interface MetricRow {
  /** Unique in a run: `<probe>/<metric>/<phase>`, then `/<target>` when there is one. */
  id: string
  /** The probe that took it, e.g. "process-stats" (see engine/probes/index.ts). */
  probe: string
  /**
   * What is measured, the same in every phase: a slug (a–z, 0–9, "-"; at most 50
   * characters), e.g. "cpu-avg-pct"; Bencher's Measure in bencher.json, where
   * "-regression" is appended for head − base (Bencher takes 64 characters).
   */
  metric: string
  /** What a person reads, e.g. "CPU avg": a column or line of its table. */
  label: string
  /** The table it belongs in, e.g. "Gateway process stats (whole process tree)". */
  group: string
  /** Unit of the value and every interval, e.g. "µs", "%", "MiB"; "" for a count. */
  unit: string
  value: number
  interval?: Interval
  /** Which way is worse: "higher" (a cost), "lower" (a success rate), "neither". */
  worse: 'higher' | 'lower' | 'neither'
  /** The target it is about, when one: direct (the mock provider), gateway (head) or base. */
  target?: TargetName
  /** The phase, attack or sampling period it covers, as the plan names it. */
  phase: string
  mode?: Mode
  /** The base's figure, when head was compared with a base. */
  base?: MetricFigure
  /** Head − base. */
  regression?: MetricFigure
  /** Head − base in % of base. */
  regressionPct?: MetricFigure
  /** The requests a per-request figure is over. */
  requests?: number
  /** Where it was read, e.g. a Prometheus metric name. */
  source?: string
  /** Decimals shown; default 1 (0 for a count). */
  decimals?: number
  shown: MetricShown
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
  /** What the measurement probes took (engine/probes), in the order they returned it. */
  metrics: MetricRow[]
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
