import { blockCountFor } from '../../analysis/interval.js'
import type { TargetSamples } from '../../load/types.js'

/**
 * The time slices of an attack as its probes see them: the same number of equal slices as
 * the block bootstrap cuts the attack's requests into (analysis/interval.ts, blockCountFor),
 * so a probe's per-slice readings can be resampled with the latencies' slices.
 */
export interface SliceSchedule {
  /** Number of slices. */
  count: number
  /** Length of each slice, ms. */
  lengthMs: number
  /** The count + 1 boundaries, ms after the attack's start: 0, lengthMs, …, its duration. */
  boundariesMs: number[]
}

/** One boundary as it was reached. */
export interface SliceBoundary {
  /** 0 at the attack's start, `count` at its planned end. */
  index: number
  /** When it was due, ms after the attack's start. */
  plannedMs: number
  /** When the hook was called, ms after the attack's start (never before plannedMs). */
  atMs: number
  /** The same moment on the wall clock, ms after the Unix epoch (for requestsPerSlice). */
  epochMs: number
}

/** The slices of an attack of `durationS` seconds (> 0). Throws a RangeError otherwise. */
export function sliceSchedule(durationS: number): SliceSchedule {
  if (!(durationS > 0)) throw new RangeError(`an attack lasts more than 0 s, got ${durationS}`)
  const count = blockCountFor(durationS)
  const lengthMs = (durationS * 1000) / count
  return {
    count,
    lengthMs,
    boundariesMs: Array.from({ length: count + 1 }, (_, index) => index * lengthMs)
  }
}

/** A running slice clock; stop() cancels the boundaries not yet reached. */
export interface SliceClock {
  /** The attack's start: `performance.now()` and the wall clock, ms. */
  startedAtMs: number
  startedAtEpochMs: number
  stop(): void
}

/**
 * Calls `onBoundary` for each boundary of `schedule`, in order: boundary 0 at once (before
 * this returns), each later one when due, timed from the start (so lateness never adds up).
 * A timer that fires late calls every boundary now due, in order, each with the time it was
 * really reached. The wall-clock times are the start's wall clock plus monotonic time since,
 * so a clock step during the attack moves none of them.
 */
export function startSliceClock(
  schedule: SliceSchedule,
  onBoundary: (boundary: SliceBoundary) => void
): SliceClock {
  const startedAtMs = performance.now()
  const startedAtEpochMs = Date.now()
  let next = 0
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const fireDue = (): void => {
    timer = undefined
    while (!stopped && next < schedule.boundariesMs.length) {
      const plannedMs = schedule.boundariesMs[next] as number
      const atMs = performance.now() - startedAtMs
      if (atMs < plannedMs) {
        timer = setTimeout(fireDue, Math.ceil(plannedMs - atMs))
        return
      }
      onBoundary({ index: next, plannedMs, atMs, epochMs: startedAtEpochMs + atMs })
      next++
    }
  }
  fireDue()
  return {
    startedAtMs,
    startedAtEpochMs,
    stop: () => {
      stopped = true
      clearTimeout(timer)
    }
  }
}

/**
 * How many of a target's valid requests fall in each interval between consecutive
 * readings: `readingsEpochMs` are the readings' wall-clock times (ascending), so the result
 * has one count fewer. A request counts where it was `sent`, or where it was `answered`
 * (send time + latency); one before the first reading or at or after the last is not
 * counted. `sendOriginEpochMs` is where the samples' send offsets count from
 * (AttackResults.sendOriginEpochMs). Throws a RangeError for fewer than 2 readings or
 * readings out of order.
 */
export function requestsPerSlice(
  samples: TargetSamples,
  readingsEpochMs: readonly number[],
  sendOriginEpochMs: number,
  by: 'sent' | 'answered'
): number[] {
  if (readingsEpochMs.length < 2) {
    throw new RangeError(`need at least 2 readings, got ${readingsEpochMs.length}`)
  }
  for (let index = 1; index < readingsEpochMs.length; index++) {
    if ((readingsEpochMs[index] as number) < (readingsEpochMs[index - 1] as number)) {
      throw new RangeError(`reading ${index} is earlier than reading ${index - 1}`)
    }
  }
  const counts = new Array<number>(readingsEpochMs.length - 1).fill(0)
  for (let i = 0; i < samples.sendOffsetsNs.length; i++) {
    const offsetNs =
      (samples.sendOffsetsNs[i] as number) +
      (by === 'answered' ? (samples.latenciesNs[i] as number) : 0)
    const atEpochMs = sendOriginEpochMs + offsetNs / 1e6
    const slice = sliceIndexOf(readingsEpochMs, atEpochMs)
    if (slice !== undefined) counts[slice] = (counts[slice] as number) + 1
  }
  return counts
}

/** The interval [r[k], r[k+1]) holding `at`, by binary search; undefined outside them all. */
function sliceIndexOf(readings: readonly number[], at: number): number | undefined {
  if (at < (readings[0] as number) || at >= (readings[readings.length - 1] as number)) {
    return undefined
  }
  let low = 0
  let high = readings.length - 1
  while (high - low > 1) {
    const middle = (low + high) >>> 1
    if ((readings[middle] as number) <= at) low = middle
    else high = middle
  }
  return low
}
