import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { errorMessage, LoadTestError } from '../errors.js'
import {
  DEFAULT_TOP_ERROR_COUNT,
  EXAMPLE_BODY_CHARS,
  GrowableFloat64,
  TargetAccumulator,
  type AccumulatorOptions,
  type AccumulatorTarget,
  type TargetResults
} from './results.js'
import { latencyStats } from './statistics.js'
import type { AttackStatistics, LatencyStatsNs, TargetSamples } from './types.js'

/**
 * Decodes the output of the streaming attacker (streamer/, Go; its README.md defines every
 * line and field) into statistics per target, as results.ts does for vegeta's: the same
 * PhaseStatistics (requests, validity, status codes, errors, achieved rate, total latency),
 * plus what a chat user feels: time to first token and the gaps between tokens.
 */

/** One `result` line: a request and what its stream did; times in ns. */
export interface StreamResultLine {
  seq: number
  /** Index into the start line's targets. */
  target: number
  /** When the pacer made it due, from the attack's start. */
  scheduledNs: number
  /** When vegeta sent it, from the attack's start. */
  sendNs: number
  /** vegeta's status code: 0 without a response or with a body cut short. */
  code: number
  /** Send → end of the body. */
  latencyNs: number
  /** Requests in flight when it was sent, itself included; absent if it was never sent. */
  inFlight?: number
  bytesIn?: number
  /** Send → the first `data:` event carrying content. */
  ttftNs?: number
  /** Send → the first `data: [DONE]`. */
  doneNs?: number
  /** Between consecutive content events. */
  gapsNs?: number[]
  /** For a 2xx answer only: the stream rule it broke, in validity.ts's words. */
  invalid?: string
  /** With invalid: the start of the body. */
  bodyStart?: string
  error?: string
}

/** What a target's valid streams felt like. */
export interface StreamStatistics {
  /** 2xx answers whose body broke the stream rules (also counted among the errors). */
  invalidStreams: number
  /** Valid streams without a content event: they have no time to first token. */
  streamsWithoutContent: number
  /** Time to first token over the valid streams that carried content; all 0 when none did. */
  ttftNs: LatencyStatsNs
  /** The gaps between consecutive content events of all valid streams, pooled; all 0 if none. */
  gapNs: LatencyStatsNs
  gapCount: number
}

/** Samples for confidence intervals, shaped as vegeta's (TargetSamples) for the bootstrap. */
export interface StreamSamples {
  /** One time to first token per valid stream with content, with its send offset. */
  ttft: TargetSamples
  /** Every gap of the valid streams, each with the send offset of its stream. */
  gaps: TargetSamples
}

/** One target's results: vegeta's shape (total latency in statistics/samples) and the stream's. */
export interface StreamTargetResults extends TargetResults {
  stream: StreamStatistics
  streamSamples: StreamSamples
}

/** The attack as a whole, all targets together. */
export interface StreamAttackStatistics extends AttackStatistics {
  /**
   * The attacker's most requests in flight (its inFlight, never above its busy workers);
   * equal to maxWorkers when every worker was busy.
   */
  peakInFlight: number
  /** Requests sent while every worker was busy (inFlight reached maxWorkers). */
  capReached: number
  /** The most a request was sent after its schedule (sendNs − scheduledNs). */
  maxSendLagNs: number
  /** The attacker's -max-workers, from its start line (0 before one was read). */
  maxWorkers: number
  /** Stopped by a signal before its duration. */
  stopped: boolean
  /** The end line was read: false when the attacker died or was killed before it. */
  complete: boolean
}

export interface StreamAttackResults {
  attack: StreamAttackStatistics
  /** By target name, in the order the targets were given. */
  targets: Map<string, StreamTargetResults>
}

const ZERO_STATS: LatencyStatsNs = {
  min: 0,
  mean: 0,
  p50: 0,
  p90: 0,
  p95: 0,
  p99: 0,
  p999: 0,
  max: 0
}

