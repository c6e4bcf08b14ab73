import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ownRunUrl } from '../../src/action/comment-step.js'
import {
  artifactUrl,
  defaultCommentKey,
  githubRunContext,
  isFromFork,
  pullRequestOf,
  readEventPayload,
  recordGithubContext,
  runUrl,
  triggeringRunOf
} from '../../src/action/github-context.js'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-github-context-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const ENV = {
  GITHUB_SERVER_URL: 'https://github.example.com',
  GITHUB_REPOSITORY: 'org/gateway',
  GITHUB_RUN_ID: '123',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'load-test',
  GITHUB_WORKFLOW: 'gateway overhead',
  GITHUB_ACTION: '__org_bifrost-load-test',
  RUNNER_OS: 'Linux',
  RUNNER_ARCH: 'X64'
}

const PULL_REQUEST = {
  pull_request: {
    number: 7,
    head: { sha: 'abc123', repo: { full_name: 'org/gateway' } },
    base: { ref: 'main' }
  }
}

describe('links', () => {
  it('names the run page, with the attempt after a re-run, and the artifact page', () => {
    expect(runUrl(ENV)).toBe('https://github.example.com/org/gateway/actions/runs/123')
    expect(runUrl({ ...ENV, GITHUB_RUN_ATTEMPT: '2' })).toBe(
      'https://github.example.com/org/gateway/actions/runs/123/attempts/2'
    )
    expect(artifactUrl({ ...ENV, GITHUB_RUN_ATTEMPT: '2' }, 71)).toBe(
      'https://github.example.com/org/gateway/actions/runs/123/artifacts/71'
    )
    expect(runUrl({ GITHUB_RUN_ID: '1' })).toBeUndefined()
  })

  it('takes a run URL from a results file only when it is a run page of this repository', () => {
    const own = 'https://github.example.com/org/gateway/actions/runs/9/attempts/3'
    expect(ownRunUrl(ENV, own)).toBe(own)
    expect(ownRunUrl(ENV, 'https://github.example.com/org/other/actions/runs/9')).toBeUndefined()
    expect(ownRunUrl(ENV, 'https://evil.example/org/gateway/actions/runs/9')).toBeUndefined()
    expect(ownRunUrl(ENV, `${own}/../../x`)).toBeUndefined()
  })
})

describe('the event', () => {
  it('reads the payload file, and nothing when there is none or it is not JSON', () => {
    const file = path.join(scratch, 'event.json')
    writeFileSync(file, JSON.stringify(PULL_REQUEST))
    expect(readEventPayload({ GITHUB_EVENT_PATH: file })).toEqual(PULL_REQUEST)
    writeFileSync(file, 'not json')
    expect(readEventPayload({ GITHUB_EVENT_PATH: file })).toEqual({})
    expect(readEventPayload({})).toEqual({})
  })

  it("tells a fork's pull request (or one whose head repository is gone) from the repository's own", () => {
    const pr = pullRequestOf(PULL_REQUEST)
    expect(pr).toEqual({
      number: 7,
      headSha: 'abc123',
      headRepository: 'org/gateway',
      baseRef: 'main'
    })
    expect(isFromFork(pr as NonNullable<typeof pr>, ENV)).toBe(false)
    const fork = pullRequestOf({
      pull_request: { number: 8, head: { sha: 'x', repo: { full_name: 'someone/gateway' } } }
    })
    expect(isFromFork(fork as NonNullable<typeof fork>, ENV)).toBe(true)
    const deleted = pullRequestOf({ pull_request: { number: 9, head: { sha: 'x', repo: null } } })
    expect(isFromFork(deleted as NonNullable<typeof deleted>, ENV)).toBe(true)
    expect(pullRequestOf({ ref: 'refs/heads/main' })).toBeUndefined()
  })

  it('reads the triggering run of a workflow_run event', () => {
    expect(
      triggeringRunOf({
        workflow_run: {
          id: 55,
          run_attempt: 2,
          head_sha: 'def',
          event: 'pull_request',
          pull_requests: [{ number: 3 }]
        }
      })
    ).toEqual({ id: 55, attempt: 2, headSha: 'def', event: 'pull_request', pullRequests: [3] })
    expect(triggeringRunOf(PULL_REQUEST)).toBeUndefined()
  })
})

describe('the comment key and the github block', () => {
  it('is the job and a hash that tells legs apart and stays put from push to push', () => {
    const options = { rate: '500', 'base-ref': 'main' }
    const key = defaultCommentKey(ENV, options)
    expect(key).toMatch(/^load-test-[0-9a-f]{8}$/)
    // Another push, another run, another results directory: the same comment.
    expect(
      defaultCommentKey({ ...ENV, GITHUB_RUN_ID: '124' }, { ...options, 'results-dir': 'r2' })
    ).toBe(key)
    // Another leg: another comment.
    expect(defaultCommentKey({ ...ENV, RUNNER_ARCH: 'ARM64' }, options)).not.toBe(key)
    expect(defaultCommentKey(ENV, { ...options, rate: '1000' })).not.toBe(key)
    expect(
      defaultCommentKey({ ...ENV, GITHUB_ACTION: '__org_bifrost-load-test_2' }, options)
    ).not.toBe(key)
  })

  it('records the run and its pull request in the results file, keeping the rest', async () => {
    const file = path.join(scratch, 'load-test-results.json')
    writeFileSync(file, JSON.stringify({ status: 'passed', overhead: null }))
    const github = githubRunContext(
      { ...ENV, GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_SHA: 'merge' },
      PULL_REQUEST,
      'load-test-1',
      'artifact-x'
    )
    await recordGithubContext(file, github)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      status: 'passed',
      overhead: null,
      github: {
        repository: 'org/gateway',
        server_url: 'https://github.example.com',
        run_id: '123',
        run_attempt: '1',
        run_url: 'https://github.example.com/org/gateway/actions/runs/123',
        job: 'load-test',
        event: 'pull_request',
        pr_number: 7,
        head_sha: 'abc123',
        base_ref: 'main',
        comment_key: 'load-test-1',
        artifact_name: 'artifact-x'
      }
    })
  })
})
