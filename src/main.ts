import { appendFile } from 'node:fs/promises'
import os from 'node:os'
import * as core from '@actions/core'
import { LoadTestError, errorMessage } from './errors.js'
import { resolveConfig } from './configure.js'
import type { RawOptions } from './config/options.js'
import { defaultToolsDir, packageRoot } from './package-root.js'
import { assertLinux } from './platform.js'
import { runLoadTest } from './engine/run.js'
import type { PidIdentity } from './services/process.js'
import { handleInterrupts } from './services/interrupt.js'
import { ownStartTimeTicks, runToken } from './services/run-token.js'
import { removeTrackedPathsNow, type TemporaryPath } from './tools/temporary-paths.js'
import { renderJobSummary, verdictSentence } from './report/job-summary.js'
import { maskableSecrets, publicConfig, redactText, secretsOf } from './report/redact.js'
import { describeFailure } from './analysis/verdict.js'
import type { RunRecord } from './record.js'
import {
  actionSettingsFromInputs,
  actionToolsDir,
  defaultArtifactName,
  engineOptionsFromInputs,
  inputVariable,
  type ActionSettings
} from './action/inputs.js'
import { createVegetaDownloader } from './action/vegeta-download.js'
import { restoreCaches, serializeRestored, type CacheApi } from './action/cache.js'
import { cacheEntries } from './action/cache-entries.js'
import { uploadResults, type ArtifactApi } from './action/artifact.js'
import { actionOutputs, emptyOutputs, type ActionOutputName } from './action/outputs.js'
import {
  STATE_BASELINE,
  STATE_CACHES,
  STATE_PROCESSES,
  STATE_RUN_TOKEN,
  STATE_TEMPORARY_PATHS,
  type RunOwner
} from './action/state.js'
import { AnnotationBudget } from './action/annotations.js'
import { groupedProgress } from './action/progress.js'
import { restoreBaseline, stageBaseline } from './action/baseline-cache.js'
import {
  defaultCommentKey,
  githubRunContext,
  readEventPayload,
  recordGithubContext
} from './action/github-context.js'
import { commentFromResults, commentOnRun, type CommentLog } from './action/comment-step.js'

/** What a test can replace: services with no local equivalent, and the platform. */
export interface ActionDependencies {
  /** The artifact service's client; default @actions/artifact's. */
  artifactClient?: ArtifactApi
  /** The cache service's client; default @actions/cache. */
  cacheApi?: CacheApi
  platform?: NodeJS.Platform
}

