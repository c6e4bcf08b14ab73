import path from 'node:path'
import { LoadTestError, errorMessage } from '../errors.js'
import { renderComment, type CommentLinks, type CommentSource } from '../report/comment.js'
import { readResultsFile } from '../report/results-file.js'
import {
  artifactUrl,
  isFromFork,
  pullRequestOf,
  runUrl,
  runsUrlPrefix,
  triggeringRunOf,
  type EventPayload
} from './github-context.js'
import type { ActionSettings } from './inputs.js'
import {
  findArtifactId,
  pullRequestHeadSha,
  upsertComment,
  type CommentTarget
} from './pr-comment.js'
import { redactJsonText } from '../report/redact.js'

/** Where the comment step reports; a refused token is a notice, never a failure. */
export interface CommentLog {
  info(line: string): void
  notice(line: string): void
  warning(line: string): void
}

const README_RECIPE =
  'see "Pull requests from forks" in the README of bifrost-load-test for a workflow_run recipe that comments from the results artifact'

/** Posts or updates the comment; returns its URL, or '' when nothing was posted (logged why). */
async function post(
  target: CommentTarget,
  key: string,
  body: string,
  log: CommentLog
): Promise<string> {
  const outcome = await upsertComment(target, key, body)
  if (outcome.posted) {
    log.info(`${outcome.action} the comment on pull request #${target.prNumber}: ${outcome.url}`)
    return outcome.url
  }
  if (outcome.refused) {
    log.notice(
      `comment-on-pr: the token cannot comment on pull request #${target.prNumber} (read-only, as on pull requests from forks, or without pull-requests: write); ${README_RECIPE}. (${outcome.reason})`
    )
  } else {
    log.warning(
      `comment-on-pr: could not comment on pull request #${target.prNumber}: ${outcome.reason}`
    )
  }
  return ''
}

function target(env: NodeJS.ProcessEnv, token: string, prNumber: number): CommentTarget {
  return {
    token,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    repository: env.GITHUB_REPOSITORY ?? '',
    prNumber
  }
}

export interface RunCommentRequest {
  settings: ActionSettings
  env: NodeJS.ProcessEnv
  payload: EventPayload
  /** The results file of the run, with its `github` block. */
  resultsFile: string
  key: string
  /** Replaced by *** in the comment (header values, the provider key). */
  secrets: readonly string[]
  artifact: { id?: number; name?: string }
}

/**
 * comment-on-pr after a run: the comment of the run's results file on the event's pull
 * request (or pr-number's). Skipped with a notice when there is no pull request, on a fork's
 * pull request (its token is read-only: no request is made) and when the token is refused.
 * Returns the comment's URL, or ''. Never throws.
 */
export async function commentOnRun(request: RunCommentRequest, log: CommentLog): Promise<string> {
  const { settings, env, payload } = request
  const pr = pullRequestOf(payload)
  const prNumber = settings.prNumber ?? pr?.number
  if (prNumber === undefined) {
    log.notice(
      `comment-on-pr: no pull request to comment on (event ${env.GITHUB_EVENT_NAME ?? 'unknown'}); set pr-number to comment anyway`
    )
    return ''
  }
  if (env.GITHUB_EVENT_NAME === 'pull_request' && pr && isFromFork(pr, env)) {
    log.notice(
      `comment-on-pr: pull request #${pr.number} comes from a fork (${pr.headRepository ?? 'a deleted repository'}), whose workflow token is read-only, so no comment is posted; ${README_RECIPE}.`
    )
    return ''
  }
  if (settings.githubToken === '') {
    log.warning('comment-on-pr: github-token is empty, so no comment is posted')
    return ''
  }
  try {
    // Rendered from the results as the artifact carries them, secrets replaced, so a
    // comment posted later from the artifact is the same text.
    const results = readResultsFile(
      request.resultsFile,
      'results-json',
      (text) => redactJsonText(text, request.secrets) ?? text
    )
    const links: CommentLinks = {
      runUrl: runUrl(env),
      ...(request.artifact.id === undefined
        ? {}
        : { artifactUrl: artifactUrl(env, request.artifact.id) }),
      ...(request.artifact.name === undefined ? {} : { artifactName: request.artifact.name })
    }
    const body = renderComment(results, request.key, links)
    return await post(target(env, settings.githubToken, prNumber), request.key, body, log)
  } catch (error) {
    log.warning(`comment-on-pr: ${errorMessage(error)}`)
    return ''
  }
}

/**
 * `url` when it is a run page of this repository on this server
 * (`…/owner/name/actions/runs/<id>[/attempts/<n>]`); anything else is not linked.
 */
