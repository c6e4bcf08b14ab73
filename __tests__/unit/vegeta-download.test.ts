import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as toolCache from '@actions/tool-cache'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createVegetaDownloader } from '../../src/action/vegeta-download.js'
import { LoadTestError } from '../../src/errors.js'
import { vegetaVersion } from '../../src/tools/vegeta.js'

const VERSION = '12.13.0'
const ASSET = `vegeta_${VERSION}_linux_amd64.tar.gz`
const CHECKSUMS = `vegeta_${VERSION}_checksums.txt`
const ARCHIVE_URL_PATH = `/v${VERSION}/${ASSET}`
const CHECKSUMS_URL_PATH = `/v${VERSION}/${CHECKSUMS}`

// Stands in for the release binary: enough for vegetaVersion to read the version.
const FAKE_VEGETA = `#!/bin/sh
if [ "$1" = "-version" ]; then
  echo "Version: ${VERSION}"
  echo "Commit: 0000000"
  exit 0
fi
exit 1
`

let fixturesDir: string
let archive: Buffer
let archiveSha256: string

/** What the loopback "release" serves, by URL path; anything else is a 404. */
const served = new Map<string, Buffer>()
const requests: string[] = []
let server: Server
let baseUrl: string

async function run(argv: string[]): Promise<void> {
  const [program, ...args] = argv as [string, ...string[]]
  const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'inherit'] })
  const [exitCode] = (await once(child, 'close')) as [number | null]
  if (exitCode !== 0) throw new Error(`${argv.join(' ')} exited with ${exitCode}`)
}

beforeAll(async () => {
  fixturesDir = await mkdtemp(path.join(tmpdir(), 'vegeta-release-'))
  const contentDir = path.join(fixturesDir, 'content')
  await mkdir(contentDir)
  await writeFile(path.join(contentDir, 'vegeta'), FAKE_VEGETA)
  await chmod(path.join(contentDir, 'vegeta'), 0o755)
  const archivePath = path.join(fixturesDir, ASSET)
  await run(['tar', '-czf', archivePath, '-C', contentDir, 'vegeta'])
  archive = await readFile(archivePath)
  archiveSha256 = createHash('sha256').update(archive).digest('hex')

  server = createServer((request, response) => {
    const urlPath = request.url ?? ''
    requests.push(urlPath)
    const body = served.get(urlPath)
    if (body === undefined) {
      response.writeHead(404).end('Not Found')
    } else {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body)
    }
  })
  server.listen({ port: 0, host: '127.0.0.1' })
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolveClose) => server.close(resolveClose))
  await rm(fixturesDir, { recursive: true, force: true })
})

const savedEnv = {
  RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE,
  RUNNER_TEMP: process.env.RUNNER_TEMP
}
let runnerDir: string
let logLines: string[]
const log = (line: string): void => {
  logLines.push(line)
}

// @actions/tool-cache reads both variables on each call, not at import: setting them per test is enough.
beforeEach(async () => {
  runnerDir = await mkdtemp(path.join(tmpdir(), 'vegeta-runner-'))
  process.env.RUNNER_TOOL_CACHE = path.join(runnerDir, 'tool-cache')
  process.env.RUNNER_TEMP = path.join(runnerDir, 'temp')
  served.clear()
  requests.length = 0
  logLines = []
})

afterEach(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await rm(runnerDir, { recursive: true, force: true })
})

function serveRelease(checksums: string): void {
  served.set(ARCHIVE_URL_PATH, archive)
  served.set(CHECKSUMS_URL_PATH, Buffer.from(checksums))
}

function checksumsListing(archiveHash: string): string {
  return [
    `${'1'.repeat(64)}  vegeta_${VERSION}_darwin_arm64.tar.gz`,
    `${archiveHash}  ${ASSET}`,
    `${'2'.repeat(64)}  vegeta_${VERSION}_linux_arm64.tar.gz`,
    ''
  ].join('\n')
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
}

const linuxX64 = () => createVegetaDownloader({ baseUrl, platform: 'linux', arch: 'x64' })

