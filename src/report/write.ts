import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { RunRecord } from '../record.js'
import { renderMarkdown } from './markdown.js'
import { buildResultsJson } from './results-json.js'

export const RESULTS_JSON_FILE = 'load-test-results.json'
export const RESULTS_MARKDOWN_FILE = 'load-test-results.md'

/** Writes results JSON and Markdown; each file appears whole (written aside, then renamed). */
export async function writeReports(record: RunRecord): Promise<void> {
  await mkdir(path.dirname(record.files.json), { recursive: true })
  await writeAtomically(record.files.json, `${JSON.stringify(buildResultsJson(record), null, 2)}\n`)
  await writeAtomically(record.files.markdown, renderMarkdown(record))
}

async function writeAtomically(filePath: string, content: string): Promise<void> {
  const partial = `${filePath}.partial`
  await writeFile(partial, content)
  await rename(partial, filePath)
}
