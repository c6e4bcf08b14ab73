import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/record.js'
import { BENCHER_FILE, BENCHMARK_ACTION_FILE } from '../../src/report/exports.js'
import { writeReports } from '../../src/report/write.js'
import {
  BENCHER_METRIC_FORMAT_SCHEMA,
  CUSTOM_SMALLER_IS_BETTER_SCHEMA,
  formatValidator
} from '../support/export-formats.js'
import { schemaErrors } from '../support/schemas.js'
import { comparedRecord, erroredRecord, passingRecord } from './fixtures.js'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-exports-'))

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** The two export files as writeReports writes them for `record`. */
async function exportsOf(record: RunRecord, name: string) {
  const resultsDir = path.join(scratch, name)
  await writeReports({
    ...record,
    files: {
      resultsDir,
      json: path.join(resultsDir, 'load-test-results.json'),
      markdown: path.join(resultsDir, 'load-test-results.md'),
      processStatsCsv: path.join(resultsDir, 'gateway-process-stats.csv')
    }
  })
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'))
  return { bencher: read(BENCHER_FILE), benchmarkAction: read(BENCHMARK_ACTION_FILE) }
}

const bencherValid = formatValidator(BENCHER_METRIC_FORMAT_SCHEMA)
const benchmarkActionValid = formatValidator(CUSTOM_SMALLER_IS_BETTER_SCHEMA)

describe('the export files, against the formats’ documented shapes', () => {
  it.each([
    ['a run without a base', passingRecord, 8],
    ['a run compared with a base', () => comparedRecord(true), 16]
  ])('are valid for %s', async (name, build, benchmarks) => {
    const { bencher, benchmarkAction } = await exportsOf(build(), name.replaceAll(' ', '-'))
    expect(bencherValid(bencher), schemaErrors(bencherValid).join('; ')).toBe(true)
    expect(
      benchmarkActionValid(benchmarkAction),
      schemaErrors(benchmarkActionValid).join('; ')
    ).toBe(true)
    expect(Object.keys(bencher as object)).toHaveLength(benchmarks)
    expect(benchmarkAction as unknown[]).toHaveLength(benchmarks)
  })

  it('put the latency in nanoseconds for Bencher and in µs for github-action-benchmark, with the interval', async () => {
    const { bencher, benchmarkAction } = await exportsOf(comparedRecord(true), 'units')
    const metrics = bencher as Record<string, { latency: Record<string, number> }>
    // p50 overhead 1000 µs (950 … 1050); regression 300 µs (240 … 360).
    expect(metrics['gateway overhead/p50']?.latency).toEqual({
      value: 1_000_000,
      lower_value: 950_000,
      upper_value: 1_050_000
    })
    expect(metrics['regression head − base/p50']?.latency).toEqual({
      value: 300_000,
      lower_value: 240_000,
      upper_value: 360_000
    })
    const entries = benchmarkAction as {
      name: string
      unit: string
      value: number
      range?: string
    }[]
    expect(entries.find((entry) => entry.name === 'gateway overhead/p50')).toMatchObject({
      unit: 'µs',
      value: 1000,
      range: '950 … 1050'
    })
  })

  it('the schemas can fail: a metric without a value, an entry without a unit, an empty list', () => {
    expect(bencherValid({ 'gateway overhead/p50': { latency: { lower_value: 1 } } })).toBe(false)
    expect(bencherValid({ 'gateway overhead/p50': { latency: { value: '1' } } })).toBe(false)
    expect(benchmarkActionValid([{ name: 'p50', value: 1 }])).toBe(false)
    expect(benchmarkActionValid([])).toBe(false)
  })

  it('a run that measured an overhead before it stopped still exports it', async () => {
    const { bencher, benchmarkAction } = await exportsOf(erroredRecord(), 'errored')
    expect(bencherValid(bencher)).toBe(true)
    expect(benchmarkActionValid(benchmarkAction)).toBe(true)
  })
})