export function ownRunUrl(env: NodeJS.ProcessEnv, url: string | undefined): string | undefined {
  const prefix = runsUrlPrefix(env)
  if (!url || !prefix || !url.startsWith(prefix)) return undefined
  return /^\d+(\/attempts\/\d+)?$/.test(url.slice(prefix.length)) ? url : undefined
}

/**
 * The pull request a comment-only step comments on, and whether it may: pr-number, else the
 * triggering workflow run's own pull request (GitHub lists it for a branch of this
 * repository), else the event's pull request, else the number the results carry (a fork's
 * run, which GitHub does not list), which is used only when the pull request's head commit
 * is the triggering run's, as GitHub reports both.
 */
async function chooseCommentTarget(
  settings: ActionSettings,
  env: NodeJS.ProcessEnv,
  payload: EventPayload,
  results: CommentSource,
  log: CommentLog
): Promise<CommentTarget | undefined> {
  const trigger = triggeringRunOf(payload)
  const make = (prNumber: number) => target(env, settings.githubToken, prNumber)
  if (settings.prNumber !== undefined) return make(settings.prNumber)
  if (trigger && trigger.pullRequests.length > 0) return make(trigger.pullRequests[0] as number)
  const pr = pullRequestOf(payload)
  if (pr) return make(pr.number)
  const claimed = results.github?.pr_number
  if (typeof claimed !== 'number') {
    log.warning(
      'comment-from-results: no pull request to comment on: the event has none, the results name none, and pr-number is empty'
    )
    return undefined
  }
  if (!trigger) {
    log.warning(
      `comment-from-results: the results name pull request #${claimed}, which cannot be checked outside a workflow_run event; set pr-number to comment on it`
    )
    return undefined
  }
  const candidate = make(claimed)
  let headSha: string
  try {
    headSha = await pullRequestHeadSha(candidate)
  } catch (error) {
    log.warning(
      `comment-from-results: could not read pull request #${claimed} to check it: ${errorMessage(error)}`
    )
    return undefined
  }
  if (headSha !== trigger.headSha) {
    log.warning(
      `comment-from-results: the results name pull request #${claimed}, whose head is ${headSha.slice(0, 12)}, not the triggering run's ${trigger.headSha.slice(0, 12)} (a newer push, or results that are not its own); no comment`
    )
    return undefined
  }
  return candidate
}

/**
 * Comment-only mode (comment-from-results): reads a results file (from an artifact of
 * another workflow run: untrusted), checks it against the results schema, and posts its
 * comment. Nothing is built or run, and nothing from the file decides more than the
 * comment's text and, once checked against GitHub's own data, the pull request number. In a
 * workflow_run event, results of another commit than the triggering run's are refused, and
 * the links are made from the event, not from the file. Throws LoadTestError('input') for
 * an unreadable or invalid file or an empty token; returns the comment's URL, or ''.
 */
export async function commentFromResults(
  settings: ActionSettings,
  env: NodeJS.ProcessEnv,
  payload: EventPayload,
  log: CommentLog
): Promise<{ results: CommentSource; url: string }> {
  const file = path.resolve(env.GITHUB_WORKSPACE || process.cwd(), settings.commentFromResults)
  const results = readResultsFile(file)
  if (settings.githubToken === '') {
    throw new LoadTestError(
      'input',
      'github-token: empty; comment-from-results needs a token with pull-requests: write.'
    )
  }
  const trigger = triggeringRunOf(payload)
  const claimedSha = results.github?.head_sha
  if (trigger && typeof claimedSha === 'string' && claimedSha !== trigger.headSha) {
    log.warning(
      `comment-from-results: the results are of commit ${claimedSha.slice(0, 12)}, not of the triggering run's ${trigger.headSha.slice(0, 12)}; no comment`
    )
    return { results, url: '' }
  }
  const chosen = await chooseCommentTarget(settings, env, payload, results, log)
  if (!chosen) return { results, url: '' }
  const key = settings.commentKey || results.github?.comment_key || 'default'
  const artifactName = results.github?.artifact_name ?? undefined
  const artifactId =
    trigger && artifactName ? await findArtifactId(chosen, trigger.id, artifactName) : undefined
  const links: CommentLinks = {
    runUrl: trigger
      ? runUrl(env, trigger.id, trigger.attempt)
      : ownRunUrl(env, results.github?.run_url),
    ...(trigger && artifactId !== undefined
      ? { artifactUrl: artifactUrl(env, artifactId, trigger.id) }
      : {}),
    ...(artifactName ? { artifactName } : {})
  }
  const url = await post(chosen, key, renderComment(results, key, links), log)
  return { results, url }
}
