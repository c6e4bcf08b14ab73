import { LoadTestError } from './errors.js'

/**
 * Throws LoadTestError('setup') unless `platform` is Linux: the engine samples the gateway's
 * processes from /proc and stops process groups the Linux way, so elsewhere a run could only
 * fail midway.
 */
export function assertLinux(platform: NodeJS.Platform = process.platform): void {
  if (platform === 'linux') return
  throw new LoadTestError(
    'setup',
    `bifrost-load-test runs on Linux only (it reads /proc to sample the gateway's processes); this is ${platform}. On GitHub, use a Linux runner such as runs-on: ubuntu-latest.`
  )
}
