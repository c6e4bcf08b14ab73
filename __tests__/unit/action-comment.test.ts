import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The engine is replaced: these tests are about what the action does with a run's record,
// here its pull request comment, against a loopback GitHub API and the real @actions/github.
vi.mock('../../src/engine/run.js', () => ({ runLoadTest: vi.fn() }))

import { runLoadTest } from '../../src/engine/run.js'
import { run } from '../../src/main.js'
import type { ArtifactApi } from '../../src/action/artifact.js'
import type { LoadTestConfig } from '../../src/config/types.js'
import type { RunRecord } from '../../src/record.js'
import { commentMarker } from '../../src/report/comment.js'
import { writeReports } from '../../src/report/write.js'
import { asStep, parseCommandFile, runnerEnvironment } from '../e2e/action-env.js'
import { SMALL_PROFILE } from '../e2e/helpers.js'
import {
  startFakeGithub,
  someoneElsesComment,
  type FakeComment,
  type FakeGithub
} from '../support/github-api.js'
import { comparedRecord, failingRecord, passingRecord } from './fixtures.js'

const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567'
const TOKEN = 'ghs_writetoken'
const READ_ONLY_TOKEN = 'ghs_readonlytoken'
const HEADER_VALUE = 'Bearer s3cret-comment-token'

function withConfig(record: RunRecord, config: LoadTestConfig): RunRecord {
  const resultsDir = config.resultsDir
  return {
    ...record,
    config,
    files: {
      resultsDir,
      json: path.join(resultsDir, 'load-test-results.json'),
      markdown: path.join(resultsDir, 'load-test-results.md'),
      processStatsCsv: path.join(resultsDir, 'gateway-process-stats.csv')
    }
  }
}

/** Stands in for the engine: the reports of `build`'s record, written as the engine writes them. */
function engineReturning(build: () => RunRecord): void {
  vi.mocked(runLoadTest).mockImplementation(async (config) => {
    const record = withConfig(build(), config)
    await writeReports(record)
    return record
  })
}

function recordingArtifacts(): ArtifactApi & { uploads: Record<string, string>[] } {
  const uploads: Record<string, string>[] = []
  return {
    uploads,
    async uploadArtifact(_name, files, rootDirectory) {
      uploads.push(
        Object.fromEntries(
          files.map((file) => [path.relative(rootDirectory, file), readFileSync(file, 'utf8')])
        )
      )
      return { id: 71 }
    }
  }
}

let github: FakeGithub
const scratchDirs: string[] = []

beforeEach(async () => {
  vi.mocked(runLoadTest).mockReset()
  github = await startFakeGithub({ readOnlyTokens: [READ_ONLY_TOKEN] })
})

afterEach(async () => {
  process.exitCode = undefined
  await github.close()
  for (const directory of scratchDirs.splice(0)) rmSync(directory, { recursive: true, force: true })
})

interface StepOptions {
  inputs?: Record<string, string>
  env?: Record<string, string>
  /** The event payload; a pull request of org/gateway (#7) by default. */
  payload?: unknown
  eventName?: string
}

function pullRequestPayload(headRepository = 'org/gateway', number = 7) {
  return {
    number,
    pull_request: {
      number,
      head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: headRepository } },
      base: { ref: 'main', repo: { full_name: 'org/gateway' } }
    }
  }
}

/** Runs the action's main step as a runner would; returns what it printed and wrote. */
async function step(options: StepOptions = {}) {
  const files = runnerEnvironment({
    ...(SMALL_PROFILE as Record<string, string>),
    'gateway-headers': `Authorization: ${HEADER_VALUE}`,
    cache: 'false',
    'comment-on-pr': 'true',
    'github-token': TOKEN,
    ...options.inputs
  })
  scratchDirs.push(files.dir)
  const eventFile = path.join(files.dir, 'event.json')
  writeFileSync(eventFile, JSON.stringify(options.payload ?? pullRequestPayload()))
  const artifacts = recordingArtifacts()
  const env = {
    ...files.env,
    GITHUB_API_URL: github.url,
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'feature',
    GITHUB_WORKFLOW: 'gateway overhead',
    GITHUB_ACTION: '__org_bifrost-load-test',
    ...options.env
  }
  const printed = await asStep(env, () => run(process.env, { artifactClient: artifacts }))
  const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
  return { printed, outputs, files, artifacts, exitCode: process.exitCode }
}

