import { access, constants } from 'node:fs/promises'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import { ensureDirectory } from '../ensure-directory.js'
import type { VegetaConfig } from '../config/types.js'
import { outputTail, runCommand } from './exec.js'

export const VEGETA_MODULE = 'github.com/tsenart/vegeta/v12'

export interface ResolvedVegeta {
  path: string
  version: string
  /** How it was found, for the log and the results. */
  source: 'vegeta-path' | 'PATH' | 'tools-dir' | 'download' | 'go install'
}

/**
 * An extra way to obtain vegeta, tried before `go install` (the action downloads the
 * release asset). Returns the binary's path, or undefined when it cannot (then the next
 * way is tried); throws when what it got must not be used (a checksum mismatch).
 */
export type VegetaDownloader = (
  version: string,
  log: (line: string) => void
) => Promise<string | undefined>

export interface ResolveVegetaOptions {
  toolsDir: string
  log: (line: string) => void
  download?: VegetaDownloader
  env?: NodeJS.ProcessEnv
}

/** vegeta: the given path, else a matching vegeta on PATH, else our tools dir, else install. */
export async function resolveVegeta(
  config: VegetaConfig,
  options: ResolveVegetaOptions
): Promise<ResolvedVegeta> {
  const env = options.env ?? process.env
  if (config.path !== undefined) {
    const version = await vegetaVersion(config.path, env)
    if (version !== config.version) {
      options.log(
        `vegeta-path ${config.path} is version ${version ?? 'unknown'}, not ${config.version}; using it as given`
      )
    }
    return { path: config.path, version: version ?? 'unknown', source: 'vegeta-path' }
  }

  const onPath = await findOnPath('vegeta', env.PATH ?? '')
  if (onPath !== undefined) {
    const version = await vegetaVersion(onPath, env)
    if (version === config.version) return { path: onPath, version, source: 'PATH' }
    options.log(
      `vegeta on PATH (${onPath}) is version ${version ?? 'unknown'}, not ${config.version}; not using it`
    )
  }

  const installDir = path.join(options.toolsDir, 'vegeta', config.version)
  const installed = path.join(installDir, 'vegeta')
  if ((await isExecutable(installed)) && (await vegetaVersion(installed, env)) === config.version) {
    return { path: installed, version: config.version, source: 'tools-dir' }
  }

  if (options.download) {
    const downloaded = await options.download(config.version, options.log)
    if (downloaded !== undefined) {
      return { path: downloaded, version: config.version, source: 'download' }
    }
  }

  await ensureDirectory(installDir)
  options.log(`installing vegeta ${config.version} with go install into ${installDir}`)
  const result = await runCommand(['go', 'install', `${VEGETA_MODULE}@v${config.version}`], {
    env: { ...env, GOBIN: installDir }
  })
  if (result.exitCode !== 0 || !(await isExecutable(installed))) {
    throw new LoadTestError(
      'setup',
      `could not install vegeta ${config.version} with go install (exit status ${result.exitCode}):\n${outputTail(result)}`
    )
  }
  return { path: installed, version: config.version, source: 'go install' }
}

/**
 * A vegeta binary's version. Release builds print it with -version; a `go install`ed one
 * prints an empty version, so its module version is read from the binary's build info.
 */
export async function vegetaVersion(
  binaryPath: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<string | undefined> {
  const printed = await runCommand([binaryPath, '-version'], { env }).catch(() => undefined)
  const fromFlag = /^Version:\s*v?(\d+\.\d+\.\d+)/m.exec(printed?.stdout ?? '')?.[1]
  if (fromFlag !== undefined) return fromFlag
  const buildInfo = await runCommand(['go', 'version', '-m', binaryPath], { env }).catch(
    () => undefined
  )
  const modulePattern = new RegExp(
    `^\\s*mod\\s+${VEGETA_MODULE.replaceAll('.', '\\.')}\\s+v(\\d+\\.\\d+\\.\\d+)`,
    'm'
  )
  return modulePattern.exec(buildInfo?.stdout ?? '')?.[1]
}

async function findOnPath(program: string, searchPath: string): Promise<string | undefined> {
  for (const directory of searchPath.split(path.delimiter)) {
    if (directory === '') continue
    const candidate = path.join(directory, program)
    if (await isExecutable(candidate)) return candidate
  }
  return undefined
}

export async function isExecutable(candidate: string): Promise<boolean> {
  try {
    await access(candidate, constants.X_OK)
    return true
  } catch {
    return false
  }
}
