import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { errorMessage, LoadTestError } from '../errors.js'
import { latencyHistogram, latencyStats, peakConcurrency } from './statistics.js'
import type {
  AttackStatistics,
  ErrorCount,
  InvalidResponseExample,
  PhaseStatistics,
  TargetSamples
} from './types.js'
import { invalidChatResponseReason } from './validity.js'

/** Columns of `vegeta encode --to csv` (v12): timestamp, code, latency, …, headers. */
export const VEGETA_CSV_FIELD_COUNT = 12
const TIMESTAMP_FIELD = 0
const CODE_FIELD = 1
const LATENCY_FIELD = 2
const ERROR_FIELD = 5

export const DEFAULT_TOP_ERROR_COUNT = 5

/**
 * Splits one CSV record (RFC 4180, as Go's encoding/csv writes it) into fields.
 * Returns undefined when a quoted field is still open at the end of the text: the record
 * continues on the next line. Throws an Error describing malformed quoting.
 */
export function parseCsvLine(line: string): string[] | undefined {
  const fields: string[] = []
  let position = 0
  for (;;) {
    if (line.charCodeAt(position) !== QUOTE) {
      const comma = line.indexOf(',', position)
      const end = comma === -1 ? line.length : comma
      const field = line.slice(position, end)
      if (field.includes('"')) {
        throw new Error(`quote inside unquoted field ${fields.length + 1}`)
      }
      fields.push(field)
      if (comma === -1) return fields
      position = comma + 1
      continue
    }
    let field = ''
    let segmentStart = position + 1
    for (;;) {
      const quote = line.indexOf('"', segmentStart)
      if (quote === -1) return undefined
      field += line.slice(segmentStart, quote)
      if (line.charCodeAt(quote + 1) === QUOTE) {
        field += '"'
        segmentStart = quote + 2
        continue
      }
      position = quote + 1
      break
    }
    fields.push(field)
    if (position === line.length) return fields
    if (line.charCodeAt(position) !== COMMA) {
      throw new Error(`text after the closing quote of field ${fields.length}`)
    }
    position++
  }
}

const QUOTE = 0x22
const COMMA = 0x2c
const INTEGER = /^\d+$/
const TIMESTAMP = /^(?:0|[1-9]\d*)$/
/** Distinct failure reasons counted per target; rarer ones beyond this are pooled. */
const MAX_DISTINCT_ERRORS = 1000
const OTHER_ERRORS = 'other errors'
/** How much of a failed answer's body the report quotes. */
export const EXAMPLE_BODY_CHARS = 600

const BODY_FIELD = 6
const URL_FIELD = 10

/** A Float64Array that doubles when full: 8 bytes a value, not a boxed number each. */
export class GrowableFloat64 {
  private values = new Float64Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }

  /** A copy of the values pushed, exactly as long as their count. */
  toArray(): Float64Array {
    return this.values.slice(0, this.length)
  }
}

/** The target an attack's results are split into, told apart by URL. */
export interface AccumulatorTarget {
  name: string
  url: string
  /** Whether its requests asked for a stream: decides what a valid body is. */
  stream: boolean
}

export interface AccumulatorOptions {
  topErrorCount?: number
  /** vegeta's -max-body: a body this long may have been cut, so it cannot be checked. */
  maxBodyBytes?: number
  /** Replaces secrets in a quoted body (header values, keys). */
  redact?: (text: string) => string
}

/** What finish() gives for one target. */
export interface TargetResults {
  statistics: PhaseStatistics
  samples: TargetSamples
}

export interface AttackResults {
  attack: AttackStatistics
  /** By target name, in the order the targets were given. */
  targets: Map<string, TargetResults>
  /**
   * The wall-clock time (ms after the Unix epoch, vegeta's clock) that the samples' send
   * offsets count from, so a reading taken during the attack can be placed among the
   * requests; undefined without results.
   */
  sendOriginEpochMs?: number
}

