import type { LoadTestConfig } from '../../config/types.js'
import type { AttackOutcome } from '../../load/attack.js'
import type { MetricRow } from '../../record.js'
import type { AttackStep, IdleStep } from '../plan.js'
import type { RunningServices } from '../services.js'
import type { SliceBoundary, SliceSchedule } from './slices.js'

/**
 * A measurement probe: a small module that measures something around the plan's steps (the
 * gateway's telemetry, its process tree's CPU and memory, …) and returns what it found as
 * plain rows (MetricRow). The executor runs any probe the same way; the plan says which
 * probes each step runs (`probes` on attack and idle steps); every report renders the rows.
 *
 * Every hook is optional, and the executor calls them in this order:
 *
 * - servicesStarted: the mock provider and the gateway (and the base) are ready. Called for
 *   every probe that some step of the plan names, once per start of the services.
 * - stepStarted: an attack or idle step that names the probe begins.
 * - beforeAttack: just before vegeta starts an attack that names the probe.
 * - atSliceBoundary: at each boundary of the attack's time slices, on a timer started with
 *   the attack (boundary 0 at its start, the last at its planned end): the slices the
 *   latency intervals are bootstrapped over (analysis/interval.ts, blockCountFor).
 * - afterAttack: once every response has come back and is decoded (also for an attack cut
 *   short, whose results are kept), with every target's statistics and samples; returns the
 *   attack's rows. Not called when the attack itself failed.
 * - servicesStopping: before the services stop, and when the run ends with them up;
 *   returns the rows of the whole start (e.g. a summary per sampling period).
 *
 * A hook that throws (or rejects) does not stop the run: the executor notes the probe, the
 * step and the message in the record, and the run goes on without that probe's rows for it.
 */
export interface Probe {
  servicesStarted?(services: RunningServices): void | Promise<void>
  stepStarted?(step: AttackStep | IdleStep, services: RunningServices): void | Promise<void>
  beforeAttack?(attack: ProbedAttack): void | Promise<void>
  /**
   * Called at once when the boundary is due: a reading should be taken synchronously or at
   * the start of the returned promise. The executor waits for every returned promise before
   * afterAttack, and never calls a boundary twice or out of order.
   */
  atSliceBoundary?(attack: ProbedAttack, boundary: SliceBoundary): void | Promise<void>
  afterAttack?(attack: ProbedAttack, outcome: AttackOutcome): MetricRow[] | Promise<MetricRow[]>
  servicesStopping?(services: RunningServices): MetricRow[] | Promise<MetricRow[]>
}

/** What a probe is made with, once per run; it may write files of its own to resultsDir. */
export interface ProbeSetup {
  config: LoadTestConfig
}

/** Makes a run's instance of a probe; see engine/probes/index.ts. */
export type ProbeFactory = (setup: ProbeSetup) => Probe

/** An attack as its probes see it. */
export interface ProbedAttack {
  /** The plan's step: its phases say which target is which phase. */
  step: AttackStep
  services: RunningServices
  /** Its time slices; boundary 0 (see atSliceBoundary) is its start. */
  slices: SliceSchedule
}
