import { createHash } from 'node:crypto'
import { mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import type { MockerSource } from '../config/types.js'
import { outputTail, runCommand } from './exec.js'
import { buildGoBinary } from './go-build.js'

export interface ResolvedMocker {
  binaryPath: string
  /** What the binary was made from: a source hash or a git commit. */
  origin: string
  reused: boolean
  /** The flags its -h lists, e.g. "latency", "idle-timeout". */
  flags: string[]
}

/**
 * The flags a Go program's `-h` lists ("  -name type" lines, which Go's flag package
 * prints to stderr). An empty list when the program cannot be run or prints none.
 */
export async function goProgramFlags(binaryPath: string): Promise<string[]> {
  const result = await runCommand([binaryPath, '-h'], { timeoutMs: 10_000 }).catch(() => undefined)
  if (result === undefined) return []
  const flags = new Set<string>()
  for (const match of `${result.stdout}\n${result.stderr}`.matchAll(/^\s+-([\w.-]+)/gm)) {
    flags.add(match[1] as string)
  }
  return [...flags]
}

/** The mock provider's binary: given, built from a directory, or built from a git ref. */
export async function resolveMocker(
  source: MockerSource,
  toolsDir: string,
  log: (line: string) => void
): Promise<ResolvedMocker> {
  const resolved = await resolveMockerBinary(source, toolsDir, log)
  return { ...resolved, flags: await goProgramFlags(resolved.binaryPath) }
}

async function resolveMockerBinary(
  source: MockerSource,
  toolsDir: string,
  log: (line: string) => void
): Promise<Omit<ResolvedMocker, 'flags'>> {
  const buildsDir = path.join(toolsDir, 'builds')
  if (source.kind === 'binary') {
    return { binaryPath: source.path, origin: source.path, reused: true }
  }
  if (source.kind === 'directory') {
    const build = await buildGoBinary({
      name: 'mocker',
      packageDir: source.path,
      sourceRoot: source.path,
      buildsDir,
      log
    })
    return {
      binaryPath: build.binaryPath,
      origin: `source ${build.sourceHash.slice(0, 12)}`,
      reused: build.reused
    }
  }
  const checkout = await fetchGitRef(source.repository, source.ref, toolsDir, log)
  const packageDir = path.join(checkout.directory, source.subdirectory)
  const isDirectory = await stat(packageDir).then(
    (found) => found.isDirectory(),
    () => false
  )
  if (!isDirectory) {
    throw new LoadTestError(
      'setup',
      `mocker-subdirectory ${source.subdirectory}: no such directory in mocker-repository ${source.repository} at mocker-ref ${source.ref} (commit ${checkout.commit}); expected the directory of the mock provider's main package.`
    )
  }
  const build = await buildGoBinary({
    name: 'mocker',
    packageDir,
    sourceRoot: packageDir,
    buildsDir,
    log
  })
  return {
    binaryPath: build.binaryPath,
    origin: `${source.repository}@${checkout.commit}`,
    reused: build.reused
  }
}

/** A shallow fetch of one ref into a directory kept per repository, checked out detached. */
async function fetchGitRef(
  repository: string,
  ref: string,
  toolsDir: string,
  log: (line: string) => void
): Promise<{ directory: string; commit: string }> {
  const key = createHash('sha256').update(repository).digest('hex').slice(0, 16)
  const directory = path.join(toolsDir, 'sources', `git-${key}`)
  await mkdir(directory, { recursive: true })
  log(`mocker: fetching ${repository} at ${ref}`)
  const git = async (args: string[]): Promise<string> => {
    const result = await runCommand(['git', ...args], { cwd: directory })
    if (result.exitCode !== 0) {
      throw new LoadTestError(
        'setup',
        `mocker-repository ${repository} at mocker-ref ${ref}: git ${args[0]} failed:\n${outputTail(result)}`
      )
    }
    return result.stdout.trim()
  }
  await git(['init', '--quiet'])
  // "--" keeps a repository or ref from being read as an option.
  await git(['fetch', '--quiet', '--depth', '1', '--', repository, ref])
  await git(['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD'])
  return { directory, commit: await git(['rev-parse', 'HEAD']) }
}