/** Exact statistics of a copy (latencyStats sorts in place); all 0 for no values. */
function statsOf(values: GrowableFloat64): LatencyStatsNs {
  return values.length === 0 ? { ...ZERO_STATS } : latencyStats(values.toArray())
}

class StreamTarget {
  readonly base: TargetAccumulator
  readonly ttftNs = new GrowableFloat64()
  readonly ttftSendOffsetsNs = new GrowableFloat64()
  readonly gapsNs = new GrowableFloat64()
  readonly gapSendOffsetsNs = new GrowableFloat64()
  invalidStreams = 0
  streamsWithoutContent = 0

  constructor(target: AccumulatorTarget) {
    this.base = new TargetAccumulator(target)
  }

  finish(topErrorCount: number): StreamTargetResults {
    return {
      ...this.base.finish(topErrorCount),
      stream: {
        invalidStreams: this.invalidStreams,
        streamsWithoutContent: this.streamsWithoutContent,
        ttftNs: statsOf(this.ttftNs),
        gapNs: statsOf(this.gapsNs),
        gapCount: this.gapsNs.length
      },
      streamSamples: {
        ttft: {
          sendOffsetsNs: this.ttftSendOffsetsNs.toArray(),
          latenciesNs: this.ttftNs.toArray()
        },
        gaps: { sendOffsetsNs: this.gapSendOffsetsNs.toArray(), latenciesNs: this.gapsNs.toArray() }
      }
    }
  }
}

type JsonObject = Record<string, unknown>

/**
 * Folds the streaming attacker's lines, as they arrive, into statistics per target (told
 * apart by URL, named by the start line) and for the attack. A request succeeds exactly as
 * in results.ts: a 2xx status and a valid body (the attacker applies validity.ts's stream
 * rules and reports the broken one); failures are counted by reason and left out of every
 * latency. Samples are kept in Float64Arrays (8 bytes a value).
 */
export class StreamAttackAccumulator {
  private readonly sourceName: string
  private readonly topErrorCount: number
  private readonly redact: (text: string) => string
  private readonly byUrl = new Map<string, StreamTarget>()
  private readonly targetOrder: StreamTarget[] = []
  /** The start line's targets, by index. */
  private lineTargets: (StreamTarget | undefined)[] | undefined
  private ended = false
  private lineNumber = 0
  private readonly sendsNs = new GrowableFloat64()
  private maxWorkers = 0
  private peakInFlight = 0
  private capReached = 0
  private maxSendLagNs = 0
  private stopped = false

  /**
   * `sourceName` names the output in error messages. Throws a RangeError for no targets,
   * two targets with one URL, or a negative topErrorCount.
   */
  constructor(
    sourceName: string,
    targets: AccumulatorTarget[],
    options: Omit<AccumulatorOptions, 'maxBodyBytes'> = {}
  ) {
    const topErrorCount = options.topErrorCount ?? DEFAULT_TOP_ERROR_COUNT
    if (!Number.isInteger(topErrorCount) || topErrorCount < 0) {
      throw new RangeError(`topErrorCount must be a non-negative integer, got ${topErrorCount}`)
    }
    if (targets.length === 0) throw new RangeError('an attack has at least one target')
    this.sourceName = sourceName
    this.topErrorCount = topErrorCount
    this.redact = options.redact ?? ((text) => text)
    for (const target of targets) {
      if (this.byUrl.has(target.url)) throw new RangeError(`two targets share ${target.url}`)
      const accumulator = new StreamTarget(target)
      this.byUrl.set(target.url, accumulator)
      this.targetOrder.push(accumulator)
    }
  }

  /** Results added so far, all targets together. */
  get requests(): number {
    return this.sendsNs.length
  }

  /** Successful results so far, all targets together. */
  get successes(): number {
    return this.targetOrder.reduce((sum, target) => sum + target.base.successes, 0)
  }

