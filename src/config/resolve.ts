import { existsSync } from 'node:fs'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import { OPTIONS, type OptionName, type RawOptions } from './options.js'
import type {
  BaseGatewaySource,
  BifrostModules,
  GatewaySource,
  LoadTestConfig,
  MockerSource,
  Mode
} from './types.js'
import { GIT_REF_PATTERN } from '../tools/git-worktree.js'
import { findMainPackage } from '../tools/bifrost-checkout.js'
import { BIFROST_MAX_CONNS_PER_HOST, loadBifrostConfig } from './bifrost-config.js'
import { loadBaselineResults, type BaselineResults } from './baseline.js'
import {
  executableFileProblem,
  outputDirectoryProblem,
  readableDirectoryProblem,
  readableFileProblem
} from './paths.js'
import {
  parseChoice,
  parseMode,
  parseCommand,
  parseDecimal,
  parseDurationS,
  parseHeaders,
  parseInteger,
  parseRegex,
  parseUrlPath,
  parseVersion,
  type Parsed
} from './values.js'

export interface ResolveContext {
  /**
   * Relative paths in options are taken from here: GITHUB_WORKSPACE in the action, the current
   * directory in the CLI. Output directories may lie inside it, never be it or contain it.
   */
  cwd: string
  /** This tool's own directory, which holds the default mocker/. */
  packageRoot: string
  /** Used when tools-dir is not given. */
  defaultToolsDir: string
}

const DEFAULTS: RawOptions = Object.fromEntries(
  OPTIONS.flatMap((option) =>
    'defaultValue' in option ? [[option.name, option.defaultValue]] : []
  )
)

const MAX_LATENCY_MS = 600_000
const MAX_DURATION_S = 24 * 3600
const MAX_PORT = 65_535

/**
 * Builds the one validated config from option layers (later layers win over earlier ones,
 * all over the seed's defaults). Every problem is collected, so a user fixes them in one go;
 * nothing is started before this returns.
 */
