import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { errorMessage, LoadTestError } from '../errors.js'
import { latencyHistogram, latencyStats } from './statistics.js'
import type { ErrorCount, PhaseStatistics } from './types.js'

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

/**
 * Folds the lines of `vegeta encode --to csv` into PhaseStatistics. Latencies are kept in
 * a Float64Array (8 bytes each, doubled when full) rather than an array of numbers, so a
 * million results cost 8–16 MB.
 */
export class ResultsAccumulator {
  private readonly sourceName: string
  private readonly topErrorCount: number
  private lineNumber = 0
  /** A record whose quoted field spans lines, and the line it started on. */
  private pendingRecord: string | undefined
  private pendingLineNumber = 0
  private requests = 0
  private successes = 0
  private latenciesNs = new Float64Array(1024)
  private readonly commaPositions = new Int32Array(VEGETA_CSV_FIELD_COUNT - 1)
  /** Count per status code, indexed by the code (HTTP codes have three digits). */
  private readonly statusCodeCounts = new Float64Array(1000)
  private readonly errors = new Map<string, number>()
  // Decimal strings: these exceed 2^53.
  private firstTimestampNs: string | undefined
  private lastTimestampNs: string | undefined

  /** `sourceName` names the results in error messages (usually the file). */
  constructor(sourceName: string, options: { topErrorCount?: number } = {}) {
    const topErrorCount = options.topErrorCount ?? DEFAULT_TOP_ERROR_COUNT
    if (!Number.isInteger(topErrorCount) || topErrorCount < 0) {
      throw new RangeError(`topErrorCount must be a non-negative integer, got ${topErrorCount}`)
    }
    this.sourceName = sourceName
    this.topErrorCount = topErrorCount
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
      recordLineNumber
    )
  }

  /**
   * The statistics of every result added. With no results all counts, rates and latencies
   * are 0 and the histogram is empty: `requests: 0` says that nothing was measured.
   */
  finish(): PhaseStatistics {
    if (this.pendingRecord !== undefined) {
      throw this.malformed(this.pendingLineNumber, 'quoted field not closed before the end')
    }
    const requests = this.requests
    const latenciesNs = this.latenciesNs.subarray(0, requests)
    const attackSpanS =
      this.firstTimestampNs === undefined || this.lastTimestampNs === undefined
        ? 0
        : Number(BigInt(this.lastTimestampNs) - BigInt(this.firstTimestampNs)) / 1e9
    const topErrors: ErrorCount[] = [...this.errors]
      .map(([error, count]) => ({ error, count }))
      .sort((a, b) => b.count - a.count || (a.error < b.error ? -1 : a.error > b.error ? 1 : 0))
      .slice(0, this.topErrorCount)
    return {
      requests,
      successes: this.successes,
      successRatio: requests === 0 ? 0 : this.successes / requests,
      statusCodes: this.statusCodeRecord(),
      topErrors,
      attackSpanS,
      // Fewer than 2 requests, or all sent in the same nanosecond, have no rate to measure.
      achievedRate: requests < 2 || attackSpanS === 0 ? 0 : (requests - 1) / attackSpanS,
      latencyNs:
        requests === 0
          ? { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 }
          : latencyStats(latenciesNs),
      // latencyStats has sorted the latencies in place.
      histogram: latencyHistogram(latenciesNs)
    }
  }

  /** Finds the fields by their commas, slicing out only the four that are needed. */
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
    const timestampEnd = commas[TIMESTAMP_FIELD] as number
    const codeEnd = commas[CODE_FIELD] as number
    const latencyEnd = commas[LATENCY_FIELD] as number
    const errorStart = (commas[ERROR_FIELD - 1] as number) + 1
    this.addResult(
      line.slice(0, timestampEnd),
      line.slice(timestampEnd + 1, codeEnd),
      line.slice(codeEnd + 1, latencyEnd),
      line.slice(errorStart, commas[ERROR_FIELD]),
      this.lineNumber
    )
  }

  private addResult(
    timestampNs: string,
    code: string,
    latencyField: string,
    error: string,
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

    if (this.requests === this.latenciesNs.length) {
      const grown = new Float64Array(this.latenciesNs.length * 2)
      grown.set(this.latenciesNs)
      this.latenciesNs = grown
    }
    this.latenciesNs[this.requests] = latencyNs
    this.requests++
    const codeNumber = Number(code)
    if (codeNumber >= 200 && codeNumber < 400) this.successes++
    this.statusCodeCounts[codeNumber] = (this.statusCodeCounts[codeNumber] as number) + 1
    if (error !== '') this.errors.set(error, (this.errors.get(error) ?? 0) + 1)
    // Results arrive in completion order, not send order: track both ends.
    if (this.firstTimestampNs === undefined || isEarlier(timestampNs, this.firstTimestampNs)) {
      this.firstTimestampNs = timestampNs
    }
    if (this.lastTimestampNs === undefined || isEarlier(this.lastTimestampNs, timestampNs)) {
      this.lastTimestampNs = timestampNs
    }
  }

  /** Codes that occurred, as decimal strings ("0" for no response) in ascending order. */
  private statusCodeRecord(): Record<string, number> {
    const record: Record<string, number> = {}
    this.statusCodeCounts.forEach((count, code) => {
      if (count > 0) record[String(code)] = count
    })
    return record
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

/** Compares decimal integers without leading zeros, which may exceed 2^53, as text. */
function isEarlier(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b
}

/**
 * Statistics of a vegeta results file (any encoding vegeta reads). Streams the output of
 * `vegeta encode --to csv` line by line, so memory grows with the number of results
 * (8 bytes each), not with the size of the output. An empty file (an attack that sent
 * nothing) gives the zero statistics of ResultsAccumulator.finish.
 */
export async function readVegetaResults(
  vegetaPath: string,
  resultsBinPath: string,
  options: { topErrorCount?: number } = {}
): Promise<PhaseStatistics> {
  const accumulator = new ResultsAccumulator(resultsBinPath, options)
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

  let malformed: unknown
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity })
  const linesDone = once(lines, 'close')
  lines.on('line', (line) => {
    if (malformed !== undefined) return
    try {
      accumulator.add(line)
    } catch (error) {
      malformed = error
      lines.close()
      // The rest of the output is of no use; unread, it could hold the child's 'close' back.
      child.stdout.destroy()
      child.kill()
    }
  })
  const [{ code, signal }] = await Promise.all([exited, linesDone])
  if (malformed !== undefined) throw malformed
  if (code !== 0) {
    const exit = code === null ? `signal ${signal}` : `exit status ${code}`
    throw new LoadTestError(
      'run',
      `vegeta encode could not decode ${resultsBinPath} (${exit}): ${stderr.trim()}`
    )
  }
  return accumulator.finish()
}
