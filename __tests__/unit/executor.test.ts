import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { executePlan, type ExecutionContext } from '../../src/engine/executor.js'
import type { PlanStep } from '../../src/engine/plan.js'
import { passingRecord } from './fixtures.js'

/**
 * A context for plans of idle steps only: no services, no vegeta, no ports, so the executor's
 * own bookkeeping (interruption, cleanup, the record) is all that runs.
 */
function idleContext(abortSignal: AbortSignal): ExecutionContext {
  const record = passingRecord()
  record.failure = undefined
  return {
    config: record.config,
    vegetaPath: '/nonexistent/vegeta',
    binaries: {
      mockerPath: '/nonexistent/mocker',
      gateway: { source: record.config.gateway.source }
    },
    mockerSupportsIdleTimeout: false,
    ports: { mocker: 0, gateway: 0 },
    workDir: '/nonexistent',
    record,
    emit: () => undefined,
    abortSignal,
    redact: (text) => text
  }
}

const idle = (durationS: number): PlanStep => ({
  kind: 'idle',
  id: 'idle',
  label: 'Idle',
  durationS,
  sampling: 'idle'
})

describe('executePlan and the caller’s abort signal', () => {
  it('leaves no abort listener behind, however many runs share one signal', async () => {
    const controller = new AbortController()
    const before = getEventListeners(controller.signal, 'abort').length
    for (let run = 0; run < 20; run++) {
      const context = idleContext(controller.signal)
      await executePlan([idle(0.001)], context)
      expect(context.record.failure).toBeUndefined()
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(before)
  })

  it('still ends a run aborted midway with the interruption, and removes its listener', async () => {
    const controller = new AbortController()
    const context = idleContext(controller.signal)
    setTimeout(() => controller.abort('SIGINT'), 50)
    const startedMs = performance.now()
    await executePlan([idle(0.001), idle(10), idle(0.001)], context)
    expect(performance.now() - startedMs).toBeLessThan(5000)
    expect(context.record.failure).toEqual({
      kind: 'run',
      message: 'the run was interrupted (SIGINT)',
      phase: 'Idle',
      logFile: undefined,
      logTail: undefined
    })
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('stops at once, with the interruption, when the signal was aborted before the run', async () => {
    const controller = new AbortController()
    controller.abort('SIGTERM')
    const context = idleContext(controller.signal)
    await executePlan([idle(10)], context)
    expect(context.record.failure?.message).toBe('the run was interrupted (SIGTERM)')
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})
