import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { chmod, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import * as toolCache from '@actions/tool-cache'
import { errorMessage, LoadTestError } from '../errors.js'
import type { VegetaDownloader } from '../tools/vegeta.js'

export const DEFAULT_VEGETA_DOWNLOAD_BASE_URL =
  'https://github.com/tsenart/vegeta/releases/download'

const TOOL_NAME = 'vegeta'

/** vegeta publishes release archives for these only; Node names amd64 `x64`. */
const RELEASE_OS: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin' }
const RELEASE_ARCH: Partial<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' }

export interface VegetaDownloadOptions {
  /** Release downloads live at `${baseUrl}/v<version>/<asset>`. */
  baseUrl: string
  platform?: NodeJS.Platform
  arch?: string
}

/**
 * Downloads vegeta's release archive into the runner's tool cache, verified against the
 * release's checksums file. A download that fails leaves the choice to `go install`; an
 * archive that does not match its checksum is refused.
 */
export function createVegetaDownloader(options: VegetaDownloadOptions): VegetaDownloader {
  const platform = options.platform ?? process.platform
  const arch = options.arch ?? process.arch
  return async (version, log) => {
    const releaseOs = RELEASE_OS[platform]
    const releaseArch = RELEASE_ARCH[arch]
    if (releaseOs === undefined || releaseArch === undefined) {
      log(`vegeta ${version}: no release archive for ${platform}/${arch}, not downloading`)
      return undefined
    }

    // The tool cache is keyed by Node's arch name, so a cross-arch request never mixes them.
    const cachedDir = toolCache.find(TOOL_NAME, version, arch)
    if (cachedDir !== '') {
      log(`vegeta ${version}: found in the tool cache at ${cachedDir}`)
      return path.join(cachedDir, TOOL_NAME)
    }

    const asset = `vegeta_${version}_${releaseOs}_${releaseArch}.tar.gz`
    const checksumsAsset = `vegeta_${version}_checksums.txt`
    const releaseUrl = `${options.baseUrl}/v${version}`
    // Everything downloaded or extracted here is temporary: the tool cache keeps its own copy.
    const temporary: string[] = []
    const fetchAsset = async (name: string): Promise<string | undefined> => {
      const url = `${releaseUrl}/${name}`
      try {
        const file = await toolCache.downloadTool(url)
        temporary.push(file)
        return file
      } catch (error) {
        log(`vegeta ${version}: download of ${url} failed (${errorMessage(error)})`)
        return undefined
      }
    }
    try {
      const checksumsPath = await fetchAsset(checksumsAsset)
      if (checksumsPath === undefined) return undefined
      const archivePath = await fetchAsset(asset)
      if (archivePath === undefined) return undefined

      const expected = checksumEntry(await readFile(checksumsPath, 'utf8'), asset)
      const actual = await sha256OfFile(archivePath)
      if (expected !== actual) {
        const expectation =
          expected === undefined
            ? `${checksumsAsset} has no entry for it`
            : `expected SHA-256 ${expected}`
        throw new LoadTestError(
          'setup',
          `vegeta release archive ${asset} failed verification: ${expectation}, actual SHA-256 ${actual}; the archive was not used`
        )
      }

      const extractedDir = await toolCache.extractTar(archivePath)
      temporary.push(extractedDir)
      const extractedBinary = path.join(extractedDir, TOOL_NAME)
      if (!(await isFile(extractedBinary))) {
        log(`vegeta ${version}: ${asset} has no ${TOOL_NAME} at its root, not using it`)
        return undefined
      }
      await chmod(extractedBinary, 0o755)
      const installedDir = await toolCache.cacheDir(extractedDir, TOOL_NAME, version, arch)
      log(`vegeta ${version}: downloaded ${asset} (SHA-256 verified) into ${installedDir}`)
      return path.join(installedDir, TOOL_NAME)
    } finally {
      await Promise.all(temporary.map((file) => rm(file, { recursive: true, force: true })))
    }
  }
}

/** The hash sha256sum recorded for `fileName` (text `<hex>  name` or binary `<hex> *name`). */
function checksumEntry(checksums: string, fileName: string): string | undefined {
  for (const line of checksums.split('\n')) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(line.trim())
    if (match?.[2] === fileName) return match[1]?.toLowerCase()
  }
  return undefined
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function isFile(candidate: string): Promise<boolean> {
  try {
    return (await stat(candidate)).isFile()
  } catch {
    return false
  }
}