const commentsOf = (pr = 7): FakeComment[] => github.comments.get(pr) ?? []
const writes = () => github.requests.filter((request) => request.method !== 'GET')

describe('comment-on-pr: one sticky comment per job', () => {
  it('creates the comment once, then updates it in place on the next push (never a second one)', async () => {
    // 120 comments by others first: ours is found past the first page of 100.
    github.comments.set(
      7,
      Array.from({ length: 120 }, (_, index) => someoneElsesComment(index + 1, `LGTM ${index}`))
    )
    engineReturning(passingRecord)
    const first = await step()
    expect(first.exitCode ?? 0).toBe(0)
    expect(commentsOf()).toHaveLength(121)
    const ours = commentsOf()[120] as FakeComment
    expect(ours.user.type).toBe('Bot')
    expect(ours.body.split('\n')[0]).toMatch(/^<!-- bifrost-load-test:load-test-[0-9a-f]{8} -->$/)
    expect(ours.body).toContain('### Gateway load test: ✅ PASSED')
    expect(first.outputs['comment-url']).toBe(ours.html_url)
    expect(first.printed).toContain(`created the comment on pull request #7: ${ours.html_url}`)

    engineReturning(failingRecord)
    const second = await step({ env: { GITHUB_RUN_ID: '2' } })
    expect(second.exitCode).toBe(1)
    expect(commentsOf()).toHaveLength(121)
    expect(commentsOf()[120]?.id).toBe(ours.id)
    expect(commentsOf()[120]?.body).toContain('### Gateway load test: ❌ FAILED')
    expect(commentsOf()[120]?.body).toContain('https://github.com/org/gateway/actions/runs/2')
    expect(writes().map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/org/gateway/issues/7/comments',
      `PATCH /repos/org/gateway/issues/comments/${ours.id}`
    ])
    // The listing was paginated: page 2 was asked for, on both runs.
    expect(
      github.requests.filter((request) => /comments\?.*page=2/.test(request.path))
    ).toHaveLength(2)
    expect(second.outputs['comment-url']).toBe(ours.html_url)
  })

  it('gives another matrix leg its own comment, and never takes a marked comment by someone else', async () => {
    engineReturning(passingRecord)
    await step({ env: { RUNNER_ARCH: 'X64' } })
    const x64Key = commentsOf()[0]?.body.split('\n')[0]
    // Someone quotes our marker in their own comment: it is not ours to update.
    github.comments.set(7, [
      ...commentsOf(),
      someoneElsesComment(5, `${commentMarker('arm64-leg')}\nfake results`)
    ])
    await step({ env: { RUNNER_ARCH: 'ARM64' }, inputs: { 'comment-key': 'arm64-leg' } })
    await step({
      env: { RUNNER_ARCH: 'ARM64', GITHUB_RUN_ID: '3' },
      inputs: { 'comment-key': 'arm64-leg' }
    })
    const ours = commentsOf().filter((comment) => comment.user.type === 'Bot')
    expect(ours).toHaveLength(2)
    expect(ours[0]?.body.split('\n')[0]).toBe(x64Key)
    expect(ours[1]?.body.split('\n')[0]).toBe(commentMarker('arm64-leg'))
    expect(ours[1]?.body).toContain('actions/runs/3')
    expect(commentsOf().find((comment) => comment.id === 5)?.body).toContain('fake results')
    // A new matrix leg changes the default key too (RUNNER_ARCH is part of it).
    engineReturning(passingRecord)
    await step({ env: { RUNNER_ARCH: 'ARM64' } })
    expect(commentsOf().filter((comment) => comment.user.type === 'Bot')).toHaveLength(3)
  })

  it('with a personal token, finds its own earlier comment through /user', async () => {
    await github.close()
    github = await startFakeGithub({ personalTokens: { ghp_personal: 'maintainer' } })
    engineReturning(passingRecord)
    await step({ inputs: { 'github-token': 'ghp_personal' } })
    await step({ inputs: { 'github-token': 'ghp_personal' } })
    expect(commentsOf()).toHaveLength(1)
    expect(commentsOf()[0]?.user.login).toBe('maintainer')
    expect(writes().map((request) => request.method)).toEqual(['POST', 'PATCH'])
  })

  it('keeps header values out of the comment', async () => {
    engineReturning(() => {
      const record = failingRecord()
      record.failure = {
        kind: 'run',
        message: `gateway answered 401 to Authorization: ${HEADER_VALUE}`,
        phase: 'Stress #1'
      }
      record.status = 'error'
      return record
    })
    await step()
    const body = commentsOf()[0]?.body ?? ''
    expect(body).toContain('### Gateway load test: ⚠️ ERROR')
    expect(body).toContain('Authorization: \\*\\*\\*')
    expect(body).not.toContain('s3cret')
    expect(
      github.requests.every((request) => !JSON.stringify(request.body ?? '').includes('s3cret'))
    ).toBe(true)
  })
})

