import { mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { GatewaySource } from '../config/types.js'
import { buildGoBinary } from './go-build.js'

export interface ResolvedGatewayBinary {
  binaryPath: string
  origin: string
  reused: boolean
}

/**
 * The gateway's binary for sources that have one: a bifrost checkout is built in
 * transports/, as bifrost's own script does; a prebuilt binary is used as is.
 * A command-started gateway has no binary to prepare.
 */
export async function resolveGatewayBinary(
  source: GatewaySource,
  toolsDir: string,
  log: (line: string) => void
): Promise<ResolvedGatewayBinary | undefined> {
  if (source.kind === 'command') return undefined
  if (source.kind === 'binary')
    return { binaryPath: source.path, origin: source.path, reused: true }
  await ensureEmbeddedUiDirectory(source.path, log)
  const build = await buildGoBinary({
    name: 'gateway',
    packageDir: path.join(source.path, 'transports'),
    sourceRoot: source.path,
    buildsDir: path.join(toolsDir, 'builds'),
    log
  })
  return {
    binaryPath: build.binaryPath,
    origin: `source ${build.sourceHash.slice(0, 12)}`,
    reused: build.reused
  }
}

/**
 * bifrost-http embeds transports/bifrost-http/ui, which is built by the UI toolchain and
 * absent from a clean checkout; without the directory `go build` fails.
 */
async function ensureEmbeddedUiDirectory(
  checkoutPath: string,
  log: (line: string) => void
): Promise<void> {
  const httpDir = path.join(checkoutPath, 'transports', 'bifrost-http')
  if (!(await isDirectory(httpDir))) return
  const uiDir = path.join(httpDir, 'ui')
  if (await isDirectory(uiDir)) return
  await mkdir(uiDir)
  log(`created ${uiDir}, which bifrost-http embeds and a clean checkout lacks`)
}

async function isDirectory(candidate: string): Promise<boolean> {
  try {
    return (await stat(candidate)).isDirectory()
  } catch {
    return false
  }
}
