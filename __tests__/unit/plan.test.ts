import { describe, expect, it } from 'vitest'
import { attackSteps, planRun, probesOf, type PlanStep } from '../../src/engine/plan.js'
import { fixtureConfig } from './fixtures.js'

/** One line per step: what a person reads in the schedule. */
function outline(plan: PlanStep[]): string[] {
  return plan.map((step) => {
    switch (step.kind) {
      case 'start-services':
        return `start ${step.generation} (mocker ${step.mockerLatencyMs} ms${step.mockerIdleTimeoutS === undefined ? '' : `, idle timeout ${step.mockerIdleTimeoutS}s`})`
      case 'stop-services':
        return 'stop'
      case 'idle':
        return `idle ${step.durationS}s`
      case 'attack':
        return `${step.purpose} ${step.id} [${step.phases.map((phase) => `${phase.target}→${phase.id}`).join(', ')}] ${step.durationS}s`
    }
  })
}

describe('planRun', () => {
  it("schedules the seed's run, interleaved and warmed up, as data", () => {
    expect(outline(planRun(fixtureConfig()))).toEqual([
      'start overhead (mocker 1000 ms)',
      'warmup warmup [direct→warmup-direct, gateway→warmup-gateway] 3s',
      'measure overhead [direct→calibration, gateway→overhead] 30s',
      'stop',
      'start stress (mocker 1000 ms, idle timeout 15s)',
      'stress stress-1 [gateway→stress-1] 30s',
      'idle 30s',
      'stress stress-2 [gateway→stress-2] 30s',
      'stop'
    ])
  })

  it("keeps the seed's sequential method, and no warm-up at 0s", () => {
    const config = { ...fixtureConfig(), measurement: 'sequential' as const, warmupDurationS: 0 }
    expect(outline(planRun(config)).slice(0, 4)).toEqual([
      'start overhead (mocker 1000 ms)',
      'measure calibration [direct→calibration] 30s',
      'measure overhead [gateway→overhead] 30s',
      'stop'
    ])
  })

  it('measures each mode in turn, streaming phases named apart', () => {
    const config = {
      ...fixtureConfig(),
      modes: ['non-streaming', 'streaming'] as const,
      stressRuns: 1
    }
    const plan = planRun({ ...config, modes: [...config.modes] })
    expect(outline(plan)).toEqual([
      'start overhead (mocker 1000 ms)',
      'warmup warmup [direct→warmup-direct, gateway→warmup-gateway] 3s',
      'measure overhead [direct→calibration, gateway→overhead] 30s',
      'warmup warmup-streaming [direct→warmup-streaming-direct, gateway→warmup-streaming-gateway] 3s',
      'measure overhead-streaming [direct→calibration-streaming, gateway→overhead-streaming] 30s',
      'stop',
      'start stress (mocker 1000 ms)',
      'stress stress-1 [gateway→stress-1] 30s',
      'stress stress-streaming-1 [gateway→stress-streaming-1] 30s',
      'stop'
    ])
    expect(attackSteps(plan).map((step) => step.mode)).toEqual([
      'non-streaming',
      'non-streaming',
      'streaming',
      'streaming',
      'non-streaming',
      'streaming'
    ])
  })

  it("uses the seed's timeouts and rates, and names the sampling phases", () => {
    const plan = attackSteps(
      planRun({ ...fixtureConfig(), overheadMockerLatencyMs: 200, stressMockerLatencyMs: 40_000 })
    )
    expect(plan.map((step) => [step.id, step.ratePerTarget, step.timeoutS, step.sampling])).toEqual(
      [
        ['warmup', 1000, 5.2, 'warmup'],
        ['overhead', 1000, 5.2, 'overhead'],
        ['stress-1', 1000, 45, 'stress'],
        ['stress-2', 1000, 45, 'stress']
      ]
    )
  })

  it('says which probes each step runs: telemetry around the measured attacks only', () => {
    const plan = planRun(fixtureConfig())
    expect(
      plan.flatMap((step) =>
        step.kind === 'attack' || step.kind === 'idle' ? [[step.id, step.probes]] : []
      )
    ).toEqual([
      ['warmup', ['process-stats']],
      ['overhead', ['telemetry', 'process-stats']],
      ['stress-1', ['process-stats']],
      ['idle-1', ['process-stats']],
      ['stress-2', ['process-stats']]
    ])
    expect(probesOf(plan)).toEqual(['process-stats', 'telemetry'])
    const sequential = planRun({ ...fixtureConfig(), measurement: 'sequential' })
    for (const step of attackSteps(sequential).filter((s) => s.purpose === 'measure')) {
      expect(step.probes).toEqual(['telemetry', 'process-stats'])
    }
  })

  it('sets no idle timeout when no idle period separates stress runs', () => {
    const single = planRun({ ...fixtureConfig(), stressRuns: 1 })
    const noIdle = planRun({ ...fixtureConfig(), stressIdleS: 0 })
    for (const plan of [single, noIdle]) {
      const stress = plan.find(
        (step) => step.kind === 'start-services' && step.generation === 'stress'
      )
      expect(stress).toMatchObject({ kind: 'start-services' })
      expect(stress && 'mockerIdleTimeoutS' in stress).toBe(false)
    }
  })
})
