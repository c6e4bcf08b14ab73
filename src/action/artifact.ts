import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { DefaultArtifactClient } from '@actions/artifact'

async function filesUnder(directory: string): Promise<string[]> {
  const files: string[] = []
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name)
    if (entry.isDirectory()) files.push(...(await filesUnder(entryPath)))
    else if (entry.isFile()) files.push(entryPath)
  }
  return files
}

/** Uploads the whole results directory: JSON, Markdown, stats CSV and process logs. */
export async function uploadResults(
  name: string,
  resultsDir: string,
  retentionDays: number | undefined
): Promise<number | undefined> {
  const files = await filesUnder(resultsDir)
  const client = new DefaultArtifactClient()
  const { id } = await client.uploadArtifact(name, files, resultsDir, { retentionDays })
  return id
}
