import path from 'node:path'
import {
  OPTIONS,
  valueKindOf,
  type OptionName,
  type OptionValue,
  type RawOptions
} from './options.js'
import type {
  BaseGatewaySource,
  GatewayConfig,
  GatewaySource,
  LoadTestConfig,
  MockerSource
} from './types.js'

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

/**
 * A file or directory an option names, and what it must be; checked by the preflight
 * (src/tools/preflight.ts) before anything starts.
 */
export interface FileCheck {
  option: OptionName
  expect:
    | 'executable'
    | 'output-directory'
    | 'bifrost-checkout'
    | 'go-package'
    | 'bifrost-config'
    | 'baseline-results'
  /** Absolute. */
  path: string
  /** The option's own text, quoted beside the path where a user may not recognise that one. */
  given: string
}

export interface ResolvedOptions {
  /**
   * The config, without its baseline (read by the preflight). When `problems` is not empty, a
   * draft: stand-ins hold the place of what was refused.
   */
  config: LoadTestConfig
  /** What is wrong with the options, one sentence each naming the options; empty when none. */
  problems: string[]
  /** The files and directories the options name, in the order of the options. */
  files: FileCheck[]
}

const DEFAULTS: RawOptions = Object.fromEntries(
  OPTIONS.flatMap((option) =>
    'defaultValue' in option ? [[option.name, option.defaultValue]] : []
  )
)

/**
 * Option layers merged (later layers win over earlier ones, all over the defaults), read
 * through the option table's value kinds; collects problems and the files to check.
 */
class Options {
  readonly problems: string[] = []
  readonly files: FileCheck[] = []
  private readonly given: RawOptions
  private readonly raw: RawOptions

  constructor(
    layers: RawOptions[],
    readonly context: ResolveContext
  ) {
    this.given = Object.assign({}, ...layers)
    this.raw = { ...DEFAULTS, ...this.given }
  }

  /** Given by the user as something other than blanks (a default does not count). */
  isGiven(name: OptionName): boolean {
    const text = this.given[name]
    return text !== undefined && text.trim() !== ''
  }

  /** The trimmed text, given or default; empty when neither. */
  text(name: OptionName): string {
    return this.raw[name]?.trim() ?? ''
  }

  /** The value read by the option's own parser; its stand-in when refused (a problem) or unset. */
  value<N extends OptionName>(name: N): OptionValue<N> {
    const kind = valueKindOf(name)
    const text = this.raw[name]
    if (text === undefined) return kind.standIn
    const parsed = kind.parse(text)
    if (parsed.ok) return parsed.value
    this.refuse(`${name}: got ${JSON.stringify(text)}; expected ${parsed.allowed}.`)
    return kind.standIn
  }

  /** The option's path, resolved against the working directory. */
  path(name: OptionName): string {
    return path.resolve(this.context.cwd, this.text(name))
  }

  refuse(problem: string): void {
    this.problems.push(problem)
  }

  /** The option's path (or `resolved`, a default of its own), listed for the preflight. */
  file(name: OptionName, expect: FileCheck['expect'], resolved = this.path(name)): string {
    this.files.push({ option: name, expect, path: resolved, given: this.text(name) })
    return resolved
  }

  /** As file(), when the option is given; undefined otherwise. */
  givenFile(name: OptionName, expect: FileCheck['expect']): string | undefined {
    return this.isGiven(name) ? this.file(name, expect) : undefined
  }
}

/**
 * Reads option layers into one config: each value by its row of the option table, then the
 * rules between options, each a function below. Every problem is collected, so a user fixes
 * them in one go. Pure: reads no file (the preflight checks `files`), starts nothing.
 */
export function resolveOptions(layers: RawOptions[], context: ResolveContext): ResolvedOptions {
  const options = new Options(layers, context)
  const load = loadSettings(options)
  const limits = limitSettings(options)
  const vegeta = {
    version: options.value('vegeta-version'),
    path: options.givenFile('vegeta-path', 'executable')
  }
  const source = onlyOneGateway(options)
  bifrostModulesOnlyForACheckout(options, source)
  const ports = distinctPorts(options)
  const readiness = oneReadinessSignal(options)
  commandTakesItsPort(options, source, ports.gateway)
  const requestPath = options.value('gateway-request-path')
  const headers = options.value('gateway-headers')
  const bifrostConfigPath = options.givenFile('bifrost-config', 'bifrost-config')
  const gateway: GatewayConfig = {
    // A refused source is reported; this stand-in trips no rule that reads the draft.
    source: source ?? { kind: 'command', argvTemplate: [] },
    port: ports.gateway,
    ...readiness,
    requestPath,
    model: options.text('gateway-model'),
    headers,
    ...(bifrostConfigPath ? { bifrostConfigPath } : {})
  }
  options.givenFile('baseline-results', 'baseline-results')
  const base = onlyOneBase(options, gateway.source)
  const mocker = {
    source: onlyOneMocker(options),
    port: ports.mocker,
    model: options.text('mocker-model')
  }
  const config: LoadTestConfig = {
    ...load,
    ...limits,
    vegeta,
    gateway,
    ...(base ? { base: { source: base } } : {}),
    mocker,
    ...outputDirectories(options)
  }
  return { config, problems: options.problems, files: options.files }
}

