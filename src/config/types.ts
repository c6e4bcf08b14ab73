/** Where the gateway under test comes from. */
export type GatewaySource =
  /** A bifrost checkout: bifrost-http is built with `go build .` in `<path>/transports`. */
  | { kind: 'bifrost-checkout'; path: string }
  /** A prebuilt binary that takes bifrost-http's flags. */
  | { kind: 'binary'; path: string }
  /**
   * Any OpenAI-compatible gateway, started from an argv template whose
   * placeholders are {host}, {port}, {upstream} and {app_dir}.
   */
  | { kind: 'command'; argvTemplate: string[] }

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

/** Which chat requests a run measures. */
export type Mode = 'non-streaming' | 'streaming'
export const MODES: readonly Mode[] = ['non-streaming', 'streaming']

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
  minStressSuccessRatePct: number
  readyTimeoutS: number
  vegeta: VegetaConfig
  gateway: GatewayConfig
  mocker: MockerConfig
  resultsDir: string
  /** Where built binaries and installed tools are kept between runs. */
  toolsDir: string
}
