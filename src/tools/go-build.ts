import { createHash } from 'node:crypto'
import { readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import { ensureDirectory } from '../ensure-directory.js'
import { isExecutable } from './vegeta.js'
import { outputTail, runCommand } from './exec.js'
import { pruneBuilds } from './prune.js'

export interface GoBuildRequest {
  /** A short name for the binary and the log, e.g. "gateway". */
  name: string
  /** The main package's directory (where `go build .` runs). */
  packageDir: string
  /** The tree whose Go sources decide whether a rebuild is needed (the module or checkout). */
  sourceRoot: string
  /** Built binaries are kept in here, one directory per source hash. */
  buildsDir: string
  log: (line: string) => void
  env?: NodeJS.ProcessEnv
}

export interface GoBuildResult {
  binaryPath: string
  sourceHash: string
  /** True when an earlier build of the same sources was used. */
  reused: boolean
  buildMs: number
}

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'vendor', 'tmp', 'dist', 'build'])

function isGoBuildInput(fileName: string): boolean {
  return (
    fileName.endsWith('.go') ||
    fileName === 'go.mod' ||
    fileName === 'go.sum' ||
    fileName === 'go.work' ||
    fileName === 'go.work.sum'
  )
}

/**
 * A hash of every file that changes what `go build` produces from a tree: Go sources,
 * go.mod/go.sum/go.work, their paths, and the Go toolchain. Same hash, same binary.
 */
export async function goSourceHash(sourceRoot: string, toolchain: string): Promise<string> {
  const files: string[] = []
  async function walk(directory: string): Promise<void> {
    const entries = await readdir(directory, { withFileTypes: true })
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) {
          await walk(path.join(directory, entry.name))
        }
      } else if (entry.isFile() && isGoBuildInput(entry.name)) {
        files.push(path.join(directory, entry.name))
      }
    }
  }
  await walk(sourceRoot)
  files.sort()
  const hash = createHash('sha256').update(`toolchain ${toolchain}\n`)
  for (const file of files) {
    hash.update(`${path.relative(sourceRoot, file)}\0`)
    hash.update(await readFile(file))
    hash.update('\0')
  }
  return hash.digest('hex')
}

export async function goToolchain(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const result = await runCommand(['go', 'env', 'GOVERSION', 'GOOS', 'GOARCH'], { env })
  if (result.exitCode !== 0) {
    throw new LoadTestError(
      'setup',
      `go is needed to build the gateway and the mocker:\n${outputTail(result)}`
    )
  }
  return result.stdout.trim().split('\n').join(' ')
}

/** `go build .` in packageDir, unless a binary built from the same sources is kept. */
export async function buildGoBinary(request: GoBuildRequest): Promise<GoBuildResult> {
  const env = request.env ?? process.env
  const started = Date.now()
  const sourceHash = await goSourceHash(request.sourceRoot, await goToolchain(env))
  const outputDir = path.join(request.buildsDir, `${request.name}-${sourceHash.slice(0, 16)}`)
  const binaryPath = path.join(outputDir, request.name)
  if (await isExecutable(binaryPath)) {
    request.log(
      `${request.name}: sources unchanged (${sourceHash.slice(0, 12)}), reusing ${binaryPath}`
    )
    await pruneBuilds(request.buildsDir, request.name, outputDir, request.log)
    return { binaryPath, sourceHash, reused: true, buildMs: Date.now() - started }
  }
  await ensureDirectory(outputDir)
  request.log(`${request.name}: building with go build in ${request.packageDir}`)
  // Build beside the final name and rename, so an interrupted build never looks reusable.
  const partialPath = `${binaryPath}.partial`
  const result = await runCommand(['go', 'build', '-o', partialPath, '.'], {
    cwd: request.packageDir,
    env
  })
  if (result.exitCode !== 0) {
    await rm(partialPath, { force: true })
    throw new LoadTestError(
      'setup',
      `${request.name}: go build failed in ${request.packageDir} (exit status ${result.exitCode}):\n${outputTail(result, 30)}`
    )
  }
  await rename(partialPath, binaryPath)
  await pruneBuilds(request.buildsDir, request.name, outputDir, request.log)
  const buildMs = Date.now() - started
  request.log(`${request.name}: built in ${(buildMs / 1000).toFixed(1)} s`)
  return { binaryPath, sourceHash, reused: false, buildMs }
}