/** What the load is: rate, modes, method and lengths; vegeta's workers and body limit. */
function loadSettings(options: Options) {
  return {
    rate: options.value('rate'),
    modes: options.value('mode'),
    measurement: options.value('measurement'),
    warmupDurationS: options.value('warmup-duration'),
    minAchievedRatePct: options.value('min-achieved-rate-pct'),
    maxCalibrationExcessUs: options.value('max-calibration-excess-us'),
    maxBodyBytes: options.value('max-body-bytes'),
    overheadDurationS: options.value('overhead-duration'),
    stressDurationS: options.value('stress-duration'),
    overheadMockerLatencyMs: options.value('overhead-mocker-latency-ms'),
    stressMockerLatencyMs: options.value('stress-mocker-latency-ms'),
    stressRuns: options.value('stress-runs'),
    stressIdleS: options.value('stress-idle'),
    maxWorkers: options.value('max-workers'),
    readyTimeoutS: options.value('ready-timeout')
  }
}

/** The limits the checks apply; max-regression-pct only when given. */
function limitSettings(options: Options) {
  const maxRegressionPct = options.isGiven('max-regression-pct')
    ? options.value('max-regression-pct')
    : undefined
  return {
    maxOverheadUs: {
      mean: options.value('max-overhead-mean-us'),
      p50: options.value('max-overhead-p50-us'),
      p90: options.value('max-overhead-p90-us'),
      p95: options.value('max-overhead-p95-us'),
      p99: options.value('max-overhead-p99-us')
    },
    maxRegressionUs: {
      mean: options.value('max-regression-mean-us'),
      p50: options.value('max-regression-p50-us'),
      p90: options.value('max-regression-p90-us'),
      p95: options.value('max-regression-p95-us'),
      p99: options.value('max-regression-p99-us')
    },
    ...(maxRegressionPct === undefined ? {} : { maxRegressionPct }),
    failOn: options.value('fail-on'),
    minStressSuccessRatePct: options.value('min-stress-success-rate')
  }
}

/** Exactly one of bifrost-path (the default "."), gateway-binary or gateway-command. */
function onlyOneGateway(options: Options): GatewaySource | undefined {
  const chosen = (['gateway-command', 'gateway-binary'] as const).filter((name) =>
    options.isGiven(name)
  )
  const withCheckout = options.isGiven('bifrost-path')
  if (chosen.length > 1 || (chosen.length === 1 && withCheckout)) {
    const names = [...(withCheckout ? ['bifrost-path'] : []), ...chosen]
    options.refuse(
      `${names.join(' and ')}: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.`
    )
    return undefined
  }
  if (chosen[0] === 'gateway-command') {
    return { kind: 'command', argvTemplate: options.value('gateway-command') }
  }
  if (chosen[0] === 'gateway-binary') {
    return { kind: 'binary', path: options.file('gateway-binary', 'executable') }
  }
  return {
    kind: 'bifrost-checkout',
    path: options.file('bifrost-path', 'bifrost-checkout'),
    modules: options.value('bifrost-modules')
  }
}

/** bifrost-modules says how a checkout is built: given with a prebuilt or any gateway, it is a mistake. */
function bifrostModulesOnlyForACheckout(options: Options, source: GatewaySource | undefined): void {
  if (!options.isGiven('bifrost-modules') || !source || source.kind === 'bifrost-checkout') return
  options.refuse(
    `bifrost-modules: applies to a checkout built from bifrost-path, not to ${source.kind === 'binary' ? 'gateway-binary' : 'gateway-command'}; remove it.`
  )
}

/** gateway-port and mocker-port, different unless both 0 (the run picks free ones). */
function distinctPorts(options: Options): { gateway: number; mocker: number } {
  const gateway = options.value('gateway-port')
  const mocker = options.value('mocker-port')
  if (gateway !== 0 && gateway === mocker) {
    options.refuse(`gateway-port and mocker-port: both are ${gateway}; give them different ports.`)
  }
  return { gateway, mocker }
}

/**
 * Readiness is decided by one thing: the log line when gateway-ready-log is set, else the
 * health path. The action always passes the health path's default, so only a path other
 * than the default counts as asking for both.
 */
