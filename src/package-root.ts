import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE_NAME = 'bifrost-load-test'

/**
 * This tool's own directory (it holds mocker/), found from the running file: src/ under
 * tsx, dist/ or dist/post/ when bundled, wherever the action or package was unpacked.
 */
export function packageRoot(fromUrl: string = import.meta.url): string {
  let directory = path.dirname(fileURLToPath(fromUrl))
  for (;;) {
    const manifest = path.join(directory, 'package.json')
    if (existsSync(manifest)) {
      try {
        if (
          (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
        ) {
          return directory
        }
      } catch {
        // not ours; keep looking upwards
      }
    }
    const parent = path.dirname(directory)
    if (parent === directory) {
      throw new Error(`cannot find the ${PACKAGE_NAME} package around ${fromUrl}`)
    }
    directory = parent
  }
}

export function defaultToolsDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  return path.join(cacheHome, PACKAGE_NAME)
}
