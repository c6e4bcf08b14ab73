import { describe, expect, it } from 'vitest'
import { blockCountFor } from '../../src/analysis/interval.js'
import {
  requestsPerSlice,
  sliceSchedule,
  startSliceClock,
  type SliceBoundary
} from '../../src/engine/probes/slices.js'
import type { TargetSamples } from '../../src/load/types.js'

describe('sliceSchedule', () => {
  it('cuts an attack into as many equal slices as the latency bootstrap does', () => {
    for (const durationS of [0.2, 5, 12.5, 30, 600]) {
      const schedule = sliceSchedule(durationS)
      expect(schedule.count).toBe(blockCountFor(durationS))
      expect(schedule.boundariesMs).toHaveLength(schedule.count + 1)
      expect(schedule.boundariesMs[0]).toBe(0)
      expect(schedule.boundariesMs.at(-1)).toBeCloseTo(durationS * 1000, 9)
      expect(schedule.lengthMs).toBeCloseTo((durationS * 1000) / schedule.count, 9)
    }
    // 30 s: two slices a second, 60, capped at 50 → 600 ms each.
    expect(sliceSchedule(30)).toMatchObject({ count: 50, lengthMs: 600 })
  })

  it('refuses an attack of no duration', () => {
    expect(() => sliceSchedule(0)).toThrow(RangeError)
    expect(() => sliceSchedule(Number.NaN)).toThrow(RangeError)
  })
})

describe('startSliceClock', () => {
  it('reaches every boundary once, in order, none before it is due, boundary 0 at once', async () => {
    const schedule = sliceSchedule(0.3) // 10 slices of 30 ms
    const reached: SliceBoundary[] = []
    const clock = startSliceClock(schedule, (boundary) => reached.push(boundary))
    expect(reached.map((boundary) => boundary.index)).toEqual([0])
    await new Promise((resolve) => setTimeout(resolve, 600))
    clock.stop()
    expect(reached.map((boundary) => boundary.index)).toEqual([...Array(11).keys()])
    for (const boundary of reached) {
      expect(boundary.plannedMs).toBe(schedule.boundariesMs[boundary.index])
      expect(boundary.atMs).toBeGreaterThanOrEqual(boundary.plannedMs)
      // Epoch ms near 1.7e12 keep about 0.25 µs of precision.
      expect(boundary.epochMs - clock.startedAtEpochMs).toBeCloseTo(boundary.atMs, 3)
    }
  })

  it('calls no boundary once stopped', async () => {
    const reached: number[] = []
    const clock = startSliceClock(sliceSchedule(0.5), (boundary) => reached.push(boundary.index))
    await new Promise((resolve) => setTimeout(resolve, 120))
    clock.stop()
    const seen = reached.length
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(reached).toHaveLength(seen)
    expect(seen).toBeLessThan(11)
  })

  it('catches up in order after the event loop was blocked past several boundaries', () => {
    const reached: SliceBoundary[] = []
    const clock = startSliceClock(sliceSchedule(0.2), (boundary) => reached.push(boundary))
    const blockedUntil = performance.now() + 70 // 20 ms slices: boundaries 1, 2, 3 fall due
    while (performance.now() < blockedUntil) {
      // busy: no timer can fire
    }
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        clock.stop()
        const indexes = reached.map((boundary) => boundary.index)
        expect(indexes).toEqual([...Array(indexes.length).keys()])
        expect(indexes.length).toBeGreaterThanOrEqual(4)
        // The late ones were called together, each with the time it was really reached.
        expect((reached[1] as SliceBoundary).atMs).toBeGreaterThanOrEqual(70)
        resolve()
      }, 5)
    })
  })
})

describe('requestsPerSlice', () => {
  // Sent at 0, 10, 20, … 90 ms after the origin; each took 15 ms.
  const samples: TargetSamples = {
    sendOffsetsNs: Float64Array.from({ length: 10 }, (_, i) => i * 10e6),
    latenciesNs: new Float64Array(10).fill(15e6)
  }
  const originEpochMs = 1_700_000_000_000

  it('counts requests by send time between consecutive readings', () => {
    const readings = [0, 25, 50, 100].map((ms) => originEpochMs + ms)
    // [0, 25): 0, 10, 20; [25, 50): 30, 40; [50, 100): 50 … 90.
    expect(requestsPerSlice(samples, readings, originEpochMs, 'sent')).toEqual([3, 2, 5])
  })

  it('counts requests by answer time, and leaves out those outside the readings', () => {
    const readings = [0, 25, 50, 100].map((ms) => originEpochMs + ms)
    // Answered at 15, 25, … 105: 105 is after the last reading.
    expect(requestsPerSlice(samples, readings, originEpochMs, 'answered')).toEqual([1, 3, 5])
    // Readings that start late leave out what came before: [42, 61) holds 50 and 60.
    const late = [42, 61].map((ms) => originEpochMs + ms)
    expect(requestsPerSlice(samples, late, originEpochMs, 'sent')).toEqual([2])
  })

  it('places readings and samples by the wall clock, whatever the origin', () => {
    // The same requests, their offsets counted from 30 ms later (a later first result).
    const shifted: TargetSamples = {
      sendOffsetsNs: samples.sendOffsetsNs.map((ns) => ns - 30e6),
      latenciesNs: samples.latenciesNs
    }
    const readings = [0, 25, 50, 100].map((ms) => originEpochMs + ms)
    expect(requestsPerSlice(shifted, readings, originEpochMs + 30, 'sent')).toEqual([3, 2, 5])
  })

  it('refuses fewer than two readings, and readings out of order', () => {
    expect(() => requestsPerSlice(samples, [originEpochMs], originEpochMs, 'sent')).toThrow(
      RangeError
    )
    expect(() =>
      requestsPerSlice(samples, [originEpochMs + 5, originEpochMs], originEpochMs, 'sent')
    ).toThrow('reading 1 is earlier than reading 0')
  })
})
