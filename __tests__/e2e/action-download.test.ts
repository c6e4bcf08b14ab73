import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/main.js'
import { runningProcesses } from '../../src/services/process.js'
import { asStep, parseCommandFile, runnerEnvironment, SMALL_ACTION_INPUTS } from './action-env.js'
import { expectNothingLeftRunning } from './helpers.js'

const VERSION = '12.13.0'
const ASSET = `vegeta_${VERSION}_linux_amd64.tar.gz`

/**
 * A loopback stand-in for vegeta's GitHub releases, serving a real release-shaped archive
 * that holds the real vegeta binary, and a checksums file that is right or wrong.
 */
let server: Server
let baseUrl: string
let archive: Buffer
let checksums = ''

beforeAll(async () => {
  const vegetaBinary = process.env.VEGETA_BIN
  if (!vegetaBinary) throw new Error('the global setup provides VEGETA_BIN')
  const contentDir = mkdtempSync(path.join(os.tmpdir(), 'blt-release-'))
  copyFileSync(vegetaBinary, path.join(contentDir, 'vegeta'))
  const archivePath = path.join(contentDir, ASSET)
  const tar = spawnSync('tar', ['-czf', archivePath, '-C', contentDir, 'vegeta'])
  expect(tar.status).toBe(0)
  archive = readFileSync(archivePath)
  server = createServer((request, response) => {
    if (request.url === `/v${VERSION}/${ASSET}`) response.end(archive)
    else if (request.url === `/v${VERSION}/vegeta_${VERSION}_checksums.txt`) response.end(checksums)
    else response.writeHead(404).end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** PATH without any directory holding a vegeta, so only a download can provide it. */
function pathWithoutVegeta(): string {
  const hasVegeta = (dir: string): boolean => {
    try {
      accessSync(path.join(dir, 'vegeta'), constants.X_OK)
      return true
    } catch {
      return false
    }
  }
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !hasVegeta(dir))
    .join(path.delimiter)
}

describe('the action installs vegeta from a release download', () => {
  afterEach(() => {
    process.exitCode = undefined
    expect(runningProcesses()).toEqual([])
  })

  function environment(): ReturnType<typeof runnerEnvironment> {
    const files = runnerEnvironment({
      ...SMALL_ACTION_INPUTS,
      'stress-runs': '1',
      cache: 'false',
      'upload-artifact': 'false',
      'vegeta-download-url': baseUrl,
      'tools-dir': path.join(mkdtempSync(path.join(os.tmpdir(), 'blt-tools-')), 'tools')
    })
    mkdirSync(path.join(files.dir, 'temp'), { recursive: true })
    files.env.PATH = pathWithoutVegeta()
    return files
  }

  it('verifies the archive against the checksums file, installs it and runs the test with it', async () => {
    const sha256 = createHash('sha256').update(archive).digest('hex')
    checksums = `${'0'.repeat(64)}  vegeta_${VERSION}_darwin_arm64.tar.gz\n${sha256}  ${ASSET}\n`
    const files = environment()
    const printed = await asStep(files.env, () => run())
    expect(process.exitCode ?? 0, printed).toBe(0)

    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
    expect(outputs.passed).toBe('true')
    const results = JSON.parse(readFileSync(outputs['results-json'] as string, 'utf8'))
    expect(results.tools.vegeta).toEqual({
      path: path.join(files.toolCache, 'vegeta', VERSION, 'x64', 'vegeta'),
      version: VERSION,
      source: 'download'
    })
    const vegetaRuns = results.processes.filter((p: { name: string }) =>
      p.name.startsWith('vegeta')
    )
    // An attack and its live decoder for each of warm-up, overhead and the stress run.
    expect(vegetaRuns.map((p: { name: string }) => p.name).sort()).toEqual([
      'vegeta attack (overhead)',
      'vegeta attack (stress-1)',
      'vegeta attack (warmup)',
      'vegeta encode (overhead)',
      'vegeta encode (stress-1)',
      'vegeta encode (warmup)'
    ])
    await expectNothingLeftRunning(results.processes.map((p: { pid: number }) => p.pid))
  })

  it('refuses an archive whose checksum does not match, and starts nothing', async () => {
    checksums = `${'ab'.repeat(32)}  ${ASSET}\n`
    const files = environment()
    const printed = await asStep(files.env, () => run())
    expect(process.exitCode).toBe(1)
    expect(printed).toMatch(
      new RegExp(`::error::Gateway load test stopped: .*${ASSET.replaceAll('.', '\\.')}`)
    )
    expect(printed).toContain('ab'.repeat(32))
    const results = JSON.parse(
      readFileSync(path.join(files.resultsDir, 'load-test-results.json'), 'utf8')
    )
    expect(results.status).toBe('error')
    expect(results.error.kind).toBe('setup')
    expect(results.processes).toEqual([])
    expect(results.tools.vegeta).toBeUndefined()
  })
})
