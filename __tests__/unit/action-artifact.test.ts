import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { spawnSync } from 'node:child_process'
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
import { secretsOf } from '../../src/report/redact.js'
import { MOCKER_KEY, writeGatewayAppDir } from '../../src/services/launch.js'
import { writeReports } from '../../src/report/write.js'
import { fixtureConfig, passingRecord } from './fixtures.js'

/** What the artifact client was handed: names, and each file's path in the artifact and content. */
interface UploadCall {
  name: string
  files: Record<string, string>
  bytes: Record<string, Buffer>
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
      const bytes: Record<string, Buffer> = {}
      for (const file of files) {
        bytes[path.relative(rootDirectory, file)] = readFileSync(file)
        contents[path.relative(rootDirectory, file)] = readFileSync(file, 'utf8')
      }
      calls.push({
        name,
        files: contents,
        bytes,
        rootDirectory,
        retentionDays: options?.retentionDays
      })
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
  config.gateway.headers = {
    Authorization: HEADER_VALUE,
    'X-Api-Key': 'perf "a"',
    'X-Team': 'perf'
  }
  return {
    name: 'results',
    resultsDir,
    retentionDays: 5,
    secrets: secretsOf(config),
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
      `{"level":"debug","headers":{"Authorization":"${HEADER_VALUE}","X-Api-Key":"perf \\"a\\"","X-Team":"perf"}}`,
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
        '{"level":"debug","headers":{"Authorization":"***","X-Api-Key":"***","X-Team":"perf"}}',
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

/** Runs real vegeta (as the global setup found it), failing the test if it cannot start. */
function vegeta(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.env.VEGETA_BIN ?? 'vegeta', args, { encoding: 'utf8' })
  if (result.error) throw result.error
  return result
}

/** A real vegeta results file (gob) of results `vegeta encode --to csv` lines describe. */
function vegetaBin(file: string, bodies: string[]): void {
  const b64 = (text: string): string => Buffer.from(text).toString('base64')
  const csv = bodies.map(
    (body, index) =>
      `${1_795_838_554_680_550_942n + BigInt(index) * 10_000_000n},200,${100_000_000 + index},120,${body.length},,${b64(body)},overhead,${index},POST,http://127.0.0.1:41002/v1/chat/completions,`
  )
  writeFileSync(`${file}.csv`, `${csv.join('\n')}\n`)
  const encoded = vegeta(['encode', '-to', 'gob', '-output', file, `${file}.csv`])
  expect(encoded.status, encoded.stderr).toBe(0)
  rmSync(`${file}.csv`)
}

/** Every key path of a JSON value, in order: what a reader of the file relies on. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => keyPaths(item, `${prefix}[${index}]`))
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => [
    `${prefix}.${key}`,
    ...keyPaths(item, `${prefix}.${key}`)
  ])
}

describe("uploadResults with the Portkey recipe's short secrets, on the files a run writes", () => {
  const COMPLETION = '{"id":"c1","object":"chat.completion","choices":[{"index":0}]}'

  /** The results directory of a run with these headers: reports, gateway config, vegeta results. */
  async function runDirectory(headers: Record<string, string>): Promise<string[]> {
    const record = passingRecord()
    record.config.gateway.headers = headers
    record.config.resultsDir = resultsDir
    record.files = {
      resultsDir,
      json: path.join(resultsDir, 'load-test-results.json'),
      markdown: path.join(resultsDir, 'load-test-results.md'),
      processStatsCsv: path.join(resultsDir, 'gateway-process-stats.csv')
    }
    await writeReports(record)
    await writeGatewayAppDir(path.join(resultsDir, 'gateway-app'), 'http://127.0.0.1:41001', 100)
    vegetaBin(path.join(resultsDir, 'vegeta-overhead.bin'), [COMPLETION, COMPLETION])
    // A gateway that echoes the rejected key in its error body, as some do.
    vegetaBin(path.join(resultsDir, 'vegeta-stress-1.bin'), [
      '{"error":{"message":"Incorrect API key provided: openai"}}'
    ])
    return secretsOf(record.config)
  }

  it('keeps JSON valid and readable, texts whole, and never rewrites a vegeta results file', async () => {
    // Short on purpose: "k" and "openai" are what corrupted files before (issue 13).
    const secrets = await runDirectory({ Authorization: 'Bearer k', 'x-api-key': 'openai' })
    const client = recordingClient()
    const outcome = await uploadResults(request({ secrets }), log, client)
    expect(outcome.uploaded).toBe(true)
    const call = client.calls[0] as UploadCall
    const original = (file: string): Buffer => readFileSync(path.join(resultsDir, file))

    // Every JSON file still parses, with the same keys and numbers; only secrets changed.
    for (const file of ['load-test-results.json', 'bencher.json', 'gateway-app/config.json']) {
      const before = JSON.parse(original(file).toString('utf8'))
      const after = JSON.parse(call.files[file] as string)
      expect(keyPaths(after), file).toEqual(keyPaths(before))
    }
    const results = JSON.parse(call.files['load-test-results.json'] as string)
    const written = JSON.parse(original('load-test-results.json').toString('utf8'))
    expect(
      results.phases.map((phase: { mocker_latency_ms: number }) => phase.mocker_latency_ms)
    ).toEqual(written.phases.map((phase: { mocker_latency_ms: number }) => phase.mocker_latency_ms))
    expect(results.verdict).toEqual(written.verdict)
    expect(results.verdict.sentence).toMatch(/^All \d+ checks passed/)
    expect(results.config.gateway.headers).toEqual({ Authorization: '***', 'x-api-key': '***' })
    const gatewayConfig = JSON.parse(call.files['gateway-app/config.json'] as string)
    expect(gatewayConfig.providers.openai.keys[0].value).toBe('***')
    expect(call.files['bencher.json']).toBe(original('bencher.json').toString('utf8'))

    // Texts keep their words.
    expect(call.files['load-test-results.md']).toMatch(/All \d+ checks passed/)
    expect(call.files['load-test-results.md']).toContain('mock provider latency')
    expect(call.files['load-test-results.md']).not.toContain('chec***')

    // vegeta's results: uploaded byte for byte, or left out when a body echoes a secret.
    expect(outcome.uploaded && outcome.leftOut).toEqual(['vegeta-stress-1.bin'])
    expect(logged.info).toContain(
      'not uploaded: vegeta-stress-1.bin, a binary file holding a secret (a response may echo a key), which cannot be redacted without corrupting it'
    )
    expect(call.bytes['vegeta-overhead.bin']?.equals(original('vegeta-overhead.bin'))).toBe(true)
    const staged = path.join(scratch, 'uploaded-overhead.bin')
    writeFileSync(staged, call.bytes['vegeta-overhead.bin'] as Buffer)
    const report = vegeta(['report', '-type', 'json', staged])
    expect(report.status, report.stderr).toBe(0)
    expect(JSON.parse(report.stdout)).toMatchObject({ requests: 2, success: 1 })
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