function setOutputs(outputs: Record<ActionOutputName, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

/**
 * The action's main step: inputs → one validated config → engine → verdict and annotations,
 * job summary, artifact, pull request comment, outputs and status. Caches (and a branch's
 * baseline) are restored here and saved by the post step. Annotations stay within GitHub's
 * 10 errors and 10 warnings per step, the verdict first; secrets (header values, the
 * provider key) never reach the summary, the artifact or the comment. With fail-on never
 * failed checks do not fail the step (they are shown as warnings); a run that stopped early
 * or was interrupted still does. With comment-from-results, only the comment of that results
 * file is posted.
 */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  dependencies: ActionDependencies = {}
): Promise<void> {
  const annotations = new AnnotationBudget(core)
  // Inputs are read from process.env, as @actions/core reads them.
  const read = (name: string): string => core.getInput(name)
  const isPresent = (name: string): boolean => process.env[inputVariable(name)] !== undefined
  const log = {
    info: (line: string) => core.info(line),
    notice: (line: string) => core.notice(line),
    warning: (line: string) => annotations.warning(line)
  }
  try {
    const settings = actionSettingsFromInputs(read)
    if (settings.githubToken !== '') core.setSecret(settings.githubToken)
    if (settings.commentFromResults !== '') {
      // Comment-only mode: no engine, no caches, no tools.
      const { results, url } = await commentFromResults(settings, env, readEventPayload(env), log)
      setOutputs(
        emptyOutputs({
          status: results.status,
          passed: String(results.status === 'passed'),
          'comment-url': url
        })
      )
      return
    }
    assertLinux(dependencies.platform)
    let options = engineOptionsFromInputs(read, isPresent)
    if (settings.cache && options['baseline-results'] === undefined && env.GITHUB_BASE_REF) {
      const baseline = await core.group("Restore the base branch's baseline", async () =>
        restoreBaseline(env, log, dependencies.cacheApi)
      )
      if (baseline !== undefined) options = { ...options, 'baseline-results': baseline }
    }
    const config = resolveConfig([options], {
      cwd: env.GITHUB_WORKSPACE || process.cwd(),
      packageRoot: packageRoot(),
      defaultToolsDir: actionToolsDir(env) ?? defaultToolsDir(env)
    })
    // Redacted from the summary, the artifact and the comment below; the runner masks those
    // long enough not to hide ordinary letters (the run warns about the others).
    const secrets = secretsOf(config)
    for (const value of maskableSecrets(secrets)) core.setSecret(value)
    core.debug(`resolved config: ${JSON.stringify(publicConfig(config))}`)
    if (settings.cache) {
      const entries = await core.group('Restore caches', async () => cacheEntries(config, env))
      const restored = await restoreCaches(entries, log, dependencies.cacheApi)
      core.saveState(STATE_CACHES, serializeRestored(restored))
    }
    // Before anything starts: the post step stops every process carrying this token, even
    // one that left the process groups saved below.
    const owner: RunOwner = { token: runToken(), notBeforeTicks: ownStartTimeTicks() }
    core.saveState(STATE_RUN_TOKEN, JSON.stringify(owner))
    const processes: PidIdentity[] = []
    const temporaryPaths: TemporaryPath[] = []
    // A cancelled workflow sends SIGINT, then SIGTERM 7.5 s later: the first stops the run
    // cleanly and reports what completed, the second kills what we started, removes the
    // files it created and exits.
    const interrupts = handleInterrupts({
      log: (line) => core.info(line),
      cleanUpNow: removeTrackedPathsNow
    })
    const progress = groupedProgress(core)
    let record: RunRecord
    try {
      record = await runLoadTest(config, {
        abortSignal: interrupts.signal,
        onEvent: progress.onEvent,
        downloadVegeta: createVegetaDownloader({ baseUrl: settings.vegetaDownloadUrl }),
        onProcessStarted: (started) => {
          if (started.pidIdentity) processes.push(started.pidIdentity)
          // Saved at every start, so the post step can stop what a crashed main left.
          core.saveState(STATE_PROCESSES, JSON.stringify(processes))
        },
        onTemporaryPath: (entry) => {
          temporaryPaths.push(entry)
          // Saved as each is created, so the post step can remove what a crashed main left.
          core.saveState(STATE_TEMPORARY_PATHS, JSON.stringify(temporaryPaths))
        }
      })
    } finally {
      progress.close()
      interrupts.dispose()
    }
    for (const started of record.processes) {
      core.debug(`${started.name} (pid ${started.pid}) ${started.ended}; log: ${started.logFile}`)
    }
    const interrupted = interrupts.signal.aborted ? String(interrupts.signal.reason) : undefined
    await report(record, {
      settings,
      options,
      env,
      secrets,
      annotations,
      log,
      dependencies,
      interrupted
    })
  } catch (error) {
    // Only bad inputs or an unsupported runner get here: the engine reports its own failures
    // in the record. The outputs are still set, so a later step can read passed=false.
    setOutputs(emptyOutputs({ status: 'error', passed: 'false' }))
    annotations.fail(errorMessage(error))
  } finally {
    annotations.flush()
  }
}

interface ReportContext {
  settings: ActionSettings
  options: RawOptions
  env: NodeJS.ProcessEnv
  secrets: readonly string[]
  annotations: AnnotationBudget
  log: CommentLog
  dependencies: ActionDependencies
  /** The signal that interrupted the run (a cancelled workflow), if one did. */
  interrupted?: string
}

