import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { RunRecord } from '../record.js'
import { renderMarkdown } from './markdown.js'
import { buildResultsJson } from './results-json.js'
import { buildSummary } from './summary.js'

export const RESULTS_JSON_FILE = 'load-test-results.json'
export const RESULTS_MARKDOWN_FILE = 'load-test-results.md'

/** Writes results JSON and Markdown; each file appears whole (written aside, then renamed). */
export async function writeReports(record: RunRecord): Promise<void> {
  await mkdir(path.dirname(record.files.json), { recursive: true })
  const summary = buildSummary(record)
  await writeAtomically(
    record.files.json,
    `${JSON.stringify(buildResultsJson(record, summary), null, 2)}\n`
  )
  await writeAtomically(record.files.markdown, renderMarkdown(record, summary))
}

async function writeAtomically(filePath: string, content: string): Promise<void> {
  const partial = `${filePath}.partial`
  await writeFile(partial, content)
  await rename(partial, filePath)
}

/** Files an earlier run left in the results directory; nothing else there is touched. */
const PREVIOUS_RUN_FILE =
  /^(load-test-results\.(json|md)|gateway-process-stats\.csv|(mocker|gateway|vegeta)-[\w-]+\.log|vegeta-[\w-]+\.bin)$/

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
