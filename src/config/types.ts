import type { BaselineResults } from './baseline.js'
import type { Mode } from './values.js'

/**
 * Which modules a bifrost checkout is built with: `local` builds in a Go workspace of the
 * checkout's own modules (core, framework, plugins/*, transports), so the binary holds the
 * code under test; `published` builds with GOWORK=off, against the versions
 * transports/go.mod pins.
 */
export type BifrostModules = 'local' | 'published'

/** Where the gateway under test comes from. */
export type GatewaySource =
  /**
   * A bifrost checkout: bifrost-http's main package (transports/bifrost-http/) is built
   * with `go build .`, with `modules` (default local).
   */
  | { kind: 'bifrost-checkout'; path: string; modules?: BifrostModules }
  /** A prebuilt binary that takes bifrost-http's flags. */
  | { kind: 'binary'; path: string }
  /**
   * Any OpenAI-compatible gateway, started from an argv template whose
   * placeholders are {host}, {port}, {upstream} and {app_dir}.
   */
  | { kind: 'command'; argvTemplate: string[] }

/**
 * The build head is compared with, measured in the same attack: any gateway source, or a
 * git ref of the head checkout's repository, checked out into a temporary worktree.
 */
export type BaseGatewaySource =
  GatewaySource | { kind: 'git-ref'; repositoryPath: string; ref: string; modules?: BifrostModules }

/** Where the mock provider comes from. */
export type MockerSource =
  /** A Go main package built with `go build .` (our own `mocker/` by default). */
  | { kind: 'directory'; path: string }
  /** A git repository cloned at a ref, built in a subdirectory (e.g. bifrost-benchmarking). */
  | { kind: 'git'; repository: string; ref: string; subdirectory: string }
  /** A prebuilt binary taking the mocker's flags (-host, -port, -latency). */
  | { kind: 'binary'; path: string }

export interface OverheadThresholdsUs {
  mean: number
  p50: number
  p90: number
  p95: number
  p99: number
}

export interface GatewayConfig {
  source: GatewaySource
  /** 0: the engine picks a free port on 127.0.0.1. */
  port: number
  /** Path polled for readiness; empty when readiness is decided by `readyLogPattern`. */
  healthPath: string
  readyLogPattern?: string
  /** Path requests are sent to. */
  requestPath: string
  /** Model name sent through the gateway (the mocker receives what the gateway forwards). */
  model: string
  /** Extra request headers sent to the gateway, e.g. an API key. */
  headers: Record<string, string>
  /**
   * The user's bifrost config.json (bifrost-config), checked to parse and to have
   * providers.openai; the gateway's config is made from it, pointed at the mock provider.
   * Only the path is kept here: configs are printed in reports, theirs must not be.
   * Undefined: a config of our own.
   */
  bifrostConfigPath?: string
}

export interface MockerConfig {
  source: MockerSource
  port: number
  /** Model name sent to the mocker during calibration. */
  model: string
}

export interface VegetaConfig {
  version: string
  /** An explicit vegeta binary; otherwise PATH, then `go install`. */
  path?: string
}

/** Which chat requests a run measures: defined beside the mode option's parser. */
export type { Mode } from './values.js'

/**
 * How calibration and overhead are measured: in one attack alternating between the two
 * targets, or in two attacks one after the other (the seed's method).
 */
export type Measurement = 'interleaved' | 'sequential'

/** One validated configuration, whatever front end produced it. */
export interface LoadTestConfig {
  /** Requests per second per target in every phase. */
  rate: number
  /** The modes to measure, in order; non-streaming first when both. */
  modes: Mode[]
  measurement: Measurement
  /** Warm-up before each overhead measurement; 0 for none. */
  warmupDurationS: number
  /** A measured phase whose achieved rate is below this share (percent) of `rate` fails. */
  minAchievedRatePct: number
  /**
   * Calibration's p50 may exceed the mock provider's configured latency by this much (µs);
   * beyond it the runner is saturated and the measurement invalid.
   */
  maxCalibrationExcessUs: number
  /** vegeta's -max-body: response bytes kept per request for validation. */
  maxBodyBytes: number
  overheadDurationS: number
  stressDurationS: number
  overheadMockerLatencyMs: number
  stressMockerLatencyMs: number
  stressRuns: number
  stressIdleS: number
  maxWorkers: number
  maxOverheadUs: OverheadThresholdsUs
  /** Per checked statistic; a statistic without a limit is not checked. */
  maxRegressionUs: Partial<OverheadThresholdsUs>
  /** A regression up to this share (percent) of the base's overhead is also allowed. */
  maxRegressionPct?: number
  /** 'never': the verdict is reported but fails nothing. */
  failOn: 'checks' | 'never'
  /** An earlier run's overhead, shown beside this run's (baseline-results); fails nothing. */
  baseline?: BaselineResults
  minStressSuccessRatePct: number
  readyTimeoutS: number
  vegeta: VegetaConfig
  gateway: GatewayConfig
  /**
   * A base build to compare the gateway (head) with; it takes head's health path, ready log,
   * request path, model, headers and bifrost-config.
   */
  base?: { source: BaseGatewaySource }
  mocker: MockerConfig
  resultsDir: string
  /** Where built binaries and installed tools are kept between runs. */
  toolsDir: string
}