export function resolveConfig(layers: RawOptions[], context: ResolveContext): LoadTestConfig {
  const given: RawOptions = Object.assign({}, ...layers)
  const raw: RawOptions = { ...DEFAULTS, ...given }
  const problems: string[] = []

  function take<T>(name: OptionName, parse: (text: string) => Parsed<T>, fallback: T): T {
    const text = raw[name]
    if (text === undefined) return fallback
    const parsed = parse(text)
    if (parsed.ok) return parsed.value
    problems.push(`${name}: got ${JSON.stringify(text)}; expected ${parsed.allowed}.`)
    return fallback
  }
  const hasBase = (): boolean =>
    (
      ['base-bifrost-path', 'base-ref', 'base-gateway-binary', 'base-gateway-command'] as const
    ).some((name) => isGiven(name))
  const isGiven = (name: OptionName): boolean =>
    given[name] !== undefined && given[name]?.trim() !== ''
  const text = (name: OptionName): string => raw[name]?.trim() ?? ''
  const resolvePath = (name: OptionName): string => path.resolve(context.cwd, text(name))
  const check = (problem: string | undefined): void => {
    if (problem !== undefined) problems.push(problem)
  }

  const rate = take('rate', (t) => parseInteger(t, 1, 100_000), 1)
  const overheadDurationS = take(
    'overhead-duration',
    (t) => parseDurationS(t, 1, MAX_DURATION_S),
    1
  )
  const stressDurationS = take('stress-duration', (t) => parseDurationS(t, 1, MAX_DURATION_S), 1)
  const overheadMockerLatencyMs = take(
    'overhead-mocker-latency-ms',
    (t) => parseInteger(t, 0, MAX_LATENCY_MS),
    0
  )
  const stressMockerLatencyMs = take(
    'stress-mocker-latency-ms',
    (t) => parseInteger(t, 0, MAX_LATENCY_MS),
    0
  )
  const stressRuns = take('stress-runs', (t) => parseInteger(t, 1, 20), 1)
  const stressIdleS = take('stress-idle', (t) => parseDurationS(t, 0, MAX_DURATION_S), 0)
  // An invalid max-workers is reported once; the fallback must not trip the check below.
  const maxWorkers = take(
    'max-workers',
    (t) => parseInteger(t, 1, 1_000_000),
    Number.POSITIVE_INFINITY
  )
  const threshold = (name: OptionName): number =>
    take(name, (t) => parseDecimal(t, 0, 60_000_000), 0)
  const maxCalibrationExcessUs = threshold('max-calibration-excess-us')
  const maxOverheadUs = {
    mean: threshold('max-overhead-mean-us'),
    p50: threshold('max-overhead-p50-us'),
    p90: threshold('max-overhead-p90-us'),
    p95: threshold('max-overhead-p95-us'),
    p99: threshold('max-overhead-p99-us')
  }
  const maxRegressionUs = {
    mean: threshold('max-regression-mean-us'),
    p50: threshold('max-regression-p50-us'),
    p90: threshold('max-regression-p90-us'),
    p95: threshold('max-regression-p95-us'),
    p99: threshold('max-regression-p99-us')
  }
  const maxRegressionPct = isGiven('max-regression-pct')
    ? take('max-regression-pct', (t) => parseDecimal(t, 0, 10_000), undefined)
    : undefined
  const failOn = take('fail-on', (t) => parseChoice(t, ['checks', 'never'] as const), 'checks')
  const minStressSuccessRatePct = take('min-stress-success-rate', (t) => parseDecimal(t, 0, 100), 0)
  const modes = take('mode', parseMode, ['non-streaming'] as Mode[])
  const measurement = take(
    'measurement',
    (t) => parseChoice(t, ['interleaved', 'sequential'] as const),
    'interleaved'
  )
  const warmupDurationS = take('warmup-duration', (t) => parseDurationS(t, 0, MAX_DURATION_S), 0)
  const minAchievedRatePct = take('min-achieved-rate-pct', (t) => parseDecimal(t, 0, 100), 0)
  const maxBodyBytes = take('max-body-bytes', (t) => parseInteger(t, 1024, 64 * 1024 * 1024), 0)
  const readyTimeoutS = take('ready-timeout', (t) => parseDurationS(t, 1, 3600), 1)

  // An interleaved attack sends `rate` to each of its two targets at once; stress runs
  // have one target.
  const overheadTargets = measurement === 'interleaved' ? (hasBase() ? 3 : 2) : 1
  const overheadInFlight = overheadTargets * expectedInFlight(rate, overheadMockerLatencyMs)
  const stressInFlight = expectedInFlight(rate, stressMockerLatencyMs)
  if (maxWorkers < Math.max(overheadInFlight, stressInFlight)) {
    const [inFlight, how] =
      overheadInFlight >= stressInFlight
        ? [
            overheadInFlight,
            `rate ${rate}${overheadTargets > 1 ? ` × ${overheadTargets} interleaved targets` : ''} × ${overheadMockerLatencyMs} ms overhead mocker latency`
          ]
        : [stressInFlight, `rate ${rate} × ${stressMockerLatencyMs} ms stress mocker latency`]
    problems.push(
      `max-workers: got ${maxWorkers}; expected at least ${inFlight}, the requests in flight at ${how} (fewer workers would make vegeta wait, and the waiting would vanish from the latencies).`
    )
  }

  const vegetaVersion = take('vegeta-version', parseVersion, '')
  const vegetaPath = isGiven('vegeta-path') ? resolvePath('vegeta-path') : undefined
  if (vegetaPath !== undefined) check(executableFileProblem('vegeta-path', vegetaPath))

  const gatewaySource = resolveGatewaySource()
  if (isGiven('bifrost-modules') && gatewaySource && gatewaySource.kind !== 'bifrost-checkout') {
    problems.push(
      `bifrost-modules: applies to a checkout built from bifrost-path, not to ${gatewaySource.kind === 'binary' ? 'gateway-binary' : 'gateway-command'}; remove it.`
    )
  }
  const gatewayPort = take('gateway-port', (t) => parseInteger(t, 0, MAX_PORT), 0)
  const mockerPort = take('mocker-port', (t) => parseInteger(t, 0, MAX_PORT), 0)
  if (gatewayPort !== 0 && gatewayPort === mockerPort) {
    problems.push(
      `gateway-port and mocker-port: both are ${gatewayPort}; give them different ports.`
    )
  }
  const readyLogPattern = isGiven('gateway-ready-log')
    ? take('gateway-ready-log', parseRegex, '')
    : undefined
  const healthPath = readyLogPattern === undefined ? takeHealthPath() : ignoredHealthPath()
  // An empty template means gateway-command did not parse, which is already reported.
  if (
    gatewaySource?.kind === 'command' &&
    gatewaySource.argvTemplate.length > 0 &&
    gatewayPort === 0
  ) {
    const usesPort = gatewaySource.argvTemplate.some((word) => word.includes('{port}'))
    if (!usesPort) {
      problems.push(
        'gateway-command: has no {port} placeholder; expected one (the run picks the port), or set gateway-port to the port the gateway listens on.'
      )
    }
  }

  const requestPath = take('gateway-request-path', (t) => parseUrlPath(t, false), '')
  const headers = take('gateway-headers', parseHeaders, {})
  const bifrostConfigPath = resolveBifrostConfigPath()
  const baseline = resolveBaseline()

  // bifrost caps a provider's connections; a load needing more would queue in the gateway.
  const usesBifrostFlags =
    gatewaySource?.kind === 'bifrost-checkout' || gatewaySource?.kind === 'binary'
  // The gateway only sees its own share of an interleaved attack: `rate` per second.
  const gatewayLatencyMs = Math.max(overheadMockerLatencyMs, stressMockerLatencyMs)
  const gatewayInFlight = expectedInFlight(rate, gatewayLatencyMs)
  if (usesBifrostFlags && gatewayInFlight > BIFROST_MAX_CONNS_PER_HOST) {
    const latencyMs = gatewayLatencyMs
    problems.push(
      `rate: got ${rate}; at ${latencyMs} ms mock provider latency that is ${gatewayInFlight} requests in flight, more than the ${BIFROST_MAX_CONNS_PER_HOST} connections per host bifrost allows (network_config.max_conns_per_host): requests beyond it would wait for a free connection, and the wait would count as overhead. Expected rate × mocker latency ≤ ${BIFROST_MAX_CONNS_PER_HOST} requests (rate ≤ ${Math.floor((BIFROST_MAX_CONNS_PER_HOST * 1000) / latencyMs)} at ${latencyMs} ms).`
    )
  }

  const baseSource = resolveBaseSource()
  const mockerSource = resolveMockerSource()

  const resultsDir = resolvePath('results-dir')
  const toolsDir = isGiven('tools-dir') ? resolvePath('tools-dir') : context.defaultToolsDir
  const outputContext = { workspaceRoot: context.cwd }
  check(outputDirectoryProblem('results-dir', resultsDir, outputContext))
  check(outputDirectoryProblem('tools-dir', toolsDir, outputContext))

  if (problems.length > 0) {
    throw new LoadTestError(
      'input',
      `Invalid options (nothing was started):\n${problems.map((p) => `  - ${p}`).join('\n')}`
    )
  }

  return {
    rate,
    modes,
    measurement,
    warmupDurationS,
    minAchievedRatePct,
    maxCalibrationExcessUs,
    maxBodyBytes,
    overheadDurationS,
    stressDurationS,
    overheadMockerLatencyMs,
    stressMockerLatencyMs,
    stressRuns,
    stressIdleS,
    maxWorkers,
    maxOverheadUs,
    maxRegressionUs,
    ...(maxRegressionPct === undefined ? {} : { maxRegressionPct }),
    failOn,
    ...(baseline ? { baseline } : {}),
    minStressSuccessRatePct,
    readyTimeoutS,
    vegeta: { version: vegetaVersion, path: vegetaPath },
    gateway: {
      source: gatewaySource as GatewaySource,
      port: gatewayPort,
      healthPath,
      readyLogPattern,
      requestPath,
      model: text('gateway-model'),
      headers,
      ...(bifrostConfigPath ? { bifrostConfigPath } : {})
    },
    ...(baseSource ? { base: { source: baseSource } } : {}),
    mocker: { source: mockerSource as MockerSource, port: mockerPort, model: text('mocker-model') },
    resultsDir,
    toolsDir
  }

  // Readiness is decided by one thing: the log line when gateway-ready-log is set, else the
  // health path. The action always passes the health path's default, so only a path other
  // than the default counts as asking for both.
  function takeHealthPath(): string {
    const healthPath = take('gateway-health-path', (t) => parseUrlPath(t, true), '/health')
    if (healthPath === '') {
      problems.push(
        'gateway-health-path: got ""; expected a path such as /health, or set gateway-ready-log so readiness can be detected.'
      )
    }
    return healthPath
  }

  function ignoredHealthPath(): '' {
    const given = text('gateway-health-path')
    if (given !== '' && given !== DEFAULTS['gateway-health-path']) {
      problems.push(
        `gateway-health-path and gateway-ready-log: got ${JSON.stringify(given)} and ${JSON.stringify(text('gateway-ready-log'))}; expected one of them: the gateway is ready when its log matches gateway-ready-log, or, when that is empty, when gateway-health-path answers 2xx.`
      )
    }
    return ''
  }

  function resolveGatewaySource(): GatewaySource | undefined {
    const chosen = (['gateway-command', 'gateway-binary'] as const).filter(isGiven)
    if (chosen.length > 1 || (chosen.length === 1 && isGiven('bifrost-path'))) {
      const names = [...(isGiven('bifrost-path') ? ['bifrost-path'] : []), ...chosen]
      problems.push(
        `${names.join(' and ')}: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.`
      )
      return undefined
    }
    if (chosen[0] === 'gateway-command') {
      const argvTemplate = take('gateway-command', parseCommand, [] as string[])
      return { kind: 'command', argvTemplate }
    }
    if (chosen[0] === 'gateway-binary') {
      const binaryPath = resolvePath('gateway-binary')
      check(executableFileProblem('gateway-binary', binaryPath))
      return { kind: 'binary', path: binaryPath }
    }
    const checkoutPath = resolvePath('bifrost-path')
    const unreadable = readableDirectoryProblem('bifrost-path', checkoutPath)
    if (unreadable !== undefined) {
      problems.push(unreadable)
    } else if (findMainPackage(checkoutPath) === undefined) {
      problems.push(
        `bifrost-path: got ${JSON.stringify(text('bifrost-path'))} (${checkoutPath}), which has no bifrost-http main package (looked in transports/bifrost-http/, then transports/); expected a bifrost checkout, or set gateway-binary or gateway-command.`
      )
    }
    return { kind: 'bifrost-checkout', path: checkoutPath, modules: resolveBifrostModules() }
  }

  function resolveBifrostModules(): BifrostModules {
    const modules = text('bifrost-modules')
    if (modules === 'local' || modules === 'published') return modules
    problems.push(
      `bifrost-modules: got ${JSON.stringify(modules)}; expected local (the checkout's own modules, in a Go workspace) or published (the versions transports/go.mod pins).`
    )
    return 'local'
  }

  function resolveBifrostConfigPath(): string | undefined {
    if (!isGiven('bifrost-config')) return undefined
    const configPath = resolvePath('bifrost-config')
    const unreadable = readableFileProblem('bifrost-config', configPath)
    if (unreadable !== undefined) {
      problems.push(unreadable)
      return undefined
    }
    const loaded = loadBifrostConfig(configPath)
    if (!loaded.ok) {
      problems.push(
        `bifrost-config: got ${JSON.stringify(text('bifrost-config'))} (${configPath}), ${loaded.problem}.`
      )
      return undefined
    }
    return configPath
  }

  function resolveBaseline(): BaselineResults | undefined {
    if (!isGiven('baseline-results')) return undefined
    const baselinePath = resolvePath('baseline-results')
    const unreadable = readableFileProblem('baseline-results', baselinePath)
    if (unreadable !== undefined) {
      problems.push(unreadable)
      return undefined
    }
    const loaded = loadBaselineResults(baselinePath)
    if (!loaded.ok) {
      problems.push(
        `baseline-results: got ${JSON.stringify(text('baseline-results'))} (${baselinePath}), ${loaded.problem}.`
      )
      return undefined
    }
    return loaded.baseline
  }

  function resolveBaseSource(): BaseGatewaySource | undefined {
    const chosen = (
      ['base-bifrost-path', 'base-ref', 'base-gateway-binary', 'base-gateway-command'] as const
    ).filter(isGiven)
    if (chosen.length === 0) return undefined
    if (chosen.length > 1) {
      problems.push(
        `${chosen.join(' and ')}: more than one base given; expected at most one of base-bifrost-path, base-ref, base-gateway-binary or base-gateway-command.`
      )
      return undefined
    }
    const modules = gatewaySource?.kind === 'bifrost-checkout' ? gatewaySource.modules : undefined
    switch (chosen[0]) {
      case 'base-ref': {
        const ref = text('base-ref')
        if (!GIT_REF_PATTERN.test(ref)) {
          problems.push(
            `base-ref: got ${JSON.stringify(ref)}; expected a branch, tag or commit name.`
          )
        }
        if (gatewaySource?.kind !== 'bifrost-checkout') {
          problems.push(
            'base-ref: needs bifrost-path, a git checkout whose repository holds the ref; with another gateway, give base-gateway-binary or base-gateway-command.'
          )
          return undefined
        }
        return { kind: 'git-ref', repositoryPath: gatewaySource.path, ref, modules }
      }
      case 'base-bifrost-path': {
        const basePath = resolvePath('base-bifrost-path')
        const unreadable = readableDirectoryProblem('base-bifrost-path', basePath)
        if (unreadable !== undefined) problems.push(unreadable)
        else if (findMainPackage(basePath) === undefined) {
          problems.push(
            `base-bifrost-path: got ${JSON.stringify(text('base-bifrost-path'))} (${basePath}), which has no bifrost-http main package (looked in transports/bifrost-http/, then transports/); expected a bifrost checkout of the base.`
          )
        }
        return { kind: 'bifrost-checkout', path: basePath, modules }
      }
      case 'base-gateway-binary': {
        const binaryPath = resolvePath('base-gateway-binary')
        check(executableFileProblem('base-gateway-binary', binaryPath))
        return { kind: 'binary', path: binaryPath }
      }
      case 'base-gateway-command': {
        const argvTemplate = take('base-gateway-command', parseCommand, [] as string[])
        if (argvTemplate.length > 0 && !argvTemplate.some((word) => word.includes('{port}'))) {
          problems.push(
            "base-gateway-command: has no {port} placeholder; expected one (the run picks the base gateway's port)."
          )
        }
        return { kind: 'command', argvTemplate }
      }
      default:
        return undefined
    }
  }

  function resolveMockerSource(): MockerSource | undefined {
    const chosen = (['mocker-path', 'mocker-binary', 'mocker-repository'] as const).filter(isGiven)
    if (chosen.length > 1) {
      problems.push(
        `${chosen.join(' and ')}: more than one mock provider given; expected at most one of mocker-path, mocker-binary or mocker-repository.`
      )
      return undefined
    }
    if (chosen[0] === 'mocker-binary') {
      const binaryPath = resolvePath('mocker-binary')
      check(executableFileProblem('mocker-binary', binaryPath))
      return { kind: 'binary', path: binaryPath }
    }
    if (chosen[0] === 'mocker-repository') {
      const subdirectory = text('mocker-subdirectory')
      if (path.isAbsolute(subdirectory) || subdirectory.split(/[\\/]/).includes('..')) {
        problems.push(
          `mocker-subdirectory: got ${JSON.stringify(subdirectory)}; expected a relative path inside the repository.`
        )
      }
      const ref = text('mocker-ref')
      if (!/^[\w./-]+$/.test(ref) || ref.startsWith('-')) {
        problems.push(
          `mocker-ref: got ${JSON.stringify(ref)}; expected a branch, tag or commit name.`
        )
      }
      return { kind: 'git', repository: text('mocker-repository'), ref, subdirectory }
    }
    const directory = isGiven('mocker-path')
      ? resolvePath('mocker-path')
      : path.join(context.packageRoot, 'mocker')
    const unreadable = readableDirectoryProblem('mocker-path', directory)
    if (unreadable !== undefined) {
      problems.push(unreadable)
    } else if (
      !existsSync(path.join(directory, 'go.mod')) &&
      !existsSync(path.join(directory, 'main.go'))
    ) {
      problems.push(
        `mocker-path: got ${JSON.stringify(directory)}, which holds no Go package (no go.mod or main.go); expected the mock provider's source directory.`
      )
    }
    return { kind: 'directory', path: directory }
  }
}

/** Requests in flight when every request waits latencyMs: the workers vegeta needs. */
export function expectedInFlight(rate: number, latencyMs: number): number {
  return Math.max(1, Math.ceil((rate * latencyMs) / 1000))
}