  /** Adds one line of output; throws a LoadTestError ('run') for a malformed line. */
  add(line: string): void {
    this.lineNumber++
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch (error) {
      throw this.malformed(`not JSON (${errorMessage(error)})`)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw this.malformed('not a JSON object')
    }
    const record = parsed as JsonObject
    if (this.ended) throw this.malformed('a line after the end line')
    if (record.type === 'start') this.addStart(record)
    else if (this.lineTargets === undefined)
      throw this.malformed('the first line is not the start line')
    else if (record.type === 'result') this.addResult(record as unknown as StreamResultLine)
    else if (record.type === 'end') this.addEnd(record)
    else throw this.malformed(`unknown line type ${JSON.stringify(record.type)}`)
  }

  /**
   * The statistics of every result added, per target and for the attack. A target without
   * results has all counts, rates and latencies 0. Output cut before its end line (the
   * attacker killed) is not an error: attack.complete says so.
   */
  finish(): StreamAttackResults {
    const targets = new Map<string, StreamTargetResults>()
    for (const target of this.targetOrder) {
      targets.set(target.base.target.name, target.finish(this.topErrorCount))
    }
    const requests = this.sendsNs.length
    const sends = this.sendsNs.toArray()
    let firstNs = Infinity
    let lastNs = -Infinity
    for (const send of sends) {
      if (send < firstNs) firstNs = send
      if (send > lastNs) lastNs = send
    }
    const attackSpanS = requests < 2 ? 0 : (lastNs - firstNs) / 1e9
    return {
      attack: {
        requests,
        attackSpanS,
        achievedRate: attackSpanS === 0 ? 0 : (requests - 1) / attackSpanS,
        peakInFlight: this.peakInFlight,
        capReached: this.capReached,
        maxSendLagNs: this.maxSendLagNs,
        maxWorkers: this.maxWorkers,
        stopped: this.stopped,
        complete: this.ended
      },
      targets
    }
  }

  private addStart(record: JsonObject): void {
    if (this.lineTargets !== undefined) throw this.malformed('a second start line')
    const urls = record.targets
    if (!Array.isArray(urls) || urls.some((url) => typeof url !== 'string')) {
      throw this.malformed('the start line has no list of target URLs')
    }
    this.lineTargets = (urls as string[]).map((url) => {
      const target = this.byUrl.get(url)
      if (target === undefined)
        throw this.malformed(`URL ${JSON.stringify(url)} is none of the targets`)
      return target
    })
    // Unlimited by default: 2^64 − 1, beyond safe integers, which is no matter here.
    const maxWorkers = record.maxWorkers
    if (typeof maxWorkers !== 'number' || !(maxWorkers >= 1)) {
      throw this.malformed(`maxWorkers ${JSON.stringify(maxWorkers)}`)
    }
    this.maxWorkers = maxWorkers
  }

