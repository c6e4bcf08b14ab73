import { readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { RunRecord } from '../record.js'
import { ensureDirectory } from '../ensure-directory.js'
import { renderMarkdown } from './markdown.js'
import { buildResultsJson } from './results-json.js'
import { buildSummary } from './summary.js'
import {
  BENCHER_FILE,
  BENCHMARK_ACTION_FILE,
  bencherMetrics,
  benchmarkActionEntries
} from './exports.js'

export const RESULTS_JSON_FILE = 'load-test-results.json'
export const RESULTS_MARKDOWN_FILE = 'load-test-results.md'

/**
 * Writes the results JSON and Markdown, and the exports for Bencher and
 * github-action-benchmark; each file appears whole (written aside, then renamed).
 */
export async function writeReports(record: RunRecord): Promise<void> {
  await ensureDirectory(path.dirname(record.files.json))
  const summary = buildSummary(record)
  await writeAtomically(
    record.files.json,
    `${JSON.stringify(buildResultsJson(record, summary), null, 2)}\n`
  )
  await writeAtomically(record.files.markdown, renderMarkdown(record, summary))
  const resultsDir = path.dirname(record.files.json)
  await writeAtomically(
    path.join(resultsDir, BENCHER_FILE),
    `${JSON.stringify(bencherMetrics(record, summary), null, 2)}\n`
  )
  await writeAtomically(
    path.join(resultsDir, BENCHMARK_ACTION_FILE),
    `${JSON.stringify(benchmarkActionEntries(record, summary), null, 2)}\n`
  )
}

async function writeAtomically(filePath: string, content: string): Promise<void> {
  const partial = `${filePath}.partial`
  await writeFile(partial, content)
  await rename(partial, filePath)
}

/** Files an earlier run left in the results directory; nothing else there is touched. */
const PREVIOUS_RUN_FILE =
  /^(load-test-results\.(json|md)|bencher\.json|benchmark-action\.json|gateway-process-stats\.csv|(mocker|gateway|vegeta)-[\w-]+\.log|vegeta-[\w-]+\.bin)$/

/**
 * Removes an earlier run's results, so the directory (and the artifact made from it) holds
 * this run's files only, without deleting anything the user keeps beside them.
 */
export async function clearPreviousResults(resultsDir: string): Promise<void> {
  const entries = await readdir(resultsDir).catch(() => [] as string[])
  await Promise.all(
    entries
      .filter((name) => PREVIOUS_RUN_FILE.test(name))
      .map((name) => rm(path.join(resultsDir, name), { force: true }))
  )
  await rm(path.join(resultsDir, 'gateway-app', 'config.json'), { force: true })
}