/**
 * One target's counts, errors and successful latencies; the caller updates the fields per
 * result (as AttackAccumulator and the streaming decoder, stream-results.ts, do).
 */
export class TargetAccumulator {
  requests = 0
  successes = 0
  readonly latenciesNs = new GrowableFloat64()
  readonly sendOffsetsNs = new GrowableFloat64()
  /** Count per status code, indexed by the code (HTTP codes have three digits). */
  readonly statusCodeCounts = new Float64Array(1000)
  readonly errors = new Map<string, number>()
  firstSendNs = Infinity
  lastSendNs = -Infinity
  invalidResponse: InvalidResponseExample | undefined

  constructor(readonly target: AccumulatorTarget) {}

  countError(reason: string): void {
    const known = this.errors.get(reason)
    if (known !== undefined) this.errors.set(reason, known + 1)
    else if (this.errors.size < MAX_DISTINCT_ERRORS) this.errors.set(reason, 1)
    else this.errors.set(OTHER_ERRORS, (this.errors.get(OTHER_ERRORS) ?? 0) + 1)
  }

  finish(topErrorCount: number): TargetResults {
    const requests = this.requests
    const samples: TargetSamples = {
      sendOffsetsNs: this.sendOffsetsNs.toArray(),
      latenciesNs: this.latenciesNs.toArray()
    }
    const sortedNs = samples.latenciesNs.slice()
    const attackSpanS = requests < 2 ? 0 : (this.lastSendNs - this.firstSendNs) / 1e9
    const topErrors: ErrorCount[] = [...this.errors]
      .map(([error, count]) => ({ error, count }))
      .sort((a, b) => b.count - a.count || (a.error < b.error ? -1 : a.error > b.error ? 1 : 0))
      .slice(0, topErrorCount)
    const statusCodes: Record<string, number> = {}
    this.statusCodeCounts.forEach((count, code) => {
      if (count > 0) statusCodes[String(code)] = count
    })
    const statistics: PhaseStatistics = {
      requests,
      successes: this.successes,
      successRatio: requests === 0 ? 0 : this.successes / requests,
      statusCodes,
      topErrors,
      ...(this.invalidResponse ? { invalidResponse: this.invalidResponse } : {}),
      attackSpanS,
      // Fewer than 2 requests, or all sent in the same nanosecond, have no rate to measure.
      achievedRate: attackSpanS === 0 ? 0 : (requests - 1) / attackSpanS,
      latencyNs:
        sortedNs.length === 0
          ? { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 }
          : latencyStats(sortedNs),
      // latencyStats has sorted the copy in place.
      histogram: latencyHistogram(sortedNs)
    }
    return { statistics, samples }
  }
}

/** Requests that got a response, whatever its status: all but those with status code 0. */
export function answeredRequests(statistics: PhaseStatistics): number {
  return statistics.requests - (statistics.statusCodes['0'] ?? 0)
}

/**
 * Folds the lines of `vegeta encode --to csv` from one attack into statistics per target
 * (told apart by URL) and for the attack as a whole. A request succeeds only with a 2xx
 * status and a chat-completion body (load/validity.ts); failed requests are counted by
 * reason and left out of the latencies. Latencies and send times are kept in Float64Arrays,
 * so a million results cost about 16 MB per copy.
 */
export class AttackAccumulator {
  private readonly sourceName: string
  private readonly topErrorCount: number
  private readonly maxBodyBytes: number
  private readonly redact: (text: string) => string
  private readonly byUrl = new Map<string, TargetAccumulator>()
  private readonly targetOrder: TargetAccumulator[] = []
  private lineNumber = 0
  /** A record whose quoted field spans lines, and the line it started on. */
  private pendingRecord: string | undefined
  private pendingLineNumber = 0
  private readonly commaPositions = new Int32Array(VEGETA_CSV_FIELD_COUNT - 1)
  private readonly startsNs = new GrowableFloat64()
  private readonly endsNs = new GrowableFloat64()
  // Send times relative to the first result seen: whole seconds and the rest, as their
  // sum in ns exceeds 2^53.
  private baseSeconds: number | undefined
  private baseNanos = 0