describe('comment-on-pr when the token cannot comment', () => {
  it('a read-only token: a notice, no failure, and every output still set', async () => {
    engineReturning(passingRecord)
    const result = await step({ inputs: { 'github-token': READ_ONLY_TOKEN } })
    expect(result.exitCode ?? 0).toBe(0)
    expect(result.printed).toMatch(
      /::notice::comment-on-pr: the token cannot comment on pull request #7 \(read-only, as on pull requests from forks, or without pull-requests: write\); see "Pull requests from forks" in the README/
    )
    expect(result.printed).toContain('HTTP 403: Resource not accessible by integration')
    expect(result.printed).not.toMatch(/^::(error|warning)/m)
    expect(commentsOf()).toEqual([])
    expect(result.outputs).toMatchObject({ status: 'passed', passed: 'true', 'comment-url': '' })
    expect(Number(result.outputs['overhead-p50-us'])).toBe(1000)
  })

  it("a fork's pull request: skipped with a notice, without a single API request", async () => {
    engineReturning(passingRecord)
    const result = await step({ payload: pullRequestPayload('contributor/gateway') })
    expect(result.exitCode ?? 0).toBe(0)
    expect(result.printed).toContain(
      '::notice::comment-on-pr: pull request #7 comes from a fork (contributor/gateway), whose workflow token is read-only, so no comment is posted;'
    )
    expect(github.requests).toEqual([])
    expect(result.outputs.status).toBe('passed')
  })

  it('not a pull request: says so in a notice and asks nothing of the API', async () => {
    engineReturning(passingRecord)
    const result = await step({ eventName: 'push', payload: { ref: 'refs/heads/main' } })
    expect(result.printed).toContain(
      '::notice::comment-on-pr: no pull request to comment on (event push)'
    )
    expect(github.requests).toEqual([])
  })
})

