import { describe, expect, it } from 'vitest'
import type { AttackOutcome } from '../../src/load/attack.js'
import type { AttackStep, IdleStep } from '../../src/engine/plan.js'
import type { ProbeName } from '../../src/engine/probes/index.js'
import type { Probe, ProbeFactory } from '../../src/engine/probes/probe.js'
import { ProbeSet } from '../../src/engine/probes/probe-set.js'
import { requestsPerSlice, type SliceBoundary } from '../../src/engine/probes/slices.js'
import type { RunningServices } from '../../src/engine/services.js'
import type { MetricRow } from '../../src/record.js'
import type { TargetSamples } from '../../src/load/types.js'
import { fixtureConfig } from './fixtures.js'

// Test probes go by names of their own: the plan's type only knows the real ones.
const names = (...probes: string[]) => probes as ProbeName[]

const SERVICES = { generation: 'overhead' } as RunningServices

function attackStep(probes: string[], durationS = 0.2): AttackStep {
  return {
    kind: 'attack',
    id: 'overhead',
    label: 'Calibration and overhead',
    purpose: 'measure',
    mode: 'non-streaming',
    phases: [
      { target: 'direct', id: 'calibration', label: 'Calibration', role: 'calibration' },
      { target: 'gateway', id: 'overhead', label: 'Overhead', role: 'overhead' }
    ],
    ratePerTarget: 100,
    durationS,
    mockerLatencyMs: 10,
    timeoutS: 5,
    sampling: 'overhead',
    probes: names(...probes)
  }
}

const idleStep = (probes: string[]): IdleStep => ({
  kind: 'idle',
  id: 'idle-1',
  label: 'Idle before stress #2',
  durationS: 1,
  sampling: 'stress',
  probes: names(...probes)
})

/** What a vegeta attack of `durationS` returns, `samples` for the gateway target. */
function outcomeOf(samples: TargetSamples, sendOriginEpochMs: number): AttackOutcome {
  const statistics = {} as never
  return {
    wallS: 0.2,
    statisticsLagS: 0,
    aborted: false,
    results: {
      attack: {
        requests: samples.latenciesNs.length,
        attackSpanS: 0.2,
        achievedRate: 0,
        peakInFlight: 1
      },
      targets: new Map([['gateway', { statistics, samples }]]),
      sendOriginEpochMs
    }
  }
}

const row = (probe: string, phase: string): MetricRow => ({
  id: `${probe}/m/${phase}`,
  probe,
  metric: 'm',
  label: 'M',
  group: probe,
  unit: '',
  value: 1,
  worse: 'neither',
  phase,
  shown: 'details'
})

/** A probe that logs every hook it is given, as "<name> <hook> <detail>". */
function loggingProbe(name: string, log: string[]): ProbeFactory {
  return () => ({
    servicesStarted: (services) => void log.push(`${name} servicesStarted ${services.generation}`),
    stepStarted: (step) => void log.push(`${name} stepStarted ${step.id}`),
    beforeAttack: ({ step, slices }) =>
      void log.push(`${name} beforeAttack ${step.id} ${slices.count}`),
    atSliceBoundary: (_, boundary) => void log.push(`${name} boundary ${boundary.index}`),
    afterAttack: ({ step }, outcome) => {
      log.push(`${name} afterAttack ${step.id} ${outcome.results.attack.requests}`)
      return [row(name, step.id)]
    },
    servicesStopping: () => {
      log.push(`${name} servicesStopping`)
      return [row(name, 'lifetime')]
    }
  })
}

const setup = { config: fixtureConfig() }
const noSamples: TargetSamples = {
  sendOffsetsNs: new Float64Array(),
  latenciesNs: new Float64Array()
}