  /** `sourceName` names the results in error messages (usually the file or the attack). */
  constructor(sourceName: string, targets: AccumulatorTarget[], options: AccumulatorOptions = {}) {
    const topErrorCount = options.topErrorCount ?? DEFAULT_TOP_ERROR_COUNT
    if (!Number.isInteger(topErrorCount) || topErrorCount < 0) {
      throw new RangeError(`topErrorCount must be a non-negative integer, got ${topErrorCount}`)
    }
    if (targets.length === 0) throw new RangeError('an attack has at least one target')
    this.sourceName = sourceName
    this.topErrorCount = topErrorCount
    this.maxBodyBytes = options.maxBodyBytes ?? Infinity
    this.redact = options.redact ?? ((text) => text)
    for (const target of targets) {
      if (this.byUrl.has(target.url)) throw new RangeError(`two targets share ${target.url}`)
      const accumulator = new TargetAccumulator(target)
      this.byUrl.set(target.url, accumulator)
      this.targetOrder.push(accumulator)
    }
  }

  /** Results added so far, all targets together. */
  get requests(): number {
    return this.startsNs.length
  }

  /** Successful results so far, all targets together. */
  get successes(): number {
    return this.targetOrder.reduce((sum, target) => sum + target.successes, 0)
  }

  /** Adds one line of output; throws a LoadTestError ('run') for a malformed record. */
  add(csvLine: string): void {
    this.lineNumber++
    // Most lines have no quotes at all and need no CSV parser.
    if (this.pendingRecord === undefined && !csvLine.includes('"')) {
      this.addUnquotedRecord(csvLine)
      return
    }
    let record = csvLine
    let recordLineNumber = this.lineNumber
    if (this.pendingRecord !== undefined) {
      // readline has consumed the line break inside the quoted field; any break is one.
      record = `${this.pendingRecord}\n${csvLine}`
      recordLineNumber = this.pendingLineNumber
      this.pendingRecord = undefined
    }
    let fields: string[] | undefined
    try {
      fields = parseCsvLine(record)
    } catch (error) {
      throw this.malformed(recordLineNumber, errorMessage(error))
    }
    if (fields === undefined) {
      this.pendingRecord = record
      this.pendingLineNumber = recordLineNumber
      return
    }
    if (fields.length !== VEGETA_CSV_FIELD_COUNT) {
      throw this.malformed(recordLineNumber, fieldCountProblem(fields.length))
    }
    this.addResult(
      fields[TIMESTAMP_FIELD] as string,
      fields[CODE_FIELD] as string,
      fields[LATENCY_FIELD] as string,
      fields[ERROR_FIELD] as string,
      fields[BODY_FIELD] as string,
      fields[URL_FIELD] as string,
      recordLineNumber
    )
  }

  /**
   * The statistics of every result added, per target and for the attack. A target without
   * results has all counts, rates and latencies 0 and an empty histogram.
   */
  finish(): AttackResults {
    if (this.pendingRecord !== undefined) {
      throw this.malformed(this.pendingLineNumber, 'quoted field not closed before the end')
    }
    const targets = new Map<string, TargetResults>()
    for (const target of this.targetOrder) {
      targets.set(target.target.name, target.finish(this.topErrorCount))
    }
    const starts = this.startsNs.toArray()
    const ends = this.endsNs.toArray()
    const requests = starts.length
    let firstNs = Infinity
    let lastNs = -Infinity
    for (const start of starts) {
      if (start < firstNs) firstNs = start
      if (start > lastNs) lastNs = start
    }
    const attackSpanS = requests < 2 ? 0 : (lastNs - firstNs) / 1e9
    return {
      attack: {
        requests,
        attackSpanS,
        achievedRate: attackSpanS === 0 ? 0 : (requests - 1) / attackSpanS,
        peakInFlight: peakConcurrency(starts, ends)
      },
      targets,
      ...(this.baseSeconds === undefined
        ? {}
        : { sendOriginEpochMs: this.baseSeconds * 1000 + this.baseNanos / 1e6 })
    }
  }