describe('comment-from-results (comment-only mode)', () => {
  /** A PR run that uploads its results but cannot comment, then the workflow_run job. */
  async function prRunThenCommentOnly(build: () => RunRecord, commentOnlyPayload?: unknown) {
    engineReturning(build)
    // The PR run itself comments with a writable token, to compare bodies with.
    const prRun = await step({ inputs: { 'fail-on': 'never' } })
    const direct = commentsOf()[0]?.body
    expect(direct).toBeDefined()
    const artifactName = JSON.parse(
      prRun.artifacts.uploads[0]?.['load-test-results.json'] as string
    ).github.artifact_name as string
    github.artifacts.set(1, [{ id: 71, name: artifactName }])
    github.pulls.set(7, { headSha: HEAD_SHA })
    github.comments.set(7, [])
    vi.mocked(runLoadTest).mockReset()

    // The workflow_run job: the downloaded artifact, no checkout, no engine inputs.
    const downloaded = path.join(prRun.files.dir, 'downloaded', 'load-test-results.json')
    mkdirSync(path.dirname(downloaded), { recursive: true })
    writeFileSync(downloaded, prRun.artifacts.uploads[0]?.['load-test-results.json'] as string)
    const commentOnly = await step({
      eventName: 'workflow_run',
      payload: commentOnlyPayload ?? {
        workflow_run: {
          id: 1,
          run_attempt: 1,
          event: 'pull_request',
          head_sha: HEAD_SHA,
          pull_requests: []
        }
      },
      inputs: { 'comment-from-results': downloaded, 'comment-on-pr': 'false' },
      env: { GITHUB_RUN_ID: '99', GITHUB_BASE_REF: '', GITHUB_HEAD_REF: '' }
    })
    return { direct: direct as string, commentOnly }
  }

  it.each([
    ['a passing run', passingRecord],
    ['a failing run', failingRecord],
    ['a run that found a regression', () => comparedRecord(true)]
  ])('posts the same body as the run itself would, for %s', async (_, build) => {
    const { direct, commentOnly } = await prRunThenCommentOnly(build)
    expect(runLoadTest).not.toHaveBeenCalled()
    expect(commentOnly.exitCode ?? 0).toBe(0)
    expect(commentsOf()).toHaveLength(1)
    expect(commentsOf()[0]?.body).toBe(direct)
    expect(direct).toContain(
      '[results artifact](https://github.com/org/gateway/actions/runs/1/artifacts/71)'
    )
    // The fork's number came from the artifact, so it was checked against GitHub's own data.
    expect(
      github.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)
    ).toContain('GET /repos/org/gateway/pulls/7')
    expect(commentOnly.outputs.status).toBe(build().status)
    expect(commentOnly.outputs['comment-url']).toBe(commentsOf()[0]?.html_url)
  })

  it('refuses results whose pull request has moved on to another head commit', async () => {
    const { commentOnly } = await prRunThenCommentOnly(passingRecord, {
      workflow_run: {
        id: 1,
        run_attempt: 1,
        event: 'pull_request',
        head_sha: 'a'.repeat(40),
        pull_requests: []
      }
    })
    expect(commentOnly.printed).toContain(
      `::warning::comment-from-results: the results are of commit ${HEAD_SHA.slice(0, 12)}, not of the triggering run's aaaaaaaaaaaa; no comment`
    )
    expect(commentsOf()).toEqual([])
  })

  it('refuses an artifact naming a pull request whose head is not the triggering run', async () => {
    engineReturning(passingRecord)
    github.pulls.set(7, { headSha: 'b'.repeat(40) })
    const prRun = await step({ inputs: { 'comment-on-pr': 'false' } })
    const downloaded = path.join(prRun.files.dir, 'results.json')
    writeFileSync(downloaded, prRun.artifacts.uploads[0]?.['load-test-results.json'] as string)
    const commentOnly = await step({
      eventName: 'workflow_run',
      payload: {
        workflow_run: {
          id: 1,
          run_attempt: 1,
          event: 'pull_request',
          head_sha: HEAD_SHA,
          pull_requests: []
        }
      },
      inputs: { 'comment-from-results': downloaded }
    })
    expect(commentOnly.printed).toContain(
      "comment-from-results: the results name pull request #7, whose head is bbbbbbbbbbbb, not the triggering run's 0123456789ab"
    )
    expect(commentsOf()).toEqual([])
  })

  it('fails on a file that is not a run’s results, naming it', async () => {
    const files = runnerEnvironment({ 'comment-from-results': 'nope.json', 'github-token': TOKEN })
    scratchDirs.push(files.dir)
    const bad = path.join(files.dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ status: 'passed', overhead: { latency_us: { p50: 'x' } } }))
    const printed = await asStep(
      { ...files.env, 'INPUT_COMMENT-FROM-RESULTS': bad, GITHUB_API_URL: github.url },
      () => run(process.env)
    )
    expect(process.exitCode).toBe(1)
    expect(printed).toContain(
      `::error::comment-from-results: got "${bad}", which does not match schemas/results.schema.json`
    )
    expect(parseCommandFile(readFileSync(files.output, 'utf8'))).toMatchObject({
      status: 'error',
      passed: 'false'
    })
    expect(github.requests).toEqual([])
  })
})