function oneReadinessSignal(
  options: Options
): Pick<GatewayConfig, 'healthPath' | 'readyLogPattern'> {
  if (!options.isGiven('gateway-ready-log')) {
    const healthPath = options.value('gateway-health-path')
    if (healthPath === '') {
      options.refuse(
        'gateway-health-path: got ""; expected a path such as /health, or set gateway-ready-log so readiness can be detected.'
      )
    }
    return { healthPath, readyLogPattern: undefined }
  }
  const readyLogPattern = options.value('gateway-ready-log')
  const healthPath = options.text('gateway-health-path')
  if (healthPath !== '' && healthPath !== DEFAULTS['gateway-health-path']) {
    options.refuse(
      `gateway-health-path and gateway-ready-log: got ${JSON.stringify(healthPath)} and ${JSON.stringify(options.text('gateway-ready-log'))}; expected one of them: the gateway is ready when its log matches gateway-ready-log, or, when that is empty, when gateway-health-path answers 2xx.`
    )
  }
  return { healthPath: '', readyLogPattern }
}

/** The run picks the gateway's port, so a gateway-command must take {port} unless gateway-port is set. */
function commandTakesItsPort(
  options: Options,
  source: GatewaySource | undefined,
  port: number
): void {
  // An empty template means gateway-command did not parse, which is already reported.
  if (source?.kind !== 'command' || source.argvTemplate.length === 0 || port !== 0) return
  if (!source.argvTemplate.some((word) => word.includes('{port}'))) {
    options.refuse(
      'gateway-command: has no {port} placeholder; expected one (the run picks the port), or set gateway-port to the port the gateway listens on.'
    )
  }
}

/**
 * At most one base to compare against. base-ref is a ref of the head checkout's repository,
 * so it needs bifrost-path; a base built from a checkout takes the head's bifrost-modules; a
 * base-gateway-command must take {port}, since the run always picks the base's port.
 */
function onlyOneBase(options: Options, head: GatewaySource): BaseGatewaySource | undefined {
  const chosen = (
    ['base-bifrost-path', 'base-ref', 'base-gateway-binary', 'base-gateway-command'] as const
  ).filter((name) => options.isGiven(name))
  if (chosen.length === 0) return undefined
  if (chosen.length > 1) {
    options.refuse(
      `${chosen.join(' and ')}: more than one base given; expected at most one of base-bifrost-path, base-ref, base-gateway-binary or base-gateway-command.`
    )
    return undefined
  }
  const modules = head.kind === 'bifrost-checkout' ? head.modules : undefined
  switch (chosen[0]) {
    case 'base-ref': {
      const ref = options.value('base-ref')
      if (head.kind !== 'bifrost-checkout') {
        options.refuse(
          'base-ref: needs bifrost-path, a git checkout whose repository holds the ref; with another gateway, give base-gateway-binary or base-gateway-command.'
        )
        return undefined
      }
      return { kind: 'git-ref', repositoryPath: head.path, ref, modules }
    }
    case 'base-bifrost-path': {
      const basePath = options.file('base-bifrost-path', 'bifrost-checkout')
      return { kind: 'bifrost-checkout', path: basePath, modules }
    }
    case 'base-gateway-binary': {
      return { kind: 'binary', path: options.file('base-gateway-binary', 'executable') }
    }
    case 'base-gateway-command': {
      const argvTemplate = options.value('base-gateway-command')
      if (argvTemplate.length > 0 && !argvTemplate.some((word) => word.includes('{port}'))) {
        options.refuse(
          "base-gateway-command: has no {port} placeholder; expected one (the run picks the base gateway's port)."
        )
      }
      return { kind: 'command', argvTemplate }
    }
    default:
      return undefined
  }
}

/**
 * At most one of mocker-path, mocker-binary or mocker-repository; none means this tool's own
 * mocker/. mocker-ref and mocker-subdirectory apply to a repository only.
 */
function onlyOneMocker(options: Options): MockerSource {
  const chosen = (['mocker-path', 'mocker-binary', 'mocker-repository'] as const).filter((name) =>
    options.isGiven(name)
  )
  const directory = options.isGiven('mocker-path')
    ? options.path('mocker-path')
    : path.join(options.context.packageRoot, 'mocker')
  if (chosen.length > 1) {
    options.refuse(
      `${chosen.join(' and ')}: more than one mock provider given; expected at most one of mocker-path, mocker-binary or mocker-repository.`
    )
    // A stand-in: the refusal is reported, and a draft's files are not checked for it.
    return { kind: 'directory', path: directory }
  }
  if (chosen[0] === 'mocker-binary') {
    return { kind: 'binary', path: options.file('mocker-binary', 'executable') }
  }
  if (chosen[0] === 'mocker-repository') {
    return {
      kind: 'git',
      repository: options.text('mocker-repository'),
      subdirectory: options.value('mocker-subdirectory'),
      ref: options.value('mocker-ref')
    }
  }
  return { kind: 'directory', path: options.file('mocker-path', 'go-package', directory) }
}

/** Where results and tools go; both checked by the preflight, since both are written. */
function outputDirectories(options: Options): Pick<LoadTestConfig, 'resultsDir' | 'toolsDir'> {
  return {
    resultsDir: options.file('results-dir', 'output-directory'),
    toolsDir: options.isGiven('tools-dir')
      ? options.file('tools-dir', 'output-directory')
      : options.file('tools-dir', 'output-directory', options.context.defaultToolsDir)
  }
}