  /** Finds the fields by their commas, slicing out only the ones that are needed. */
  private addUnquotedRecord(line: string): void {
    const commas = this.commaPositions
    let position = -1
    for (let comma = 0; comma < VEGETA_CSV_FIELD_COUNT - 1; comma++) {
      position = line.indexOf(',', position + 1)
      if (position === -1) break
      commas[comma] = position
    }
    if (position === -1 || line.indexOf(',', position + 1) !== -1) {
      throw this.malformed(
        this.lineNumber,
        line === '' ? 'empty line' : fieldCountProblem(line.split(',').length)
      )
    }
    const field = (index: number): string =>
      line.slice(
        index === 0 ? 0 : (commas[index - 1] as number) + 1,
        index === VEGETA_CSV_FIELD_COUNT - 1 ? line.length : commas[index]
      )
    this.addResult(
      field(TIMESTAMP_FIELD),
      field(CODE_FIELD),
      field(LATENCY_FIELD),
      field(ERROR_FIELD),
      field(BODY_FIELD),
      field(URL_FIELD),
      this.lineNumber
    )
  }

  private addResult(
    timestampNs: string,
    code: string,
    latencyField: string,
    error: string,
    bodyBase64: string,
    url: string,
    recordLineNumber: number
  ): void {
    if (!TIMESTAMP.test(timestampNs)) {
      throw this.malformed(recordLineNumber, `timestamp ${JSON.stringify(timestampNs)}`)
    }
    if (!INTEGER.test(code) || code.length > 3) {
      throw this.malformed(recordLineNumber, `status code ${JSON.stringify(code)}`)
    }
    const latencyNs = INTEGER.test(latencyField) ? Number(latencyField) : NaN
    if (!Number.isSafeInteger(latencyNs)) {
      throw this.malformed(recordLineNumber, `latency ${JSON.stringify(latencyField)}`)
    }
    const target = this.byUrl.get(url)
    if (target === undefined) {
      throw this.malformed(recordLineNumber, `URL ${JSON.stringify(url)} is none of the targets`)
    }

    const sendNs = this.sendOffsetNs(timestampNs)
    this.startsNs.push(sendNs)
    this.endsNs.push(sendNs + latencyNs)
    target.requests++
    if (sendNs < target.firstSendNs) target.firstSendNs = sendNs
    if (sendNs > target.lastSendNs) target.lastSendNs = sendNs
    const codeNumber = Number(code)
    target.statusCodeCounts[codeNumber] = (target.statusCodeCounts[codeNumber] as number) + 1

    if (codeNumber < 200 || codeNumber > 299) {
      const status = error !== '' ? error : `HTTP ${codeNumber}`
      target.countError(status)
      // The gateway's own words on what went wrong (code 0: no answer, nothing to quote).
      if (codeNumber !== 0 && target.invalidResponse === undefined) {
        target.invalidResponse = this.example(
          `the status is ${status}, not 2xx`,
          codeNumber,
          Buffer.from(bodyBase64, 'base64')
        )
      }
      return
    }
    const body = Buffer.from(bodyBase64, 'base64')
    const invalid = invalidChatResponseReason(
      body.toString('utf8'),
      target.target.stream,
      body.length >= this.maxBodyBytes,
      this.maxBodyBytes
    )
    if (invalid !== undefined) {
      // A reason may quote the body, and a body may echo a key.
      const reason = this.redact(invalid)
      target.countError(`HTTP ${codeNumber}, invalid body: ${reason}`)
      target.invalidResponse ??= this.example(reason, codeNumber, body)
      return
    }
    target.successes++
    target.latenciesNs.push(latencyNs)
    target.sendOffsetsNs.push(sendNs)
  }

