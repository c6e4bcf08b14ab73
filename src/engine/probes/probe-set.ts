import { errorMessage } from '../../errors.js'
import type { AttackOutcome } from '../../load/attack.js'
import type { MetricRow } from '../../record.js'
import type { AttackStep, IdleStep } from '../plan.js'
import type { RunningServices } from '../services.js'
import { PROBES } from './index.js'
import type { Probe, ProbeFactory, ProbeSetup, ProbedAttack } from './probe.js'
import { sliceSchedule, startSliceClock } from './slices.js'

/**
 * A run's probes, called through the hooks of engine/probes/probe.ts for any probe alike:
 * the executor tells it what happens, and it tells the probes a step names. A hook that
 * throws is reported through `note` (probe, moment, message) and the run goes on.
 */
export class ProbeSet {
  private readonly probes: Map<string, Probe>

  /** `registry`: where the names are looked up (the tests give their own probes). */
  constructor(
    names: readonly string[],
    setup: ProbeSetup,
    private readonly note: (text: string) => void,
    registry: Readonly<Record<string, ProbeFactory>> = PROBES
  ) {
    this.probes = new Map(
      names.map((name) => {
        const factory = registry[name]
        if (!factory) throw new RangeError(`no probe is named ${name}`)
        return [name, factory(setup)]
      })
    )
  }

  /** Tells every probe that the services are ready. */
  async servicesStarted(services: RunningServices): Promise<void> {
    for (const [name, probe] of this.probes) {
      await this.guard(name, 'when the services started', () => probe.servicesStarted?.(services))
    }
  }

  /** Asks every probe for its rows of the services' lifetime, before they stop. */
  async servicesStopping(services: RunningServices): Promise<MetricRow[]> {
    const rows: MetricRow[] = []
    for (const [name, probe] of this.probes) {
      rows.push(
        ...((await this.guard(name, 'when the services stopped', () =>
          probe.servicesStopping?.(services)
        )) ?? [])
      )
    }
    return rows
  }

  /** Tells the probes the step names that it begins. */
  async stepStarted(step: AttackStep | IdleStep, services: RunningServices): Promise<void> {
    for (const [name, probe] of this.of(step)) {
      await this.guard(name, `at the start of ${step.label}`, () =>
        probe.stepStarted?.(step, services)
      )
    }
  }

  /**
   * Runs `attack` (vegeta, until every result is decoded) with the probes the step names
   * around it: beforeAttack, then a slice clock calling atSliceBoundary from the attack's
   * start to its planned end (stopped when the attack returns, and every reading awaited),
   * then afterAttack. Returns the attack's outcome and the probes' rows; an attack that
   * throws is thrown on, after its readings have settled.
   */
  async measureAttack(
    step: AttackStep,
    services: RunningServices,
    attack: () => Promise<AttackOutcome>
  ): Promise<{ outcome: AttackOutcome; rows: MetricRow[] }> {
    const probes = this.of(step)
    const probed: ProbedAttack = { step, services, slices: sliceSchedule(step.durationS) }
    for (const [name, probe] of probes) {
      await this.guard(name, `before ${step.label}`, () => probe.beforeAttack?.(probed))
    }
    const timed = probes.filter(([, probe]) => probe.atSliceBoundary !== undefined)
    const readings: Promise<unknown>[] = []
    const clock =
      timed.length === 0
        ? undefined
        : startSliceClock(probed.slices, (boundary) => {
            for (const [name, probe] of timed) {
              readings.push(
                this.guard(name, `at slice boundary ${boundary.index} of ${step.label}`, () =>
                  probe.atSliceBoundary?.(probed, boundary)
                )
              )
            }
          })
    let outcome: AttackOutcome
    try {
      outcome = await attack()
    } finally {
      clock?.stop()
      await Promise.all(readings)
    }
    const rows: MetricRow[] = []
    for (const [name, probe] of probes) {
      rows.push(
        ...((await this.guard(name, `after ${step.label}`, () =>
          probe.afterAttack?.(probed, outcome)
        )) ?? [])
      )
    }
    return { outcome, rows }
  }

  /** The probes a step names, in its order; a name the run has no probe for is skipped. */
  private of(step: AttackStep | IdleStep): [string, Probe][] {
    return (step.probes ?? []).flatMap((name): [string, Probe][] => {
      const probe = this.probes.get(name)
      return probe ? [[name, probe]] : []
    })
  }

  /** Calls a hook; a throw or rejection becomes a note, and undefined. */
  private async guard<T>(
    name: string,
    when: string,
    hook: () => T | Promise<T>
  ): Promise<T | undefined> {
    try {
      return await hook()
    } catch (error) {
      this.note(
        `The ${name} probe failed ${when} (${errorMessage(error)}), so its figures for it are missing.`
      )
      return undefined
    }
  }
}
