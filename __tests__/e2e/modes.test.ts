import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { runLoadTest } from '../../src/engine/run.js'
import { actionOutputs } from '../../src/action/outputs.js'
import { runningProcesses } from '../../src/services/process.js'
import { expectNothingLeftRunning, testConfig, withGatewayEnv } from './helpers.js'

// Streaming as upstream's newer script measures it: real server-sent events, end to end.
describe('streaming and non-streaming modes, end to end', () => {
  let startedPids: number[] = []
  let restoreEnv: (() => void) | undefined
  const onProcessStarted = (process: { pid: number }): void => {
    startedPids.push(process.pid)
  }

  afterEach(async () => {
    restoreEnv?.()
    restoreEnv = undefined
    await expectNothingLeftRunning(startedPids)
    expect(runningProcesses()).toEqual([])
    startedPids = []
  })

  it('measures both modes: four more measured phases, reported beside the seed keys', async () => {
    const config = testConfig({ mode: 'both' })
    const record = await runLoadTest(config, { onProcessStarted })

    expect(record.failure).toBeUndefined()
    expect(record.status).toBe('passed')
    const measured = record.phases.filter((phase) => phase.role !== 'warmup')
    expect(measured.map((phase) => phase.id)).toEqual([
      'calibration',
      'overhead',
      'calibration-streaming',
      'overhead-streaming',
      'stress-1',
      'stress-2',
      'stress-streaming-1',
      'stress-streaming-2'
    ])
    for (const phase of measured) {
      const errors = JSON.stringify(phase.statistics.topErrors)
      // vegeta may skip the very last tick of an attack when the machine is busy.
      expect(phase.statistics.requests, phase.id).toBeGreaterThanOrEqual(198)
      expect(phase.statistics.requests, phase.id).toBeLessThanOrEqual(200)
      expect(phase.statistics.successes, `${phase.id}: ${errors}`).toBe(phase.statistics.requests)
    }
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    // The seed's keys stay the non-streaming figures; streaming sits beside them.
    expect(json.overhead.overhead_phase).toBe('overhead')
    expect(json.overhead.streaming.overhead_phase).toBe('overhead-streaming')
    expect(json.overhead.streaming.latency_us.p50).toBeGreaterThan(0)
    expect(json.overhead.streaming.latency_us.p50).toBeLessThan(20_000)
    expect(json.stress.runs.map((run: { id: string }) => run.id)).toEqual(['stress-1', 'stress-2'])
    expect(json.stress.streaming.runs.map((run: { id: string }) => run.id)).toEqual([
      'stress-streaming-1',
      'stress-streaming-2'
    ])
    const checkIds = json.verdict.checks.map((check: { check: string }) => check.check)
    expect(checkIds).toContain('overhead-streaming-p99')
    expect(checkIds).toContain('calibration-streaming-success-rate')
    expect(checkIds).toContain('stress-streaming-2-success-rate')
    const outputs = actionOutputs(record, undefined)
    expect(Number(outputs['overhead-streaming-p50-us'])).toBe(
      json.overhead.streaming.latency_us.p50
    )
    const markdown = readFileSync(record.files.markdown, 'utf8')
    expect(markdown).toContain('## Gateway processing overhead (streaming)')
    expect(markdown).toContain('## Stress runs (streaming)')
  })

  it('fails a gateway that answers a streaming request with JSON, naming why', async () => {
    restoreEnv = withGatewayEnv({ BIFROST_LIKE_STREAM_AS_JSON: '1' })
    // No warm-up, which would stop the run at its 0% valid before the measured phase.
    const config = testConfig({ mode: 'streaming', 'stress-runs': '1', 'warmup-duration': '0s' })
    const record = await runLoadTest(config, { onProcessStarted })

    expect(record.status).toBe('failed')
    const overhead = record.phases.find((phase) => phase.id === 'overhead-streaming')
    expect(overhead?.statistics.successes).toBe(0)
    expect(overhead?.statistics.invalidResponse?.reason).toBe(
      'the answer to a streaming request is JSON, not a server-sent event stream'
    )
    // The mock provider itself streams properly: calibration is valid.
    expect(
      record.verdict.checks.find((c) => c.id === 'calibration-streaming-success-rate')?.passed
    ).toBe(true)
    expect(record.verdict.failures.map((check) => check.id)).toContain(
      'overhead-streaming-success-rate'
    )
  })
})