  /** A failed answer as the report quotes it: its start, secrets replaced. */
  private example(reason: string, statusCode: number, body: Buffer): InvalidResponseExample {
    const start = body.subarray(0, EXAMPLE_BODY_CHARS * 4).toString('utf8')
    return { reason, statusCode, body: this.redact(start).slice(0, EXAMPLE_BODY_CHARS) }
  }

  /** ns after the first result seen (negative for one sent earlier: results come as they end). */
  private sendOffsetNs(timestampNs: string): number {
    const split = Math.max(0, timestampNs.length - 9)
    const seconds = split === 0 ? 0 : Number(timestampNs.slice(0, split))
    const nanos = Number(timestampNs.slice(split))
    if (this.baseSeconds === undefined) {
      this.baseSeconds = seconds
      this.baseNanos = nanos
    }
    return (seconds - this.baseSeconds) * 1e9 + (nanos - this.baseNanos)
  }

  private malformed(recordLineNumber: number, problem: string): LoadTestError {
    return new LoadTestError(
      'run',
      `${this.sourceName}: malformed vegeta result on line ${recordLineNumber}: ${problem}`
    )
  }
}

function fieldCountProblem(fieldCount: number): string {
  return `${fieldCount} fields where vegeta writes ${VEGETA_CSV_FIELD_COUNT}`
}

/**
 * Feeds the CSV lines of a readable stream (the stdout of `vegeta encode --to csv`) into
 * an accumulator as they arrive. Resolves once the stream ends; on a malformed record it
 * stops reading, calls `onMalformed` (to stop the writer) and rejects with that error.
 */
export async function feedCsvLines(
  input: Readable,
  accumulator: AttackAccumulator,
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
      // The rest of the output is of no use; unread, it could hold the writer's exit back.
      input.destroy()
      onMalformed()
    }
  })
  await linesDone
  if (malformed !== undefined) throw malformed
}

/**
 * Statistics of a vegeta results file written earlier (any encoding vegeta reads), split
 * by target as AttackAccumulator does. Streams `vegeta encode --to csv`, so memory grows
 * with the number of results, not with the size of the output. An empty file (an attack
 * that sent nothing) gives zero statistics. Throws LoadTestError ('setup') when vegeta
 * cannot run, ('run') when the file cannot be read or decoded.
 */
export async function readVegetaResults(
  vegetaPath: string,
  resultsBinPath: string,
  targets: AccumulatorTarget[],
  options: AccumulatorOptions = {}
): Promise<AttackResults> {
  const accumulator = new AttackAccumulator(resultsBinPath, targets, options)
  let sizeBytes: number
  try {
    sizeBytes = (await stat(resultsBinPath)).size
  } catch (error) {
    const message = `cannot read vegeta results ${resultsBinPath}: ${errorMessage(error)}`
    throw new LoadTestError('run', message, { cause: error })
  }
  // vegeta encode rejects an empty file ("can't detect encoding").
  if (sizeBytes === 0) return accumulator.finish()

  // Absolute, so that a name starting with "-" is not taken for a flag.
  const child = spawn(vegetaPath, ['encode', '-to', 'csv', path.resolve(resultsBinPath)], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096)
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) => {
        const message = `could not run ${vegetaPath}: ${error.code ?? error.message}`
        reject(new LoadTestError('setup', message, { cause: error }))
      })
      child.on('close', (code, signal) => resolve({ code, signal }))
    }
  )
  const fed = feedCsvLines(child.stdout, accumulator, () => child.kill())
  const [{ code, signal }] = await Promise.all([exited, fed])
  if (code !== 0) {
    const exit = code === null ? `signal ${signal}` : `exit status ${code}`
    throw new LoadTestError(
      'run',
      `vegeta encode could not decode ${resultsBinPath} (${exit}): ${stderr.trim()}`
    )
  }
  return accumulator.finish()
}
