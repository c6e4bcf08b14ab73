import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { LoadTestError, errorMessage } from '../errors.js'
import { ensureDirectory } from '../ensure-directory.js'
import type { GatewaySource, LoadTestConfig } from '../config/types.js'
import { checkoutRef } from '../tools/git-worktree.js'
import {
  WORK_DIR_PREFIX,
  describeTemporaryPath,
  removeTemporaryPath,
  trackTemporaryPath,
  untrackTemporaryPath,
  type TemporaryPath
} from '../tools/temporary-paths.js'
import { resolveVegeta, type VegetaDownloader } from '../tools/vegeta.js'
import { resolveMocker } from '../tools/mocker.js'
import { resolveGatewayBinary } from '../tools/gateway.js'
import { assertPortFree, findFreePort } from '../services/ports.js'
import type { ManagedProcess } from '../services/process.js'
import { evaluate } from '../analysis/evaluate.js'
import { decideVerdict } from '../analysis/verdict.js'
import {
  RESULTS_JSON_FILE,
  RESULTS_MARKDOWN_FILE,
  clearPreviousResults,
  writeReports
} from '../report/write.js'
import { redactor, secretsOf, shortSecretWarnings } from '../report/redact.js'
import type { RunRecord, ToolRecord } from '../record.js'
import type { EngineEventListener } from './events.js'
import { executePlan, type ExecutionContext } from './executor.js'
import { planRun } from './plan.js'
import { PROCESS_STATS_CSV } from './probes/process-stats.js'
import type { GatewayToStart, ServicePorts } from './services.js'

export interface RunOptions {
  onEvent?: EngineEventListener
  /** Tried before `go install` to obtain vegeta (the action downloads a release asset). */
  downloadVegeta?: VegetaDownloader
  /** Called for every process the run starts, so a front end can record it for cleanup. */
  onProcessStarted?: (process: ManagedProcess) => void
  /**
   * Called for every path the run creates outside the results directory (its work directory,
   * a base-ref worktree) as soon as it exists, so a front end can record it for cleanup. The
   * run removes them itself when it ends; they are tracked meanwhile (removeTrackedPathsNow).
   */
  onTemporaryPath?: (entry: TemporaryPath) => void
  /**
   * Stops the run early (Ctrl-C, a cancelled workflow): the running attack is cut short,
   * everything is stopped and what completed is written, with the reason.
   */
  abortSignal?: AbortSignal
}

/**
 * A whole load test: tools, then the schedule planRun makes of the config (services,
 * warm-up, calibration and overhead, restart, stress runs), then the evaluation and the
 * reports. Whatever happens, every process it started is stopped and the results of what
 * completed are written, with the reason when it stopped early. Never throws for a failure
 * of the run: the record says what happened.
 */
export async function runLoadTest(
  config: LoadTestConfig,
  options: RunOptions = {}
): Promise<RunRecord> {
  const emit = options.onEvent ?? (() => undefined)
  const record = emptyRecord(config)
  record.notes.push(...shortSecretWarnings(config))
  await ensureDirectory(config.resultsDir)
  await clearPreviousResults(config.resultsDir)
  const temporaryPaths: TemporaryPath[] = []
  const track = (entry: TemporaryPath): void => {
    temporaryPaths.push(entry)
    trackTemporaryPath(entry)
    options.onTemporaryPath?.(entry)
  }
  const workDir = await mkdtemp(path.join(os.tmpdir(), WORK_DIR_PREFIX))
  track({ kind: 'directory', path: workDir })
  try {
    const context = await prepare(config, record, workDir, options, emit, track)
    await executePlan(planRun(config), context)
  } catch (error) {
    // Only preparation (tools, ports) throws here; the plan records its own failures.
    record.failure = {
      kind: error instanceof LoadTestError ? error.kind : 'setup',
      message: errorMessage(error),
      phase: 'setup',
      logFile: error instanceof LoadTestError ? error.logFile : undefined,
      logTail: error instanceof LoadTestError ? error.logTail : undefined
    }
  } finally {
    for (const entry of temporaryPaths) {
      try {
        await removeTemporaryPath(entry)
        untrackTemporaryPath(entry)
      } catch (error) {
        record.notes.push(
          `could not remove ${describeTemporaryPath(entry)}: ${errorMessage(error)}`
        )
      }
    }
  }
  // A log tail, a quoted answer or a command line in a note may echo a key.
  const redact = redactor(secretsOf(config))
  if (record.failure) record.failure = redactFailure(record.failure, redact)
  record.notes = record.notes.map(redact)
  record.evaluation = evaluate(record.attacks, record.phases, config)
  record.verdict = decideVerdict(record.evaluation.checks, [
    ...record.notes,
    ...record.evaluation.warnings
  ])
  record.status = record.failure ? 'error' : record.verdict.passed ? 'passed' : 'failed'
  // A run that stopped early failed: its checks cannot all have been made.
  if (record.failure) record.verdict = { ...record.verdict, passed: false }
  record.finishedAt = new Date().toISOString()
  await writeReports(record)
  return record
}

