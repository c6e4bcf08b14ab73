import { describe, expect, it } from 'vitest'
import { warmupFailure } from '../../src/analysis/warmup.js'
import {
  CALIBRATION_NS,
  DEAD_GATEWAY_MESSAGE,
  REFUSAL_BODY,
  deadGatewayRecord,
  phaseRecord,
  statistics
} from './fixtures.js'
import type { PhaseRecord } from '../../src/record.js'

/** A warm-up phase of `target` with `successes` valid answers of 100; the others 500s. */
function warmupPhase(target: 'direct' | 'gateway' | 'base', successes: number): PhaseRecord {
  const failed = 100 - successes
  return phaseRecord(
    `warmup-${target}`,
    `Warm-up, ${target}`,
    'warmup',
    target,
    statistics({
      requests: 100,
      successes,
      statusCodes: { '200': successes, '500': failed },
      topErrors: failed > 0 ? [{ error: '500 Internal Server Error', count: failed }] : [],
      ...(failed > 0
        ? {
            invalidResponse: {
              reason: 'the status is 500 Internal Server Error, not 2xx',
              statusCode: 500,
              body: '{"error":\n  {"message": "boom"}}'
            }
          }
        : {}),
      latencyNs: CALIBRATION_NS
    }),
    '2025-01-02T03:00:10.000Z',
    'warmup'
  )
}

describe('warmupFailure', () => {
  it('names a gateway that answered no request validly, quoting its first answer', () => {
    const failure = warmupFailure(deadGatewayRecord().phases, 100)
    expect(failure).toEqual({
      target: 'gateway',
      message: `${DEAD_GATEWAY_MESSAGE} Its first failed answer: HTTP 400 (the status is 400 Bad Request, not 2xx): ${REFUSAL_BODY}`
    })
  })

  it('lets a warm-up at or above the minimum success rate go on, and judges against the minimum', () => {
    const phases = [warmupPhase('direct', 100), warmupPhase('gateway', 95)]
    expect(warmupFailure(phases, 95)).toBeUndefined()
    expect(warmupFailure(phases, 100)?.message).toBe(
      'The gateway answered 95 of 100 warm-up requests validly (95.00%, below the minimum success rate of 100.00%: 5 × 500 Internal Server Error), so it is not working and the run stops before measuring. Its first failed answer: HTTP 500 (the status is 500 Internal Server Error, not 2xx): {"error": {"message": "boom"}}'
    )
  })

  it('blames the mock provider first, then the base gateway, and never a phase without requests', () => {
    expect(warmupFailure([warmupPhase('gateway', 0), warmupPhase('direct', 0)], 100)?.target).toBe(
      'direct'
    )
    expect(
      warmupFailure([warmupPhase('gateway', 0), warmupPhase('base', 0)], 100)?.message
    ).toMatch(/^The base gateway answered 0 of 100/)
    const empty = warmupPhase('gateway', 0)
    empty.statistics = statistics({ requests: 0, successes: 0, latencyNs: CALIBRATION_NS })
    expect(warmupFailure([empty], 100)).toBeUndefined()
  })
})
