import { createHash } from 'node:crypto'
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import { ensureDirectory } from '../ensure-directory.js'
import { isExecutable } from './vegeta.js'
import { outputTail, runCommand } from './exec.js'
import { embedPatterns, isSkippedDirectory } from './bifrost-checkout.js'

/**
 * Flags of every build. -trimpath (as bifrost's Makefile builds) keeps the checkout's
 * location out of the binary, and -buildvcs=false keeps git state out, so that the same
 * sources give the same binary wherever they are: the hash below relies on it.
 */
export const GO_BUILD_FLAGS: readonly string[] = ['-trimpath', '-buildvcs=false']

/** A Go workspace file to build in, kept outside the sources (GOWORK points at it). */
export interface GoWorkspace {
  goWorkPath: string
  content: string
}

/** Files `go build -overlay` adds to the sources without writing them there. */
export interface GoOverlay {
  overlayPath: string
  /** The empty file each placeholder stands for. */
  emptyFilePath: string
  /** Absolute paths of the files to add, e.g. <main package>/ui/.placeholder. */
  placeholders: string[]
  /** The overlay JSON (see overlayFile), written to overlayPath. */
  content: string
}
import { pruneBuilds } from './prune.js'

export interface GoBuildRequest {
  /** A short name for the binary and the log, e.g. "gateway". */
  name: string
  /** The main package's directory (where `go build .` runs). */
  packageDir: string
  /** Paths in the hash are taken relative to this (the checkout, or the module). */
  sourceRoot: string
  /** The modules whose files go into the binary; default [sourceRoot]. */
  moduleDirs?: string[]
  /** Build in this workspace; without one, GOWORK=off (only go.mod's pinned versions). */
  workspace?: GoWorkspace
  overlay?: GoOverlay
  /** Built binaries are kept in here, one directory per source hash. */
  buildsDir: string
  log: (line: string) => void
  env?: NodeJS.ProcessEnv
  /** A sentence added to a failed build's error, from the build's output. */
  failureHint?: (output: string) => string | undefined
}

export interface GoBuildResult {
  binaryPath: string
  sourceHash: string
  /** True when an earlier build of the same sources was used. */
  reused: boolean
  buildMs: number
}

/** What decides a build's output; see goBuildHash. */
export interface GoBuildInputs {
  sourceRoot: string
  moduleDirs: string[]
  /** From goToolchain: Go version, target, and the environment that changes a build. */
  toolchain: string
  flags: readonly string[]
  workspace?: GoWorkspace
  overlay?: GoOverlay
}

/** Other files Go compiles into a package besides .go: cgo and assembly sources. */
const NON_GO_SOURCES = /\.(s|S|sx|c|cc|cpp|cxx|h|hh|hpp|hxx|m|f|F|for|f90|syso)$/

function isBuildInput(fileName: string): boolean {
  if (fileName.endsWith('.go')) return !fileName.endsWith('_test.go')
  return fileName === 'go.mod' || fileName === 'go.sum' || NON_GO_SOURCES.test(fileName)
}

async function isFile(candidate: string): Promise<boolean> {
  return stat(candidate).then(
    (found) => found.isFile(),
    () => false
  )
}

/**
 * Every file under a directory (or the file itself), dotfiles included, as `//go:embed all:`
 * sees it; .git is left out (Go refuses to embed it).
 */
async function allFilesUnder(target: string): Promise<string[]> {
  if (await isFile(target)) return [target]
  const entries = await readdir(target, { withFileTypes: true }).catch(() => [])
  const files: string[] = []
  for (const entry of entries) {
    const entryPath = path.join(target, entry.name)
    if (entry.isDirectory() && entry.name !== '.git')
      files.push(...(await allFilesUnder(entryPath)))
    else if (entry.isFile()) files.push(entryPath)
  }
  return files
}

