import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  isNameConflict,
  uploadRefusal,
  uploadResults,
  uploadableFiles,
  type ArtifactApi,
  type UploadRequest
} from '../../src/action/artifact.js'
import { secretValues } from '../../src/action/secrets.js'
import { MOCKER_KEY } from '../../src/services/launch.js'
import { fixtureConfig } from './fixtures.js'

/** What the artifact client was handed: names, and each file's path in the artifact and content. */
interface UploadCall {
  name: string
  files: Record<string, string>
  rootDirectory: string
  retentionDays?: number
}

/**
 * A recording fake of @actions/artifact's client (the artifact service has no local
 * equivalent). It reads every file when called, as the real client zips them then, since
 * the staged copies are removed afterwards. `failures` are thrown by the first calls.
 */
function recordingClient(failures: Error[] = []): ArtifactApi & { calls: UploadCall[] } {
  const calls: UploadCall[] = []
  return {
    calls,
    async uploadArtifact(name, files, rootDirectory, options) {
      const contents: Record<string, string> = {}
      for (const file of files) {
        contents[path.relative(rootDirectory, file)] = readFileSync(file, 'utf8')
      }
      calls.push({ name, files: contents, rootDirectory, retentionDays: options?.retentionDays })
      const failure = failures.shift()
      if (failure) throw failure
      return { id: 1000 + calls.length, size: 1 }
    }
  }
}

/** The real client's error for a name already used in the run (artifact-twirp-client.js). */
const CONFLICT = new Error(
  'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run'
)

const HEADER_VALUE = 'Bearer s3cret-token-42'

let scratch: string
let resultsDir: string
let staging: string
const logged: { info: string[]; warning: string[] } = { info: [], warning: [] }
const log = {
  info: (line: string) => logged.info.push(line),
  warning: (line: string) => logged.warning.push(line)
}

function request(overrides: Partial<UploadRequest> = {}): UploadRequest {
  const config = fixtureConfig()
  config.gateway.headers = { Authorization: HEADER_VALUE, 'X-Team': 'perf "a"' }
  return {
    name: 'results',
    resultsDir,
    retentionDays: 5,
    secrets: secretValues(config),
    workspace: path.join(scratch, 'workspace'),
    stagingParent: staging,
    ...overrides
  }
}

beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-artifact-'))
  resultsDir = path.join(scratch, 'results')
  staging = path.join(scratch, 'runner-temp')
  mkdirSync(path.join(scratch, 'workspace'))
  // What a results directory can hold by mistake: a checkout's .git with persisted
  // credentials, an .env, and logs of a gateway that echoes request headers.
  mkdirSync(path.join(resultsDir, '.git'), { recursive: true })
  writeFileSync(
    path.join(resultsDir, '.git/config'),
    '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hz\n'
  )
  writeFileSync(path.join(resultsDir, '.env'), 'TOKEN=x\n')
  writeFileSync(path.join(resultsDir, 'load-test-results.json'), '{"status":"passed"}\n')
  writeFileSync(
    path.join(resultsDir, 'gateway-overhead.log'),
    [
      `{"level":"debug","headers":{"Authorization":"${HEADER_VALUE}","X-Team":"perf \\"a\\""}}`,
      'token only: s3cret-token-42',
      `upstream key: Bearer ${MOCKER_KEY}`,
      ''
    ].join('\n')
  )
  mkdirSync(path.join(resultsDir, 'logs'))
  writeFileSync(path.join(resultsDir, 'logs/vegeta-overhead.log'), 'no secret here\n')
  symlinkSync('/etc/hostname', path.join(resultsDir, 'link-out'))
  logged.info = []
  logged.warning = []
})

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true })
})

describe('uploadableFiles', () => {
  it('leaves out hidden entries and symbolic links, and says which', async () => {
    expect(await uploadableFiles(resultsDir)).toEqual({
      files: ['gateway-overhead.log', 'load-test-results.json', 'logs/vegeta-overhead.log'],
      skipped: ['.env', '.git', 'link-out']
    })
  })
})

