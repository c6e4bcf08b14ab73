import { getOctokit } from '@actions/github'
import { errorMessage } from '../errors.js'
import { commentMarker } from '../report/comment.js'

/**
 * The pull request comment through GitHub's REST API (docs.github.com, "REST API endpoints
 * for issue comments": a pull request's conversation comments are its issue's comments),
 * with @actions/github's Octokit. The API URL is GITHUB_API_URL, so GitHub Enterprise
 * Server works, and a test can point it at a loopback server.
 */

/** Where the comment goes, and the token that may write it. */
export interface CommentTarget {
  token: string
  /** The REST API's base URL (GITHUB_API_URL), e.g. https://api.github.com. */
  apiUrl: string
  /** owner/name. */
  repository: string
  prNumber: number
}

export type CommentOutcome =
  | { posted: true; action: 'created' | 'updated'; id: number; url: string }
  | {
      posted: false
      /** The API refused the token (401, 403 or 404): read-only, as on a fork's pull request. */
      refused: boolean
      reason: string
    }

interface IssueComment {
  id: number
  body?: string | null
  html_url: string
  user?: { login: string; type?: string } | null
}

function client(target: Pick<CommentTarget, 'token' | 'apiUrl'>) {
  return getOctokit(target.token, { baseUrl: target.apiUrl.replace(/\/+$/, '') })
}

function ownerAndName(repository: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = repository.split('/')
  return { owner, repo }
}

/** The HTTP status of an Octokit error (a RequestError), if it has one. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/** Statuses with which the API refuses a token: it may not do this here. */
const REFUSED = new Set([401, 403, 404])

/**
 * Of the comments carrying the marker (as their first line), the one this token wrote
 * earlier: the oldest by a bot (the workflow's GITHUB_TOKEN posts as github-actions[bot], a
 * GitHub App as its own bot), else, for a personal token, the oldest by the token's user.
 * A marker in someone else's comment is never taken: its author would see our text.
 */
async function findOwnComment(
  octokit: ReturnType<typeof client>,
  comments: IssueComment[],
  marker: string
): Promise<IssueComment | undefined> {
  const marked = comments.filter((comment) => (comment.body ?? '').startsWith(marker))
  const byBot = marked.find((comment) => comment.user?.type === 'Bot')
  if (byBot || marked.length === 0) return byBot
  try {
    const { data: me } = await octokit.rest.users.getAuthenticated()
    return marked.find((comment) => comment.user?.login === me.login)
  } catch {
    // An installation token cannot read /user; its comments are a bot's, handled above.
    return undefined
  }
}

/**
 * Creates the pull request's comment for `key`, or updates it in place when a comment of
 * ours with the same hidden marker exists (so each push updates one comment per key). Never
 * throws: a refused token or a failed request is an outcome, for the caller to report.
 */
export async function upsertComment(
  target: CommentTarget,
  key: string,
  body: string
): Promise<CommentOutcome> {
  const octokit = client(target)
  const { owner, repo } = ownerAndName(target.repository)
  const marker = commentMarker(key)
  try {
    const comments = (await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: target.prNumber,
      per_page: 100
    })) as IssueComment[]
    const existing = await findOwnComment(octokit, comments, marker)
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: existing.id,
        body
      })
      return { posted: true, action: 'updated', id: data.id, url: data.html_url }
    }
    const { data } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: target.prNumber,
      body
    })
    return { posted: true, action: 'created', id: data.id, url: data.html_url }
  } catch (error) {
    const status = statusOf(error)
    return {
      posted: false,
      refused: status !== undefined && REFUSED.has(status),
      reason: `${status === undefined ? '' : `HTTP ${status}: `}${errorMessage(error)}`
    }
  }
}

/** A pull request's head commit, as GitHub has it now. Throws what Octokit throws. */
export async function pullRequestHeadSha(target: CommentTarget): Promise<string> {
  const { owner, repo } = ownerAndName(target.repository)
  const { data } = await client(target).rest.pulls.get({
    owner,
    repo,
    pull_number: target.prNumber
  })
  return data.head.sha
}

/**
 * The id of a workflow run's artifact by its name, for a link to it; undefined when it is
 * not found or the token may not list artifacts (it needs `actions: read`).
 */
export async function findArtifactId(
  target: Pick<CommentTarget, 'token' | 'apiUrl' | 'repository'>,
  runId: number,
  name: string
): Promise<number | undefined> {
  const { owner, repo } = ownerAndName(target.repository)
  try {
    const { data } = await client(target).rest.actions.listWorkflowRunArtifacts({
      owner,
      repo,
      run_id: runId,
      name,
      per_page: 100
    })
    return data.artifacts.find((artifact) => artifact.name === name)?.id
  } catch {
    return undefined
  }
}