/**
 * The files a `//go:embed` pattern may reach from a package directory: the named file or
 * directory, or for a pattern with wildcards, everything under the directory before the
 * first wildcard (more than Go embeds, never less: at worst a needless rebuild).
 */
function embedTarget(packageDir: string, pattern: string): string {
  const name = pattern.replace(/^all:/, '')
  const wildcard = name.search(/[*?[\\]/)
  if (wildcard < 0) return path.join(packageDir, name)
  return path.join(packageDir, path.dirname(`${name.slice(0, wildcard)}x`))
}

/**
 * The files that go into a binary built from moduleDirs: each module's non-test Go files,
 * go.mod and go.sum, cgo/assembly sources (nested modules and directories Go ignores
 * skipped), and every file its `//go:embed` lines may reach. Sorted, absolute.
 */
export async function goBuildFiles(moduleDirs: string[]): Promise<string[]> {
  const files = new Set<string>()
  const embedTargets = new Set<string>()
  async function walk(directory: string, moduleDir: string): Promise<void> {
    const entries = await readdir(directory, { withFileTypes: true })
    if (
      directory !== moduleDir &&
      entries.some((entry) => entry.isFile() && entry.name === 'go.mod')
    ) {
      return // another module: in the build only if it is one of moduleDirs
    }
    for (const entry of entries) {
      const entryPath = path.join(directory, entry.name)
      if (entry.isDirectory()) {
        if (!isSkippedDirectory(entry.name)) await walk(entryPath, moduleDir)
      } else if (entry.isFile() && isBuildInput(entry.name)) {
        files.add(entryPath)
        if (entry.name.endsWith('.go')) {
          const source = await readFile(entryPath, 'utf8')
          for (const pattern of embedPatterns(source)) {
            embedTargets.add(embedTarget(directory, pattern))
          }
        }
      }
    }
  }
  for (const moduleDir of moduleDirs) await walk(moduleDir, moduleDir)
  for (const target of embedTargets) {
    for (const file of await allFilesUnder(target)) files.add(file)
  }
  return [...files].sort()
}

/**
 * A hash of everything that decides what `go build` produces: the toolchain and its
 * environment, the flags, GOWORK (off, or the workspace file), the overlay and what it
 * adds, and the content and path of every file from goBuildFiles. Paths are taken
 * relative to sourceRoot, so a checkout moved elsewhere keeps its hash (the binary is the
 * same under -trimpath). Same hash, same binary.
 */
export async function goBuildHash(inputs: GoBuildInputs): Promise<string> {
  const relative = (text: string): string => text.split(inputs.sourceRoot).join('<sources>')
  const hash = createHash('sha256')
  hash.update(`toolchain ${inputs.toolchain}\nflags ${inputs.flags.join(' ')}\n`)
  hash.update(`gowork ${inputs.workspace ? relative(inputs.workspace.content) : 'off'}\n`)
  for (const placeholder of inputs.overlay?.placeholders ?? []) {
    hash.update(`overlay ${relative(placeholder)}\0`)
    hash.update(await readFile(inputs.overlay?.emptyFilePath ?? '').catch(() => ''))
    hash.update('\0')
  }
  for (const file of await goBuildFiles(inputs.moduleDirs)) {
    hash.update(`${path.relative(inputs.sourceRoot, file)}\0`)
    hash.update(await readFile(file))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/**
 * The hash of a single module built on its own (GOWORK=off, default flags), as
 * buildGoBinary computes it for e.g. the mocker.
 */
export async function goSourceHash(sourceRoot: string, toolchain: string): Promise<string> {
  return goBuildHash({ sourceRoot, moduleDirs: [sourceRoot], toolchain, flags: GO_BUILD_FLAGS })
}

/**
 * The Go toolchain and the settings that change what it builds, as one line:
 * "go1.26.8 linux amd64 CGO_ENABLED=1 GOFLAGS=… GOEXPERIMENT=…" (the first word is the
 * version). Throws a setup error when go cannot be run.
 */
export async function goToolchain(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const names = ['GOVERSION', 'GOOS', 'GOARCH', 'CGO_ENABLED', 'GOFLAGS', 'GOEXPERIMENT']
  const result = await runCommand(['go', 'env', '-json', ...names], { env })
  if (result.exitCode !== 0) {
    throw new LoadTestError(
      'setup',
      `go is needed to build the gateway and the mocker:\n${outputTail(result)}`
    )
  }
  const values = JSON.parse(result.stdout) as Record<string, string>
  const settings = names.slice(3).map((name) => `${name}=${values[name] ?? ''}`)
  return [values.GOVERSION, values.GOOS, values.GOARCH, ...settings].join(' ')
}

/** Writes a file unless it already holds exactly this content. */
async function writeIfChanged(filePath: string, content: string): Promise<void> {
  const current = await readFile(filePath, 'utf8').catch(() => undefined)
  if (current === content) return
  await ensureDirectory(path.dirname(filePath))
  const partial = `${filePath}.${process.pid}.partial`
  await writeFile(partial, content)
  await rename(partial, filePath)
}

/**
 * `go build` in packageDir (GOWORK set to the workspace file or off, -overlay when given,
 * GO_BUILD_FLAGS), unless a binary built from the same inputs is kept. The workspace and
 * overlay files are written where they say, never into the sources. A failed build throws
 * a setup error naming the directory, the command, GOWORK and the end of Go's output.
 */
export async function buildGoBinary(request: GoBuildRequest): Promise<GoBuildResult> {
  const env = request.env ?? process.env
  const started = Date.now()
  const inputs: GoBuildInputs = {
    sourceRoot: request.sourceRoot,
    moduleDirs: request.moduleDirs ?? [request.sourceRoot],
    toolchain: await goToolchain(env),
    flags: GO_BUILD_FLAGS,
    workspace: request.workspace,
    overlay: request.overlay
  }
  if (request.overlay) {
    await writeIfChanged(request.overlay.emptyFilePath, '')
    await writeIfChanged(request.overlay.overlayPath, request.overlay.content)
  }
  if (request.workspace) {
    await writeIfChanged(request.workspace.goWorkPath, request.workspace.content)
  }
  const sourceHash = await goBuildHash(inputs)
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
  const goWork = request.workspace?.goWorkPath ?? 'off'
  // Build beside the final name and rename, so an interrupted build never looks reusable
  // (the process id keeps two runs building the same sources apart).
  const partialPath = `${binaryPath}.${process.pid}.partial`
  const argv = [
    'go',
    'build',
    ...GO_BUILD_FLAGS,
    ...(request.overlay ? ['-overlay', request.overlay.overlayPath] : []),
    '-o',
    partialPath,
    '.'
  ]
  request.log(`${request.name}: ${argv.join(' ')} in ${request.packageDir} with GOWORK=${goWork}`)
  const result = await runCommand(argv, {
    cwd: request.packageDir,
    env: { ...env, GOWORK: goWork }
  })
  if (result.exitCode !== 0) {
    await rm(partialPath, { force: true })
    const hint = request.failureHint?.(`${result.stdout}${result.stderr}`)
    throw new LoadTestError(
      'setup',
      [
        `${request.name}: go build failed (exit status ${result.exitCode}).`,
        `  directory: ${request.packageDir}`,
        `  command: ${argv.join(' ')}`,
        `  GOWORK=${goWork}`,
        outputTail(result, 30),
        ...(hint ? [hint] : [])
      ].join('\n')
    )
  }
  await rename(partialPath, binaryPath)
  await pruneBuilds(request.buildsDir, request.name, outputDir, request.log)
  const buildMs = Date.now() - started
  request.log(`${request.name}: built in ${(buildMs / 1000).toFixed(1)} s`)
  return { binaryPath, sourceHash, reused: false, buildMs }
}