describe('uploadResults', () => {
  it('hands the client redacted copies of the visible files only, and leaves the originals', async () => {
    const client = recordingClient()
    const original = readFileSync(path.join(resultsDir, 'gateway-overhead.log'), 'utf8')
    const outcome = await uploadResults(request(), log, client)

    expect(outcome).toMatchObject({ uploaded: true, name: 'results', id: 1001 })
    expect(client.calls).toHaveLength(1)
    const [call] = client.calls
    expect(Object.keys(call?.files ?? {}).sort()).toEqual([
      'gateway-overhead.log',
      'load-test-results.json',
      'logs/vegeta-overhead.log'
    ])
    expect(call?.retentionDays).toBe(5)
    // Uploaded from a staging directory under RUNNER_TEMP, removed afterwards.
    expect(call?.rootDirectory.startsWith(staging)).toBe(true)
    expect(readdirSync(staging)).toEqual([])

    const uploaded = Object.values(call?.files ?? {}).join('\n')
    for (const secret of [HEADER_VALUE, 's3cret-token-42', 'perf "a"', MOCKER_KEY]) {
      expect(uploaded).not.toContain(secret)
    }
    expect(uploaded).not.toContain('eC1hY2Nlc3MtdG9rZW46Z2hz')
    expect(call?.files['gateway-overhead.log']).toBe(
      [
        '{"level":"debug","headers":{"Authorization":"***","X-Team":"***"}}',
        'token only: ***',
        'upstream key: Bearer ***',
        ''
      ].join('\n')
    )
    expect(call?.files['logs/vegeta-overhead.log']).toBe('no secret here\n')
    // The user's own copy is what the run wrote.
    expect(readFileSync(path.join(resultsDir, 'gateway-overhead.log'), 'utf8')).toBe(original)
    expect(logged.info).toEqual([
      'not uploaded (hidden, or not a regular file): .env, .git, link-out'
    ])
  })

  it('retries once with a suffix when the name is taken (409), and says so', async () => {
    const client = recordingClient([CONFLICT])
    const outcome = await uploadResults(request(), log, client)
    expect(client.calls.map((call) => call.name)).toEqual([
      'results',
      expect.stringMatching(/^results-[0-9a-f]{6}$/)
    ])
    expect(outcome).toMatchObject({ uploaded: true, name: client.calls[1]?.name, id: 1002 })
    expect(logged.warning).toEqual([
      expect.stringMatching(
        /^artifact name results is already used in this workflow run \(409 Conflict\); uploading as results-[0-9a-f]{6} instead\./
      )
    ])
    expect(readdirSync(staging)).toEqual([])
  })

  it('gives up after the one retry, and never retries other errors', async () => {
    await expect(
      uploadResults(request(), log, recordingClient([CONFLICT, CONFLICT]))
    ).rejects.toThrow('(409) Conflict')
    const quota = recordingClient([new Error('Artifact storage quota has been hit.')])
    await expect(uploadResults(request(), log, quota)).rejects.toThrow('quota')
    expect(quota.calls).toHaveLength(1)
    expect(readdirSync(staging)).toEqual([])
  })

  it('refuses a results directory that is the workspace or above it, uploading nothing', async () => {
    const client = recordingClient()
    const workspace = path.join(resultsDir, 'checkout')
    mkdirSync(workspace)
    for (const root of [resultsDir, scratch]) {
      const outcome = await uploadResults(request({ resultsDir: root, workspace }), log, client)
      expect(outcome.uploaded).toBe(false)
      if (!outcome.uploaded) expect(outcome.reason).toContain('directory above the workspace')
    }
    const same = await uploadResults(request({ workspace: resultsDir }), log, client)
    expect(same).toEqual({
      uploaded: false,
      reason: `results-dir ${resultsDir} is the workspace ${resultsDir}: uploading it would publish the checkout, .git included. Set results-dir to a directory of its own, such as load-test-results.`
    })
    expect(client.calls).toEqual([])
  })

  it('says so when there is nothing to upload', async () => {
    const empty = path.join(scratch, 'empty')
    mkdirSync(path.join(empty, '.git'), { recursive: true })
    const outcome = await uploadResults(request({ resultsDir: empty }), log, recordingClient())
    expect(outcome).toEqual({ uploaded: false, reason: `${empty} holds no file to upload` })
  })
})

describe('uploadRefusal', () => {
  it('allows a directory inside or beside the workspace, or no workspace at all', () => {
    expect(uploadRefusal('/w/repo/load-test-results', '/w/repo')).toBeUndefined()
    expect(uploadRefusal('/tmp/results', '/w/repo')).toBeUndefined()
    expect(uploadRefusal('/w/repo', undefined)).toBeUndefined()
  })

  it('refuses the workspace, a parent of it, and the root', () => {
    expect(uploadRefusal('/w/repo', '/w/repo')).toContain('is the workspace')
    expect(uploadRefusal('/w/repo/', '/w/repo')).toContain('is the workspace')
    expect(uploadRefusal('/w', '/w/repo')).toContain('is a directory above the workspace')
    expect(uploadRefusal('/', '/w/repo')).toContain('is a directory above the workspace')
    // A workspace whose name starts with two dots is still inside /w.
    expect(uploadRefusal('/w', '/w/..repo')).toContain('is a directory above the workspace')
  })
})

describe('isNameConflict', () => {
  it('recognises the client error for a taken name only', () => {
    expect(isNameConflict(CONFLICT)).toBe(true)
    expect(isNameConflict(new Error('Failed request: (500) Internal Server Error'))).toBe(false)
  })
})