  private addResult(line: StreamResultLine): void {
    const record = line as unknown as JsonObject
    const target = this.lineTargets?.[this.integer(record, 'target')]
    if (target === undefined) throw this.malformed(`target ${line.target} is not in the start line`)
    const code = this.integer(record, 'code')
    if (code > 999) throw this.malformed(`status code ${code}`)
    const sendNs = this.integer(record, 'sendNs')
    const latencyNs = this.integer(record, 'latencyNs')
    const lagNs = sendNs - this.integer(record, 'scheduledNs')
    const inFlight = this.optionalInteger(record, 'inFlight')
    const ttftNs = this.optionalInteger(record, 'ttftNs')
    const gapsNs = this.gaps(record)
    const invalid = this.optionalString(record, 'invalid')
    const error = this.optionalString(record, 'error')

    this.sendsNs.push(sendNs)
    if (lagNs > this.maxSendLagNs) this.maxSendLagNs = lagNs
    if (inFlight !== undefined) {
      if (inFlight > this.peakInFlight) this.peakInFlight = inFlight
      if (inFlight >= this.maxWorkers) this.capReached++
    }
    const base = target.base
    base.requests++
    if (sendNs < base.firstSendNs) base.firstSendNs = sendNs
    if (sendNs > base.lastSendNs) base.lastSendNs = sendNs
    base.statusCodeCounts[code] = (base.statusCodeCounts[code] as number) + 1

    if (code < 200 || code > 299) {
      base.countError(error !== undefined && error !== '' ? error : `HTTP ${code}`)
      return
    }
    if (invalid !== undefined) {
      // A reason may quote the body, and a body may echo a key.
      const reason = this.redact(invalid)
      target.invalidStreams++
      base.countError(`HTTP ${code}, invalid body: ${reason}`)
      base.invalidResponse ??= {
        reason,
        statusCode: code,
        body: this.redact(this.optionalString(record, 'bodyStart') ?? '').slice(
          0,
          EXAMPLE_BODY_CHARS
        )
      }
      return
    }
    base.successes++
    base.latenciesNs.push(latencyNs)
    base.sendOffsetsNs.push(sendNs)
    if (ttftNs === undefined) {
      target.streamsWithoutContent++
    } else {
      target.ttftNs.push(ttftNs)
      target.ttftSendOffsetsNs.push(sendNs)
    }
    for (const gapNs of gapsNs) {
      target.gapsNs.push(gapNs)
      target.gapSendOffsetsNs.push(sendNs)
    }
  }

  private addEnd(record: JsonObject): void {
    const requests = this.integer(record, 'requests')
    if (requests !== this.sendsNs.length) {
      throw this.malformed(
        `the end line counts ${requests} results where ${this.sendsNs.length} were read`
      )
    }
    this.stopped = record.stopped === true
    this.ended = true
  }

  /** A non-negative safe integer field; throws when it is missing or anything else. */
  private integer(record: JsonObject, name: string): number {
    const value = record[name]
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw this.malformed(`${name} ${JSON.stringify(value)}`)
    }
    return value as number
  }

  private optionalInteger(record: JsonObject, name: string): number | undefined {
    return record[name] === undefined ? undefined : this.integer(record, name)
  }

  private optionalString(record: JsonObject, name: string): string | undefined {
    const value = record[name]
    if (value !== undefined && typeof value !== 'string') {
      throw this.malformed(`${name} ${JSON.stringify(value)}`)
    }
    return value
  }

  private gaps(record: JsonObject): number[] {
    const gaps = record.gapsNs
    if (gaps === undefined) return []
    if (!Array.isArray(gaps) || gaps.some((gap) => !Number.isSafeInteger(gap) || gap < 0)) {
      throw this.malformed(`gapsNs ${JSON.stringify(gaps)}`)
    }
    return gaps as number[]
  }

  private malformed(problem: string): LoadTestError {
    return new LoadTestError(
      'run',
      `${this.sourceName}: malformed streaming attacker output on line ${this.lineNumber}: ${problem}`
    )
  }
}

/**
 * Feeds the lines of a readable stream (the streaming attacker's stdout) into an
 * accumulator as they arrive. Resolves once the stream ends; on a malformed line it stops
 * reading, calls `onMalformed` (to stop the attacker) and rejects with that error.
 */
export async function feedStreamLines(
  input: Readable,
  accumulator: StreamAttackAccumulator,
  onMalformed: () => void = () => undefined
): Promise<void> {
  let malformed: unknown
  const lines = createInterface({ input, crlfDelay: Infinity })
  const linesDone = once(lines, 'close')
  lines.on('line', (line) => {
    if (malformed !== undefined) return
    try {
      accumulator.add(line)
    } catch (error) {
      malformed = error
      lines.close()
      // The rest of the output is of no use; unread, it could hold the attacker's exit back.
      input.destroy()
      onMalformed()
    }
  })
  await linesDone
  if (malformed !== undefined) throw malformed
}