describe('createVegetaDownloader', () => {
  it('installs a verified release archive into the tool cache', async () => {
    serveRelease(checksumsListing(archiveSha256))

    const binary = await linuxX64()(VERSION, log)

    const toolDir = toolCache.find('vegeta', VERSION, 'x64')
    expect(toolDir).toBe(path.join(process.env.RUNNER_TOOL_CACHE ?? '', 'vegeta', VERSION, 'x64'))
    expect(binary).toBe(path.join(toolDir, 'vegeta'))
    expect(await vegetaVersion(binary ?? '')).toBe(VERSION)
    expect(requests.sort()).toEqual([ARCHIVE_URL_PATH, CHECKSUMS_URL_PATH].sort())
    // The downloads and the extracted copy are gone; only the tool cache keeps vegeta.
    expect(await filesUnder(process.env.RUNNER_TEMP ?? '')).toEqual([])
  })

  it('uses the tool cache on the next call without downloading', async () => {
    serveRelease(checksumsListing(archiveSha256))
    const first = await linuxX64()(VERSION, log)
    requests.length = 0

    const second = await linuxX64()(VERSION, log)

    expect(second).toBe(first)
    expect(requests).toEqual([])
    expect(logLines.at(-1)).toContain('found in the tool cache')
  })

  it('refuses an archive whose checksum does not match, naming the asset and both hashes', async () => {
    const recorded = 'f'.repeat(64)
    serveRelease(checksumsListing(recorded))

    const attempt = linuxX64()(VERSION, log)

    await expect(attempt).rejects.toBeInstanceOf(LoadTestError)
    const error = (await attempt.catch((caught: unknown) => caught)) as LoadTestError
    expect(error.kind).toBe('setup')
    expect(error.message).toContain(ASSET)
    expect(error.message).toContain(recorded)
    expect(error.message).toContain(archiveSha256)
    expect(error.message).toContain('the archive was not used')
    expect(toolCache.find('vegeta', VERSION, 'x64')).toBe('')
    expect(await filesUnder(process.env.RUNNER_TEMP ?? '')).toEqual([])
  })

  it('refuses an archive the checksums file does not list', async () => {
    serveRelease(`${archiveSha256}  vegeta_${VERSION}_linux_arm64.tar.gz\n`)

    const attempt = linuxX64()(VERSION, log)

    await expect(attempt).rejects.toThrow(
      new RegExp(`${ASSET}.*${CHECKSUMS} has no entry.*${archiveSha256}; the archive was not used`)
    )
    expect(toolCache.find('vegeta', VERSION, 'x64')).toBe('')
  })

  it('returns undefined and says why when the asset is missing (404)', async () => {
    served.set(CHECKSUMS_URL_PATH, Buffer.from(checksumsListing(archiveSha256)))

    const binary = await linuxX64()(VERSION, log)

    expect(binary).toBeUndefined()
    expect(logLines.join('\n')).toMatch(
      new RegExp(`download of ${baseUrl}${ARCHIVE_URL_PATH} failed.*404`)
    )
    expect(toolCache.find('vegeta', VERSION, 'x64')).toBe('')
    expect(await filesUnder(process.env.RUNNER_TEMP ?? '')).toEqual([])
  })

  it('returns undefined when the server cannot be reached', async () => {
    // downloadTool retries connection errors after 10-20 s; its test hook shortens the wait.
    const hooks = globalThis as Record<string, unknown>
    hooks.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS = 0
    hooks.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS = 0
    const closed = createServer()
    closed.listen({ port: 0, host: '127.0.0.1' })
    await once(closed, 'listening')
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolveClose) => closed.close(resolveClose))

    try {
      const download = createVegetaDownloader({
        baseUrl: `http://127.0.0.1:${port}`,
        platform: 'linux',
        arch: 'x64'
      })
      expect(await download(VERSION, log)).toBeUndefined()
      expect(logLines.join('\n')).toMatch(/download of .* failed \(.*ECONNREFUSED/)
    } finally {
      delete hooks.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS
      delete hooks.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS
    }
  })

  it('returns undefined for a platform vegeta publishes no archive for', async () => {
    serveRelease(checksumsListing(archiveSha256))

    const binary = await createVegetaDownloader({ baseUrl, platform: 'linux', arch: 'ia32' })(
      VERSION,
      log
    )

    expect(binary).toBeUndefined()
    expect(logLines).toEqual([
      `vegeta ${VERSION}: no release archive for linux/ia32, not downloading`
    ])
    expect(requests).toEqual([])
  })
})
