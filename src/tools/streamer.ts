import path from 'node:path'
import { packageRoot } from '../package-root.js'
import { buildGoBinary } from './go-build.js'

/**
 * The streaming attacker: streamer/ (Go, on vegeta's library), which sends chat streams open
 * loop like `vegeta attack` and times every server-sent event (streamer/README.md).
 */

export interface ResolvedStreamer {
  binaryPath: string
  /** The hash of the sources it was built from (goBuildHash). */
  sourceHash: string
  /** True when an earlier build of the same sources was used. */
  reused: boolean
}

/** What one streaming attack is given, named as AttackPlan's (load/attack.ts) for vegeta. */
export interface StreamAttackPlan {
  /** Sent as X-Vegeta-Attack. */
  name: string
  /** vegeta's JSON targets (load/targets.ts writeTargetsFile). */
  targetsFile: string
  /** Requests per second over all targets together; an integer. */
  rate: number
  durationS: number
  timeoutS: number
  workers: number
  maxWorkers: number
}

/** The module the streamer needs from the Go module proxy (streamer/go.mod). */
const VEGETA_MODULE = 'github.com/tsenart/vegeta/v12'

/**
 * Why a failed build likely failed, when Go could not fetch vegeta's module: the build runs
 * with GOWORK=off and needs the Go module proxy (or a filled module cache).
 */
function streamerBuildHint(output: string): string | undefined {
  if (
    !/dial tcp|no such host|i\/o timeout|proxy\.golang\.org|GOPROXY|GOFLAGS=-mod=mod/.test(output)
  ) {
    return undefined
  }
  return `The streaming attacker needs ${VEGETA_MODULE} (pinned in streamer/go.mod) from the Go module proxy: allow access to it (GOPROXY), or fill the module cache beforehand with \`go mod download\` in streamer/.`
}

/**
 * The streaming attacker's binary, built with `go build` (GOWORK=off, only go.mod's pinned
 * versions) from `sourceDir` (default: streamer/ beside this package) into
 * `<toolsDir>/builds/streamer-<hash>/`, and reused while its sources and toolchain are
 * unchanged. Throws LoadTestError ('setup') when go is missing or the build fails, with Go's
 * output and, when a module could not be fetched, what to do about it.
 */
export async function resolveStreamer(
  toolsDir: string,
  log: (line: string) => void,
  sourceDir: string = path.join(packageRoot(), 'streamer')
): Promise<ResolvedStreamer> {
  const build = await buildGoBinary({
    name: 'streamer',
    packageDir: sourceDir,
    sourceRoot: sourceDir,
    buildsDir: path.join(toolsDir, 'builds'),
    log,
    failureHint: streamerBuildHint
  })
  return { binaryPath: build.binaryPath, sourceHash: build.sourceHash, reused: build.reused }
}

const toMs = (seconds: number): string => `${Math.round(seconds * 1000)}ms`

/**
 * The streamer's argv for one attack (its flags are named as vegeta attack's; see
 * streamer/README.md). Its output, one JSON line per request, goes to stdout, to be decoded
 * while it runs (load/stream-results.ts). Throws a RangeError for a rate that is not a
 * positive integer (the streamer's -rate counts whole requests per second).
 */
export function streamerArgv(streamerPath: string, plan: StreamAttackPlan): string[] {
  if (!Number.isInteger(plan.rate) || plan.rate <= 0) {
    throw new RangeError(
      `the streaming attacker's rate must be a positive integer, got ${plan.rate}`
    )
  }
  return [
    streamerPath,
    `-targets=${plan.targetsFile}`,
    `-name=${plan.name}`,
    `-rate=${plan.rate}`,
    `-duration=${toMs(plan.durationS)}`,
    `-timeout=${toMs(plan.timeoutS)}`,
    `-workers=${plan.workers}`,
    `-max-workers=${plan.maxWorkers}`
  ]
}
