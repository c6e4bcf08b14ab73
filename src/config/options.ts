import {
  choice,
  cloneRef,
  command,
  decimal,
  duration,
  gitRef,
  headers,
  integer,
  modes,
  regex,
  relativePath,
  text,
  urlPath,
  version,
  type ValueKind
} from './values.js'

/**
 * Every option of a run, in one table: the CLI's flags, the action's inputs and the
 * config file's keys all use these kebab-case names, these defaults and these texts; each
 * row's value kind holds its parser and range, from which resolveOptions
 * (src/config/resolve.ts) reads the value and configFileSchema (src/config/schema.ts) its
 * JSON Schema. Defaults are the seed script's.
 */
export interface OptionSpec {
  name: string
  /** How the text is read and checked, and the JSON type a config file may give. */
  value: ValueKind<unknown>
  description: string
  /** The default as the user would type it; undefined when unset means "not used". */
  defaultValue?: string
  /** How the value is shown in --help. */
  valueHint: string
}

const MAX_DURATION_S = 24 * 3600
const MAX_LATENCY_MS = 600_000
const PORT = integer(0, 65_535)
/** Limits in µs: up to a minute. */
const THRESHOLD_US = decimal(0, 60_000_000)
/** A refused max-workers is reported once: its stand-in must not trip the workers check. */
const WORKERS: ValueKind<number> = {
  ...integer(1, 1_000_000),
  standIn: Number.POSITIVE_INFINITY
}
const BIFROST_MODULES = choice(
  ['local', 'published'],
  "local (the checkout's own modules, in a Go workspace) or published (the versions transports/go.mod pins)"
)