async function report(record: RunRecord, context: ReportContext): Promise<void> {
  const { settings, options, env, secrets, annotations, log } = context
  // fail-on never: failed checks are reported, as warnings, and the step passes. A run that
  // stopped early (an input refused once it began, a setup failure, a service that died, an
  // interruption) fails the step whatever fail-on says: nothing was gated.
  const enforced = record.config.failOn === 'checks'
  // The verdict first: GitHub drops annotations past 10 of a kind, and this one must show.
  if (record.status !== 'passed') {
    const outcome = record.status === 'failed' ? 'failed' : 'stopped'
    const line = redactText(`Gateway load test ${outcome}: ${verdictSentence(record)}`, secrets)
    if (enforced || record.status === 'error') annotations.fail(line)
    else annotations.warning(`${line} (fail-on: never, so the step passes)`)
  } else {
    core.info(verdictSentence(record))
  }
  if (context.interrupted !== undefined && record.status !== 'error') {
    annotations.fail(`Gateway load test interrupted by ${context.interrupted}.`)
  }
  for (const check of record.verdict.failures) {
    // No colon in the title: the runner would show it escaped.
    const properties = { title: `Load test check failed (${check.label})` }
    if (enforced) annotations.error(describeFailure(check), properties)
    else annotations.warning(describeFailure(check), properties)
  }
  for (const warning of record.verdict.warnings) annotations.warning(warning)

  if (settings.jobSummary) {
    try {
      await writeJobSummary(redactText(renderJobSummary(record), secrets), env)
    } catch (error) {
      annotations.warning(`could not write the job summary: ${errorMessage(error)}`)
    }
  }
  const artifactName = settings.uploadArtifact
    ? settings.artifactName || defaultArtifactName(env, options)
    : undefined
  const payload = readEventPayload(env)
  const commentKey = settings.commentKey || defaultCommentKey(env, options)
  try {
    // Before the upload, so the artifact says which run and pull request it belongs to.
    await recordGithubContext(
      record.files.json,
      githubRunContext(env, payload, commentKey, artifactName, settings.prNumber)
    )
  } catch (error) {
    annotations.warning(`could not add the run's context to the results: ${errorMessage(error)}`)
  }
  let artifactId: number | undefined
  if (artifactName !== undefined) {
    const name = artifactName
    try {
      const outcome = await uploadResults(
        {
          name,
          resultsDir: record.files.resultsDir,
          retentionDays: settings.retentionDays,
          secrets,
          workspace: env.GITHUB_WORKSPACE,
          stagingParent: env.RUNNER_TEMP || os.tmpdir()
        },
        { info: (line) => core.info(line), warning: (line) => annotations.warning(line) },
        context.dependencies.artifactClient
      )
      if (outcome.uploaded) {
        artifactId = outcome.id
        core.info(
          `uploaded ${outcome.files.length} files of ${record.files.resultsDir}, secrets redacted, as artifact ${outcome.name} (id ${outcome.id})`
        )
      } else {
        annotations.warning(`results not uploaded: ${outcome.reason}`)
      }
    } catch (error) {
      annotations.warning(
        `could not upload the results as artifact ${name}: ${errorMessage(error)}`
      )
    }
  }
  if (settings.saveBaseline) await saveBaselineLater(record, env, secrets, log)
  const commentUrl = settings.commentOnPr
    ? await commentOnRun(
        {
          settings,
          env,
          payload,
          resultsFile: record.files.json,
          key: commentKey,
          secrets,
          artifact: { id: artifactId, name: artifactName }
        },
        log
      )
    : ''
  setOutputs(actionOutputs(record, artifactId, commentUrl))
}

/**
 * save-baseline: stages the results for the post step, which saves them to the cache. A run
 * that stopped early or measured no overhead is no baseline.
 */
async function saveBaselineLater(
  record: RunRecord,
  env: NodeJS.ProcessEnv,
  secrets: readonly string[],
  log: CommentLog
): Promise<void> {
  if (record.status === 'error' || record.evaluation.overhead.length === 0) {
    log.info(
      `save-baseline: this run ${record.status === 'error' ? 'stopped early' : 'measured no overhead'}, so it is not saved as a baseline`
    )
    return
  }
  try {
    const staged = await stageBaseline(record.files.json, env, secrets)
    if ('skipReason' in staged) {
      log.warning(`save-baseline: not saved: ${staged.skipReason}`)
      return
    }
    core.saveState(STATE_BASELINE, serializeRestored([staged.entry]))
    log.info(`save-baseline: the post step saves these results as cache ${staged.entry.key}`)
  } catch (error) {
    log.warning(`save-baseline: could not stage the results: ${errorMessage(error)}`)
  }
}

export { LoadTestError }

/**
 * Appends to the step summary file the runner names. Written directly rather than through
 * core.summary, which remembers the first file it saw for the life of the process.
 */
async function writeJobSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  const summaryFile = env.GITHUB_STEP_SUMMARY
  if (!summaryFile) throw new Error('GITHUB_STEP_SUMMARY is not set; this is not a GitHub runner')
  await appendFile(summaryFile, `${markdown}\n`)
}
