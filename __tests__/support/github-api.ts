import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback stand-in for the few GitHub REST API endpoints the action calls; the API has
 * no local equivalent. It answers as docs.github.com describes them ("REST API endpoints
 * for issue comments", "for pull requests", "for artifacts", "for users"): JSON bodies,
 * `Link: <…>; rel="next"` pagination with per_page (at most 100) and page, 201 on create,
 * 403 "Resource not accessible by integration" for a token without write access (as a
 * fork's pull request run gets) and for an installation token on /user. It records every
 * request it received.
 */

export interface FakeComment {
  id: number
  body: string
  html_url: string
  user: { login: string; type: 'Bot' | 'User' }
  created_at: string
  updated_at: string
}

export interface RecordedRequest {
  method: string
  path: string
  authorization?: string
  body?: unknown
}

export interface FakeGithub {
  /** The API's base URL, for GITHUB_API_URL. */
  url: string
  requests: RecordedRequest[]
  /** Comments per issue (pull request) number, oldest first. */
  comments: Map<number, FakeComment[]>
  /** Head commit per pull request number. */
  pulls: Map<number, { headSha: string }>
  /** Artifacts per workflow run id. */
  artifacts: Map<number, { id: number; name: string }[]>
  close(): Promise<void>
}

export interface FakeGithubOptions {
  owner?: string
  repo?: string
  /** Tokens that may read but not write (403 on create and update). */
  readOnlyTokens?: string[]
  /** Personal tokens: their comments are a User's, and /user answers with this login. */
  personalTokens?: Record<string, string>
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' as const }
const INTEGRATION_REFUSAL = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest'
}

export async function startFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  const owner = options.owner ?? 'org'
  const repo = options.repo ?? 'gateway'
  const readOnly = new Set(options.readOnlyTokens ?? [])
  const personal = options.personalTokens ?? {}
  const requests: RecordedRequest[] = []
  const comments = new Map<number, FakeComment[]>()
  const pulls = new Map<number, { headSha: string }>()
  const artifacts = new Map<number, { id: number; name: string }[]>()
  let nextId = 1000
  let baseUrl = ''

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', baseUrl)
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>)
      const authorization = request.headers.authorization
      requests.push({
        method: request.method ?? '',
        path: `${url.pathname}${url.search}`,
        ...(authorization ? { authorization } : {}),
        ...(body === undefined ? {} : { body })
      })
      const token = authorization?.replace(/^token /, '') ?? ''
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          ...headers
        })
        response.end(JSON.stringify(payload))
      }
      if (!token) return send(401, { message: 'Requires authentication' })
      const repoPath = `/repos/${owner}/${repo}`
      const author = personal[token] ? { login: personal[token], type: 'User' as const } : BOT
      let match: RegExpExecArray | null
      if (request.method === 'GET' && url.pathname === '/user') {
        return personal[token]
          ? send(200, { login: personal[token], type: 'User' })
          : send(403, INTEGRATION_REFUSAL)
      }
      if ((match = new RegExp(`^${repoPath}/issues/(\\d+)/comments$`).exec(url.pathname))) {
        const issue = Number(match[1])
        const list = comments.get(issue) ?? []
        if (request.method === 'GET') {
          const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
          const page = Number(url.searchParams.get('page') ?? 1)
          const slice = list.slice((page - 1) * perPage, page * perPage)
          const headers: Record<string, string> = {}
          if (page * perPage < list.length) {
            const next = new URL(url)
            next.searchParams.set('page', String(page + 1))
            next.searchParams.set('per_page', String(perPage))
            headers.link = `<${next.toString()}>; rel="next"`
          }
          return send(200, slice, headers)
        }
        if (request.method === 'POST') {
          if (readOnly.has(token)) return send(403, INTEGRATION_REFUSAL)
          const now = new Date().toISOString()
          const id = nextId++
          const comment: FakeComment = {
            id,
            body: String(body?.body ?? ''),
            html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
            user: author,
            created_at: now,
            updated_at: now
          }
          comments.set(issue, [...list, comment])
          return send(201, comment)
        }
      }
      if ((match = new RegExp(`^${repoPath}/issues/comments/(\\d+)$`).exec(url.pathname))) {
        if (request.method === 'PATCH') {
          if (readOnly.has(token)) return send(403, INTEGRATION_REFUSAL)
          const id = Number(match[1])
          for (const list of comments.values()) {
            const comment = list.find((candidate) => candidate.id === id)
            if (comment) {
              comment.body = String(body?.body ?? '')
              comment.updated_at = new Date().toISOString()
              return send(200, comment)
            }
          }
          return send(404, { message: 'Not Found' })
        }
      }
      if ((match = new RegExp(`^${repoPath}/pulls/(\\d+)$`).exec(url.pathname))) {
        const pull = pulls.get(Number(match[1]))
        return pull
          ? send(200, { number: Number(match[1]), head: { sha: pull.headSha } })
          : send(404, { message: 'Not Found' })
      }
      if ((match = new RegExp(`^${repoPath}/actions/runs/(\\d+)/artifacts$`).exec(url.pathname))) {
        const name = url.searchParams.get('name')
        const found = (artifacts.get(Number(match[1])) ?? []).filter(
          (artifact) => name === null || artifact.name === name
        )
        return send(200, { total_count: found.length, artifacts: found })
      }
      return send(404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: baseUrl,
    requests,
    comments,
    pulls,
    artifacts,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

/** A comment by someone else, to fill a pull request's conversation. */
export function someoneElsesComment(id: number, body: string): FakeComment {
  return {
    id,
    body,
    html_url: `https://github.com/org/gateway/pull/7#issuecomment-${id}`,
    user: { login: 'reviewer', type: 'User' },
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z'
  }
}