export const OPTIONS = [
  {
    name: 'rate',
    value: integer(1, 100_000),
    valueHint: 'RPS',
    defaultValue: '1000',
    description:
      'Requests per second to each target in every phase: an interleaved attack sends this rate to the mock provider, to the gateway and to any base, each.'
  },
  {
    name: 'overhead-duration',
    value: duration(1, MAX_DURATION_S),
    valueHint: 'DURATION',
    defaultValue: '30s',
    description: 'Length of the calibration and of the overhead phase (e.g. 30s, 2m, 1m30s).'
  },
  {
    name: 'stress-duration',
    value: duration(1, MAX_DURATION_S),
    valueHint: 'DURATION',
    defaultValue: '30s',
    description: 'Length of each stress run.'
  },
  {
    name: 'overhead-mocker-latency-ms',
    value: integer(0, MAX_LATENCY_MS),
    valueHint: 'MS',
    defaultValue: '1000',
    description: 'Latency the mock provider adds to each request during calibration and overhead.'
  },
  {
    name: 'stress-mocker-latency-ms',
    value: integer(0, MAX_LATENCY_MS),
    valueHint: 'MS',
    defaultValue: '1000',
    description: 'Latency the mock provider adds to each request during the stress runs.'
  },
  {
    name: 'stress-runs',
    value: integer(1, 20),
    valueHint: 'N',
    defaultValue: '2',
    description: 'Number of stress runs after the restart, separated by an idle period.'
  },
  {
    name: 'stress-idle',
    value: duration(0, MAX_DURATION_S),
    valueHint: 'DURATION',
    defaultValue: '30s',
    description: 'Idle time between stress runs (catches connections that go stale while idle).'
  },
  {
    name: 'max-workers',
    value: WORKERS,
    valueHint: 'N',
    defaultValue: '12000',
    description:
      'Upper bound on vegeta workers; must cover rate × mocker latency, or waiting vanishes from the latencies.'
  },
  {
    name: 'mode',
    value: modes,
    valueHint: 'MODE',
    defaultValue: 'non-streaming',
    description:
      'Which requests to measure: non-streaming, streaming ("stream": true, server-sent events) or both; each mode gets its own calibration, overhead and stress runs.'
  },
  {
    name: 'measurement',
    value: choice(['interleaved', 'sequential']),
    valueHint: 'METHOD',
    defaultValue: 'interleaved',
    description:
      "interleaved: calibration and overhead in one vegeta attack whose requests alternate between the mock provider and the gateway, each at rate, so machine noise hits both alike; sequential: the seed's two attacks one after the other."
  },
  {
    name: 'warmup-duration',
    value: duration(0, MAX_DURATION_S),
    valueHint: 'DURATION',
    defaultValue: '3s',
    description:
      'Warm-up at the same rate against every target before each overhead measurement; recorded in the results, left out of the statistics. 0s for none.'
  },
  {
    name: 'min-achieved-rate-pct',
    value: decimal(0, 100),
    valueHint: 'PERCENT',
    defaultValue: '99',
    description:
      'Smallest achieved rate of a measured phase, in percent of the configured rate; below it (or when vegeta reaches max-workers) the latencies miss the waiting (coordinated omission) and the check fails.'
  },
  {
    name: 'max-calibration-excess-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '10000',
    description:
      "Largest allowed p50 of the direct (calibration) requests beyond the mock provider's configured latency, in microseconds; above it the runner could not keep up (its CPU saturated by vegeta, the mock provider or the gateway itself), so the run is invalid rather than the gateway slow."
  },
  {
    name: 'max-body-bytes',
    value: integer(1024, 64 * 1024 * 1024),
    valueHint: 'BYTES',
    defaultValue: '65536',
    description:
      'Response bytes vegeta keeps per request so that each response can be checked to be a chat completion; a longer body counts as invalid (raise this).'
  },
  {
    name: 'max-overhead-mean-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '5000',
    description: 'Largest allowed mean overhead, in microseconds.'
  },
  {
    name: 'max-overhead-p50-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '5000',
    description: 'Largest allowed p50 overhead, in microseconds.'
  },
  {
    name: 'max-overhead-p90-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '10000',
    description: 'Largest allowed p90 overhead, in microseconds.'
  },
  {
    name: 'max-overhead-p95-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '20000',
    description: 'Largest allowed p95 overhead, in microseconds.'
  },
  {
    name: 'max-overhead-p99-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '100000',
    description: 'Largest allowed p99 overhead, in microseconds.'
  },
  {
    name: 'max-regression-mean-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '100',
    description:
      "With a base to compare against: largest allowed mean regression (head − base), in microseconds; the check fails only when the regression's lower 95% confidence bound exceeds it, so noise alone cannot fail a pull request."
  },
  {
    name: 'max-regression-p50-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '100',
    description: 'Largest allowed p50 regression (head − base), in microseconds, as above.'
  },
  {
    name: 'max-regression-p90-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '250',
    description: 'Largest allowed p90 regression (head − base), in microseconds, as above.'
  },
  {
    name: 'max-regression-p95-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '500',
    description: 'Largest allowed p95 regression (head − base), in microseconds, as above.'
  },
  {
    name: 'max-regression-p99-us',
    value: THRESHOLD_US,
    valueHint: 'US',
    defaultValue: '1000',
    description: 'Largest allowed p99 regression (head − base), in microseconds, as above.'
  },
  {
    name: 'max-regression-pct',
    value: decimal(0, 10_000),
    valueHint: 'PERCENT',
    description:
      "Also allow a regression up to this share of the base's own overhead, per statistic, when that is more than the microsecond limit; unset for microsecond limits only."
  },
  {
    name: 'fail-on',
    value: choice(['checks', 'never']),
    valueHint: 'WHEN',
    defaultValue: 'checks',
    description:
      'checks: a failed check fails the step (the CLI exits 1); never: failed checks are reported only, the step passes (the CLI exits 0) and the outputs and summary carry the verdict (a nightly, a fork pull request). Bad inputs, setup failures, a service that dies mid-run and interruptions fail the step whatever this says.'
  },
  {
    name: 'baseline-results',
    value: text,
    valueHint: 'PATH',
    description:
      "An earlier run's load-test-results.json (e.g. last night's on the default branch) whose overhead is shown beside this run's, per statistic, with the difference: informative only (another runner, another day), it fails nothing. In the action, on a pull request with cache on and this left empty, the newest baseline a save-baseline run stored for the base branch is used."
  },
  {
    name: 'min-stress-success-rate',
    value: decimal(0, 100),
    valueHint: 'PERCENT',
    defaultValue: '100',
    description:
      'Smallest allowed success rate, in percent (0–100), of each stress run and of the overhead phase (failed requests are not overhead); a warm-up below it stops the run at once, as a failure of the gateway (or of the mock provider).'
  },
  {
    name: 'ready-timeout',
    value: duration(1, 3600),
    valueHint: 'DURATION',
    defaultValue: '60s',
    description: 'How long the mocker and the gateway may take to become ready.'
  },
  {
    name: 'vegeta-version',
    value: version,
    valueHint: 'X.Y.Z',
    defaultValue: '12.13.0',
    description: 'vegeta version to use or install.'
  },
  {
    name: 'vegeta-path',
    value: text,
    valueHint: 'PATH',
    description: 'A vegeta binary to use instead of looking on PATH or installing one.'
  },
  {
    name: 'bifrost-path',
    value: text,
    valueHint: 'DIR',
    defaultValue: '.',
    description:
      'A bifrost checkout; its bifrost-http main package (transports/bifrost-http/) is built without writing into the checkout. Used unless gateway-binary or gateway-command is set.'
  },
  {
    name: 'bifrost-modules',
    value: BIFROST_MODULES,
    valueHint: 'local|published',
    defaultValue: 'local',
    description:
      "Which bifrost modules the checkout's gateway is built with: local builds in a Go workspace of the checkout's own core, framework, plugins and transports (the code under test); published builds with GOWORK=off against the versions transports/go.mod pins."
  },
  {
    name: 'bifrost-config',
    value: text,
    valueHint: 'PATH',
    description:
      "Your bifrost config.json (plugins, governance, logging: what you ship) to run the gateway with; its providers.openai base URL and every key value are replaced to point at the mock provider, the rest is kept. Default: a minimal config of the tool's own."
  },
  {
    name: 'gateway-binary',
    value: text,
    valueHint: 'PATH',
    description: "A prebuilt gateway binary taking bifrost-http's flags (-app-dir, -port, -host)."
  },
  {
    name: 'gateway-command',
    value: command,
    valueHint: 'COMMAND',
    description:
      'Any OpenAI-compatible gateway: a command (split like a shell would, never run by one, or a JSON array) with placeholders {host}, {port}, {upstream} (the mocker base URL) and {app_dir}.'
  },
  {
    name: 'base-bifrost-path',
    value: text,
    valueHint: 'DIR',
    description:
      "A second bifrost checkout to compare against (e.g. the pull request's base checked out into base/): built like bifrost-path, run beside it, and measured in the same attack, so the regression head − base is measured in one job."
  },
  {
    name: 'base-ref',
    value: gitRef,
    valueHint: 'REF',
    description:
      "A branch, tag or commit of bifrost-path's git repository to compare against (e.g. ${{ github.base_ref }}): checked out into a temporary git worktree outside the workspace (fetched from origin when missing), built, and removed afterwards."
  },
  {
    name: 'base-gateway-binary',
    value: text,
    valueHint: 'PATH',
    description: "A prebuilt base gateway (bifrost-http's flags) to compare against."
  },
  {
    name: 'base-gateway-command',
    value: command,
    valueHint: 'COMMAND',
    description:
      'A base gateway to compare against, started from a command with the placeholders of gateway-command ({port} required).'
  },
  {
    name: 'gateway-port',
    value: PORT,
    valueHint: 'PORT',
    defaultValue: '0',
    description: 'Port for the gateway on 127.0.0.1; 0 picks a free one.'
  },
  {
    name: 'gateway-health-path',
    value: urlPath(true),
    valueHint: 'PATH',
    defaultValue: '/health',
    description:
      'Path polled until it answers 2xx to tell that the gateway is ready. Not polled when gateway-ready-log is set: leave it at /health or empty then.'
  },
  {
    name: 'gateway-ready-log',
    value: regex,
    valueHint: 'REGEX',
    description:
      'A regular expression; when set, the gateway is ready once a line of its log matches, and gateway-health-path is not polled (for a gateway without a health route).'
  },
  {
    name: 'gateway-request-path',
    value: urlPath(false),
    valueHint: 'PATH',
    defaultValue: '/v1/chat/completions',
    description: 'Path of the chat completions endpoint on the gateway.'
  },
  {
    name: 'gateway-model',
    value: text,
    valueHint: 'MODEL',
    defaultValue: 'openai/gpt-4o-mini',
    description: 'Model name sent through the gateway.'
  },
  {
    name: 'gateway-headers',
    value: headers,
    valueHint: 'HEADERS',
    defaultValue: '',
    description:
      'Extra headers sent to the gateway: "Name: value" lines, or a JSON object of names to values.'
  },
  {
    name: 'mocker-path',
    value: text,
    valueHint: 'DIR',
    description: "A Go mock provider to build; default: this tool's own mocker/."
  },
  {
    name: 'mocker-binary',
    value: text,
    valueHint: 'PATH',
    description: 'A prebuilt mock provider taking -host, -port and -latency.'
  },
  {
    name: 'mocker-repository',
    value: text,
    valueHint: 'URL',
    description:
      'A git repository holding the mock provider, e.g. https://github.com/maximhq/bifrost-benchmarking.'
  },
  {
    name: 'mocker-ref',
    value: cloneRef,
    valueHint: 'REF',
    defaultValue: 'main',
    description: 'Branch, tag or commit of mocker-repository.'
  },
  {
    name: 'mocker-subdirectory',
    value: relativePath,
    valueHint: 'DIR',
    defaultValue: 'mocker',
    description: 'Directory of the mock provider inside mocker-repository.'
  },
  {
    name: 'mocker-port',
    value: PORT,
    valueHint: 'PORT',
    defaultValue: '0',
    description: 'Port for the mock provider on 127.0.0.1; 0 picks a free one.'
  },
  {
    name: 'mocker-model',
    value: text,
    valueHint: 'MODEL',
    defaultValue: 'gpt-4o-mini',
    description: 'Model name sent straight to the mock provider during calibration.'
  },
  {
    name: 'results-dir',
    value: text,
    valueHint: 'DIR',
    defaultValue: 'load-test-results',
    description:
      'Where results, logs and process stats are written; a relative path is taken from the workspace (the current directory for the CLI). In a workflow, a directory under runner.temp keeps the checkout clean.'
  },
  {
    name: 'tools-dir',
    value: text,
    valueHint: 'DIR',
    description:
      'Where vegeta and built binaries are kept between runs; default ~/.cache/bifrost-load-test, or the runner tool cache in the action.'
  }
] as const satisfies readonly OptionSpec[]

export type OptionName = (typeof OPTIONS)[number]['name']

/** The type of an option's value once read, e.g. number for rate, Mode[] for mode. */
export type OptionValue<N extends OptionName> =
  Extract<(typeof OPTIONS)[number], { name: N }>['value'] extends ValueKind<infer T> ? T : never

const OPTION_BY_NAME = new Map<string, OptionSpec>(OPTIONS.map((option) => [option.name, option]))

/** The value kind of option `name`: its parser, stand-in and JSON Schema. */
export function valueKindOf<N extends OptionName>(name: N): ValueKind<OptionValue<N>> {
  return (OPTION_BY_NAME.get(name) as OptionSpec).value as ValueKind<OptionValue<N>>
}

export const OPTION_NAMES: readonly OptionName[] = OPTIONS.map((option) => option.name)

/** Raw option values as a front end received them, keyed by option name. */
export type RawOptions = Partial<Record<OptionName, string>>

export function isOptionName(name: string): name is OptionName {
  return (OPTION_NAMES as readonly string[]).includes(name)
}