describe('ProbeSet', () => {
  it('calls the hooks in order, each attack hook only for the probes the step names', async () => {
    const log: string[] = []
    const notes: string[] = []
    const registry = { a: loggingProbe('a', log), b: loggingProbe('b', log) }
    const probes = new ProbeSet(['a', 'b'], setup, (note) => notes.push(note), registry)
    await probes.servicesStarted(SERVICES)
    const step = attackStep(['b'])
    await probes.stepStarted(step, SERVICES)
    const { rows } = await probes.measureAttack(step, SERVICES, async () => {
      await new Promise((resolve) => setTimeout(resolve, 400))
      return outcomeOf(noSamples, Date.now())
    })
    await probes.stepStarted(idleStep(['a']), SERVICES)
    const lifetime = await probes.servicesStopping(SERVICES)
    expect(log).toEqual([
      'a servicesStarted overhead',
      'b servicesStarted overhead',
      'b stepStarted overhead',
      'b beforeAttack overhead 10',
      ...Array.from({ length: 11 }, (_, index) => `b boundary ${index}`),
      'b afterAttack overhead 0',
      'a stepStarted idle-1',
      'a servicesStopping',
      'b servicesStopping'
    ])
    expect(rows.map((r) => r.id)).toEqual(['b/m/overhead'])
    expect(lifetime.map((r) => r.id)).toEqual(['a/m/lifetime', 'b/m/lifetime'])
    expect(notes).toEqual([])
  })

  it('stops the slice clock when the attack ends early, and awaits every reading', async () => {
    const reached: number[] = []
    let settled = 0
    const registry: Record<string, ProbeFactory> = {
      slow: () => ({
        atSliceBoundary: async (_, boundary) => {
          reached.push(boundary.index)
          await new Promise((resolve) => setTimeout(resolve, 30))
          settled++
        }
      })
    }
    const probes = new ProbeSet(['slow'], setup, () => undefined, registry)
    await probes.measureAttack(attackStep(['slow'], 1), SERVICES, async () => {
      await new Promise((resolve) => setTimeout(resolve, 250)) // 100 ms slices: 0, 1, 2
      return outcomeOf(noSamples, Date.now())
    })
    expect(settled).toBe(reached.length)
    const afterward = reached.length
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(reached).toHaveLength(afterward)
    expect(afterward).toBeGreaterThanOrEqual(2)
    expect(afterward).toBeLessThan(11)
  })

  it('turns a probe that throws into a note, and keeps the others and the run going', async () => {
    const log: string[] = []
    const notes: string[] = []
    const registry: Record<string, ProbeFactory> = {
      broken: () => ({
        beforeAttack: () => {
          throw new Error('cannot read /proc/4242/stat')
        },
        afterAttack: async () => Promise.reject(new Error('the endpoint went away'))
      }),
      fine: loggingProbe('fine', log)
    }
    const probes = new ProbeSet(['broken', 'fine'], setup, (note) => notes.push(note), registry)
    const { rows } = await probes.measureAttack(
      attackStep(['broken', 'fine']),
      SERVICES,
      async () => outcomeOf(noSamples, Date.now())
    )
    expect(rows.map((r) => r.id)).toEqual(['fine/m/overhead'])
    expect(notes).toEqual([
      'The broken probe failed before Calibration and overhead (cannot read /proc/4242/stat), so its figures for it are missing.',
      'The broken probe failed after Calibration and overhead (the endpoint went away), so its figures for it are missing.'
    ])
  })

  it('throws the attack’s own failure on, after its readings, without afterAttack', async () => {
    const log: string[] = []
    const probes = new ProbeSet(['a'], setup, () => undefined, { a: loggingProbe('a', log) })
    await expect(
      probes.measureAttack(attackStep(['a']), SERVICES, async () => {
        await new Promise((resolve) => setTimeout(resolve, 50))
        throw new Error('vegeta attack for overhead exited with status 1')
      })
    ).rejects.toThrow('exited with status 1')
    expect(log.some((line) => line.includes('afterAttack'))).toBe(false)
    const boundaries = log.filter((line) => line.includes('boundary')).length
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(log.filter((line) => line.includes('boundary'))).toHaveLength(boundaries)
  })

  it('refuses a name no probe has', () => {
    expect(() => new ProbeSet(['nonesuch'], setup, () => undefined, {})).toThrow(
      'no probe is named nonesuch'
    )
  })

  it('gives a probe reading at slice boundaries what it needs to put requests in slices', async () => {
    // The shape of a CPU-time probe: a reading at each boundary, then per slice the reading's
    // difference over the requests sent in that slice (here the reading is the boundary's
    // own index, so each slice's difference is 1).
    const registry: Record<string, ProbeFactory> = {
      perSlice: (): Probe => {
        const readings: SliceBoundary[] = []
        return {
          beforeAttack: () => void readings.splice(0),
          atSliceBoundary: (_, boundary) => void readings.push(boundary),
          afterAttack: ({ step }, outcome) => {
            const samples = outcome.results.targets.get('gateway')?.samples as TargetSamples
            const perSlice = requestsPerSlice(
              samples,
              readings.map((reading) => reading.epochMs),
              outcome.results.sendOriginEpochMs as number,
              'sent'
            )
            return perSlice.map((requests, slice) => ({
              ...row('perSlice', `${step.id}-slice-${slice}`),
              value: requests === 0 ? Number.NaN : 1 / requests,
              requests
            }))
          }
        }
      }
    }
    const probes = new ProbeSet(['perSlice'], setup, () => undefined, registry)
    let startedAtEpochMs = 0
    const { rows } = await probes.measureAttack(
      attackStep(['perSlice'], 0.5),
      SERVICES,
      async () => {
        startedAtEpochMs = Date.now()
        await new Promise((resolve) => setTimeout(resolve, 700))
        // 5 requests in each 50 ms slice, sent 5, 15, … 495 ms after the attack's start.
        const samples: TargetSamples = {
          sendOffsetsNs: Float64Array.from({ length: 50 }, (_, i) => (5 + i * 10) * 1e6),
          latenciesNs: new Float64Array(50).fill(1e6)
        }
        return outcomeOf(samples, startedAtEpochMs)
      }
    )
    expect(rows).toHaveLength(10)
    // Timers may fire a few ms late, moving a request or two between slices; none is lost.
    const requests = rows.map((r) => r.requests as number)
    expect(requests.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(45)
    expect(Math.max(...requests)).toBeLessThanOrEqual(8)
  })
})
