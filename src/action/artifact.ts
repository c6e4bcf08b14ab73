import { randomBytes } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DefaultArtifactClient } from '@actions/artifact'
import { errorMessage } from '../errors.js'
import { redactFile } from '../report/redact.js'

/** The part of @actions/artifact's client we use; a test passes a recording fake. */
export interface ArtifactApi {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: { retentionDays?: number }
  ): Promise<{ id?: number; size?: number }>
}

export interface UploadRequest {
  name: string
  resultsDir: string
  retentionDays?: number
  /** Replaced by *** in every uploaded file; see secretsOf and redactFile. */
  secrets: readonly string[]
  /** GITHUB_WORKSPACE: a results directory that is it, or holds it, is never uploaded. */
  workspace?: string
  /** Where the redacted copies are staged (RUNNER_TEMP on a runner); removed afterwards. */
  stagingParent: string
}

export type UploadOutcome =
  | {
      uploaded: true
      /** The name actually used: the requested one, or it with a suffix after a 409. */
      name: string
      id?: number
      /** Paths relative to the results directory, as they appear in the artifact. */
      files: string[]
      /** Dotfiles, dot-directories and anything not a regular file, relative paths. */
      skipped: string[]
      /** Binary files holding a secret, left out rather than corrupted, relative paths. */
      leftOut: string[]
    }
  | { uploaded: false; reason: string }

export interface UploadLog {
  info(line: string): void
  warning(line: string): void
}

/**
 * Why `resultsDir` must not be uploaded, or undefined when it may be: when it is the
 * workspace or a directory above it, uploading it would publish the checkout (and with it
 * whatever a step left there, such as actions/checkout's persisted credentials).
 */
export function uploadRefusal(
  resultsDir: string,
  workspace: string | undefined
): string | undefined {
  if (!workspace) return undefined
  const real = (directory: string): string => {
    try {
      return realpathSync(directory)
    } catch {
      return path.resolve(directory)
    }
  }
  const relative = path.relative(real(resultsDir), real(workspace))
  const outside =
    relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)
  if (outside) return undefined
  const where = relative === '' ? 'is the workspace' : 'is a directory above the workspace'
  return `results-dir ${resultsDir} ${where} ${workspace}: uploading it would publish the checkout, .git included. Set results-dir to a directory of its own, such as load-test-results.`
}

/**
 * The files to upload under `directory`, as paths relative to it, and what was left out:
 * hidden entries (a name starting with ".", such as .git or .env, and everything under a
 * hidden directory) and anything that is not a regular file (symbolic links included, which
 * could point anywhere).
 */
export async function uploadableFiles(
  directory: string
): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = []
  const skipped: string[] = []
  async function walk(relativeDir: string): Promise<void> {
    const entries = await readdir(path.join(directory, relativeDir), { withFileTypes: true })
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = path.join(relativeDir, entry.name)
      if (entry.name.startsWith('.')) skipped.push(relative)
      else if (entry.isDirectory()) await walk(relative)
      else if (entry.isFile()) files.push(relative)
      else skipped.push(relative)
    }
  }
  await walk('')
  return { files, skipped }
}

/** The artifact service's answer to a name already used in this run. */
export function isNameConflict(error: unknown): boolean {
  return /\(409\)|\bConflict\b|already exists/i.test(errorMessage(error))
}

/**
 * Uploads the results directory as an artifact: its regular, non-hidden files, each as
 * redactFile gives it (text with every secret replaced by ***, JSON still valid JSON, binary
 * files such as vegeta's results untouched, or left out when they hold a secret), staged
 * under `stagingParent` so the files the user may still read are left as they are. A name already taken in this run (409) is
 * retried once with a random suffix, and the log says so. Refuses (uploaded: false) a
 * results directory that is the workspace or above it, and an empty one. Throws what the
 * artifact client throws otherwise.
 */
export async function uploadResults(
  request: UploadRequest,
  log: UploadLog,
  client: ArtifactApi = new DefaultArtifactClient()
): Promise<UploadOutcome> {
  const refusal = uploadRefusal(request.resultsDir, request.workspace)
  if (refusal) return { uploaded: false, reason: refusal }
  const { files, skipped } = await uploadableFiles(request.resultsDir)
  if (skipped.length > 0) {
    log.info(`not uploaded (hidden, or not a regular file): ${skipped.join(', ')}`)
  }
  if (files.length === 0) {
    return { uploaded: false, reason: `${request.resultsDir} holds no file to upload` }
  }
  await mkdir(request.stagingParent, { recursive: true })
  const staging = await mkdtemp(path.join(request.stagingParent, 'bifrost-load-test-artifact-'))
  try {
    const uploaded: string[] = []
    const leftOut: string[] = []
    for (const file of files) {
      const redacted = redactFile(
        file,
        await readFile(path.join(request.resultsDir, file)),
        request.secrets
      )
      if (redacted.content === undefined) {
        leftOut.push(file)
        log.info(`not uploaded: ${file}, ${redacted.leftOut}`)
        continue
      }
      await mkdir(path.dirname(path.join(staging, file)), { recursive: true })
      await writeFile(path.join(staging, file), redacted.content)
      uploaded.push(file)
    }
    const stagedFiles = uploaded.map((file) => path.join(staging, file))
    const options = { retentionDays: request.retentionDays }
    let name = request.name
    let response: { id?: number }
    try {
      response = await client.uploadArtifact(name, stagedFiles, staging, options)
    } catch (error) {
      if (!isNameConflict(error)) throw error
      const taken = name
      name = `${taken}-${randomBytes(3).toString('hex')}`
      log.warning(
        `artifact name ${taken} is already used in this workflow run (409 Conflict); uploading as ${name} instead. Give each job, matrix leg or step its own artifact-name, or leave it empty for a unique one.`
      )
      response = await client.uploadArtifact(name, stagedFiles, staging, options)
    }
    return { uploaded: true, name, id: response.id, files: uploaded, skipped, leftOut }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}
