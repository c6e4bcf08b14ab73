import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import type { RawOptions } from '../config/options.js'
import { commentKeyOf, type GithubJson } from '../report/comment.js'

/**
 * What the action knows of the workflow run it is in, from the runner's variables
 * (docs.github.com, "Variables": default environment variables) and the event payload
 * (GITHUB_EVENT_PATH). The engine never reads these: the front end records them in the
 * results (`github`) and uses them for the pull request comment.
 */

export type EventPayload = Record<string, unknown>

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The event payload the runner wrote to GITHUB_EVENT_PATH; empty when there is none. */
export function readEventPayload(env: NodeJS.ProcessEnv): EventPayload {
  const file = env.GITHUB_EVENT_PATH
  if (!file) return {}
  try {
    const payload: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return isObject(payload) ? payload : {}
  } catch {
    return {}
  }
}

/** The pull request of a pull_request or pull_request_target event. */
export interface PullRequestRef {
  number: number
  headSha?: string
  /** owner/name of the repository the head branch is in: another one for a fork. */
  headRepository?: string
  baseRef?: string
}

export function pullRequestOf(payload: EventPayload): PullRequestRef | undefined {
  const pr = payload.pull_request
  if (!isObject(pr) || typeof pr.number !== 'number') return undefined
  const head = isObject(pr.head) ? pr.head : {}
  const base = isObject(pr.base) ? pr.base : {}
  const repo = isObject(head.repo) ? head.repo : {}
  return {
    number: pr.number,
    ...(typeof head.sha === 'string' ? { headSha: head.sha } : {}),
    ...(typeof repo.full_name === 'string' ? { headRepository: repo.full_name } : {}),
    ...(typeof base.ref === 'string' ? { baseRef: base.ref } : {})
  }
}

/**
 * True for a pull request whose head is in another repository (a fork), or whose head
 * repository was deleted: on `pull_request` events GitHub gives such runs a read-only token.
 */
export function isFromFork(pr: PullRequestRef, env: NodeJS.ProcessEnv): boolean {
  return pr.headRepository === undefined || pr.headRepository !== env.GITHUB_REPOSITORY
}

/** The workflow run a `workflow_run` event is about (set by GitHub, not by the run). */
export interface TriggeringRun {
  id: number
  attempt: number
  headSha: string
  event: string
  /** Pull requests of the same repository; empty for a fork's (GitHub leaves them out). */
  pullRequests: number[]
}

export function triggeringRunOf(payload: EventPayload): TriggeringRun | undefined {
  const run = payload.workflow_run
  if (!isObject(run) || typeof run.id !== 'number' || typeof run.head_sha !== 'string') {
    return undefined
  }
  const pullRequests = Array.isArray(run.pull_requests)
    ? run.pull_requests.flatMap((pr: unknown) =>
        isObject(pr) && typeof pr.number === 'number' ? [pr.number] : []
      )
    : []
  return {
    id: run.id,
    attempt: typeof run.run_attempt === 'number' ? run.run_attempt : 1,
    headSha: run.head_sha,
    event: typeof run.event === 'string' ? run.event : '',
    pullRequests
  }
}

/**
 * A workflow run's page: `${server}/${owner/repo}/actions/runs/${id}`, with
 * `/attempts/${attempt}` after a re-run. Undefined without a server, repository or run id.
 */
export function runUrl(
  env: NodeJS.ProcessEnv,
  runId: string | number | undefined = env.GITHUB_RUN_ID,
  attempt: string | number | undefined = env.GITHUB_RUN_ATTEMPT
): string | undefined {
  const base = runBaseUrl(env, runId)
  if (!base) return undefined
  return Number(attempt) > 1 ? `${base}/attempts/${Number(attempt)}` : base
}

/**
 * Where this repository's run pages start on this server (`…/owner/name/actions/runs/`),
 * or undefined without GITHUB_REPOSITORY.
 */
export function runsUrlPrefix(env: NodeJS.ProcessEnv): string | undefined {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  return env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/` : undefined
}

function runBaseUrl(
  env: NodeJS.ProcessEnv,
  runId: string | number | undefined
): string | undefined {
  const prefix = runsUrlPrefix(env)
  if (!prefix || runId === undefined || !/^\d+$/.test(String(runId))) return undefined
  return `${prefix}${runId}`
}

/** An artifact's page: `${run page without the attempt}/artifacts/${id}`. */
export function artifactUrl(
  env: NodeJS.ProcessEnv,
  artifactId: number,
  runId: string | number | undefined = env.GITHUB_RUN_ID
): string | undefined {
  const base = runBaseUrl(env, runId)
  return base ? `${base}/artifacts/${artifactId}` : undefined
}

/** Options that name places on the runner, not what is measured: left out of the key. */
const NOT_IN_KEY = new Set(['results-dir', 'tools-dir', 'baseline-results'])

/**
 * The comment key when comment-key is empty: the job's name and a hash of what sets a job
 * or matrix leg apart and stays the same from push to push: the workflow, the step, the
 * runner's OS and architecture, and the options (except where files go). Two legs of a
 * matrix get two comments; each push of one leg updates its own. Example: load-test-3f9a1c0e.
 */
export function defaultCommentKey(env: NodeJS.ProcessEnv, options: RawOptions): string {
  const leg = {
    workflow: env.GITHUB_WORKFLOW ?? '',
    step: env.GITHUB_ACTION ?? '',
    os: env.RUNNER_OS ?? '',
    arch: env.RUNNER_ARCH ?? '',
    options: Object.fromEntries(
      Object.entries(options)
        .filter(([name]) => !NOT_IN_KEY.has(name))
        .sort(([a], [b]) => a.localeCompare(b))
    )
  }
  const hash = createHash('sha256').update(JSON.stringify(leg)).digest('hex').slice(0, 8)
  return commentKeyOf(`${env.GITHUB_JOB || 'job'}-${hash}`)
}

/**
 * The results' `github` block: the run, its pull request (number and head commit), the
 * comment key and the artifact's name, so a comment can be posted later from the artifact
 * (comment-from-results) without trusting anything else in it.
 */
export function githubRunContext(
  env: NodeJS.ProcessEnv,
  payload: EventPayload,
  commentKey: string,
  artifactName: string | undefined,
  prNumber?: number
): GithubJson {
  const pr = pullRequestOf(payload)
  return {
    repository: env.GITHUB_REPOSITORY ?? '',
    server_url: env.GITHUB_SERVER_URL ?? '',
    run_id: env.GITHUB_RUN_ID ?? '',
    run_attempt: env.GITHUB_RUN_ATTEMPT ?? '',
    run_url: runUrl(env) ?? '',
    job: env.GITHUB_JOB ?? '',
    event: env.GITHUB_EVENT_NAME ?? '',
    pr_number: prNumber ?? pr?.number ?? null,
    head_sha: pr?.headSha ?? env.GITHUB_SHA ?? null,
    base_ref: env.GITHUB_BASE_REF || pr?.baseRef || null,
    comment_key: commentKey,
    artifact_name: artifactName ?? null
  }
}

/**
 * Adds the `github` block to a results file the engine wrote, keeping everything else; the
 * file is replaced whole (written aside, then renamed).
 */
export async function recordGithubContext(resultsFile: string, github: GithubJson): Promise<void> {
  const results = JSON.parse(await readFile(resultsFile, 'utf8')) as Record<string, unknown>
  const partial = `${resultsFile}.partial`
  await writeFile(partial, `${JSON.stringify({ ...results, github }, null, 2)}\n`)
  await rename(partial, resultsFile)
}