function redactFailure(
  failure: NonNullable<RunRecord['failure']>,
  redact: (text: string) => string
): NonNullable<RunRecord['failure']> {
  return {
    ...failure,
    message: redact(failure.message),
    ...(failure.logTail === undefined ? {} : { logTail: redact(failure.logTail) })
  }
}

function emptyRecord(config: LoadTestConfig): RunRecord {
  const resultsDir = config.resultsDir
  return {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    config,
    tools: {},
    ports: {},
    attacks: [],
    phases: [],
    evaluation: { overhead: [], regression: [], checks: [], warnings: [] },
    metrics: [],
    notes: [],
    verdict: decideVerdict([], []),
    status: 'error',
    processes: [],
    files: {
      resultsDir,
      json: path.join(resultsDir, RESULTS_JSON_FILE),
      markdown: path.join(resultsDir, RESULTS_MARKDOWN_FILE),
      processStatsCsv: path.join(resultsDir, PROCESS_STATS_CSV)
    }
  }
}

/** vegeta, the mock provider and the gateway binaries, and the ports: what the plan needs. */
async function prepare(
  config: LoadTestConfig,
  record: RunRecord,
  workDir: string,
  options: RunOptions,
  emit: EngineEventListener,
  track: (entry: TemporaryPath) => void
): Promise<ExecutionContext> {
  const info = (message: string): void => emit({ type: 'info', message })
  const vegeta = await resolveVegeta(config.vegeta, {
    toolsDir: config.toolsDir,
    log: info,
    download: options.downloadVegeta
  })
  record.tools.vegeta = vegeta
  info(`vegeta ${vegeta.version} (${vegeta.source}): ${vegeta.path}`)
  const mocker = await resolveMocker(config.mocker.source, config.toolsDir, info)
  record.tools.mocker = {
    binaryPath: mocker.binaryPath,
    origin: mocker.origin,
    reused: mocker.reused
  }
  const gateway = await prepareGateway(config.gateway.source, config, info)
  record.tools.gateway = gateway.tool
  let base: Awaited<ReturnType<typeof prepareGateway>> | undefined
  if (config.base) {
    const wanted = config.base.source
    let source: GatewaySource
    if (wanted.kind === 'git-ref') {
      // Outside the workspace, and removed once the run is over.
      const { repositoryPath } = wanted
      const worktree = await checkoutRef(
        repositoryPath,
        wanted.ref,
        os.tmpdir(),
        info,
        (worktreePath) => track({ kind: 'git-worktree', path: worktreePath, repositoryPath })
      )
      source = { kind: 'bifrost-checkout', path: worktree.path, modules: wanted.modules }
      info(`base: ${wanted.ref} at commit ${worktree.commit.slice(0, 12)}`)
    } else {
      source = wanted
    }
    base = await prepareGateway(source, config, info)
    record.tools.base = {
      ...base.tool,
      ...(wanted.kind === 'git-ref' ? { origin: `${wanted.ref}: ${base.tool.origin}` } : {})
    }
  }
  const ports = await choosePorts(config)
  record.ports = { ...ports }
  return {
    config,
    vegetaPath: vegeta.path,
    binaries: {
      mockerPath: mocker.binaryPath,
      gateway: gateway.toStart,
      ...(base ? { base: base.toStart } : {})
    },
    mockerSupportsIdleTimeout: mocker.flags.includes('idle-timeout'),
    ports,
    workDir,
    record,
    emit,
    abortSignal: options.abortSignal,
    onProcessStarted: options.onProcessStarted,
    redact: redactor(secretsOf(config))
  }
}

/** A gateway's binary (built, given, or none for a command) and how the record names it. */
async function prepareGateway(
  source: GatewaySource,
  config: LoadTestConfig,
  info: (message: string) => void
): Promise<{ toStart: GatewayToStart; tool: NonNullable<ToolRecord['gateway']> }> {
  const binary = await resolveGatewayBinary(source, config.toolsDir, info)
  return {
    toStart: { source, binaryPath: binary?.binaryPath },
    tool: {
      kind: source.kind,
      binaryPath: binary?.binaryPath,
      origin: binary?.origin ?? (source.kind === 'command' ? source.argvTemplate.join(' ') : ''),
      reused: binary?.reused ?? false
    }
  }
}

async function choosePorts(config: LoadTestConfig): Promise<ServicePorts> {
  if (config.mocker.port !== 0) await assertPortFree(config.mocker.port, 'mocker-port')
  if (config.gateway.port !== 0) await assertPortFree(config.gateway.port, 'gateway-port')
  const taken = new Set<number>()
  const pick = async (given: number): Promise<number> => {
    let port = given || (await findFreePort())
    while (taken.has(port)) port = await findFreePort()
    taken.add(port)
    return port
  }
  const mocker = await pick(config.mocker.port)
  const gateway = await pick(config.gateway.port)
  return config.base ? { mocker, gateway, base: await pick(0) } : { mocker, gateway }
}
