import type { Verdict } from './analysis/verdict.js'
import type { OverheadUs } from './analysis/overhead.js'
import type { LoadTestConfig } from './config/types.js'
import type { PhaseStatistics } from './load/types.js'
import type { ProcessStatsSummary } from './services/proc-stats.js'

/** One vegeta attack and what it measured. */
export interface PhaseRecord {
  /** "calibration", "overhead", "stress-1", "stress-2", … */
  id: string
  /** "Calibration", "Overhead", "Stress #1", … */
  label: string
  target: 'mocker' | 'gateway'
  url: string
  configuredRate: number
  durationS: number
  mockerLatencyMs: number
  workers: number
  timeoutS: number
  startedAt: string
  /** Wall time of the attack, including vegeta's wait for the last responses. */
  wallS: number
  statistics: PhaseStatistics
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
}

/** Everything a run produced; the report renders it, nothing in it is computed there. */
export interface RunRecord {
  startedAt: string
  finishedAt: string
  config: LoadTestConfig
  tools: ToolRecord
  ports: { gateway?: number; mocker?: number }
  phases: PhaseRecord[]
  /** Gateway − calibration per statistic, once both phases completed. */
  overheadUs?: OverheadUs
  /** The gateway's process tree, per sampling phase ("overhead", "stress"). */
  processStats: Record<string, ProcessStatsSummary>
  verdict: Verdict
  status: RunStatus
  /** Every process the run started, and how each ended. */
  processes: ProcessRecord[]
  failure?: RunFailure
  files: RunFiles
}

/** The phases of a run by their role; a phase that did not run is absent. */
export function phasesByRole(phases: PhaseRecord[]): {
  calibration?: PhaseRecord
  overhead?: PhaseRecord
  stress: PhaseRecord[]
} {
  return {
    calibration: phases.find((phase) => phase.id === 'calibration'),
    overhead: phases.find((phase) => phase.id === 'overhead'),
    stress: phases.filter((phase) => phase.id.startsWith('stress-'))
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
