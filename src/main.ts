import { appendFile } from 'node:fs/promises'
import os from 'node:os'
import * as core from '@actions/core'
import { LoadTestError, errorMessage } from './errors.js'
import { resolveConfig } from './config/resolve.js'
import type { RawOptions } from './config/options.js'
import { defaultToolsDir, packageRoot } from './package-root.js'
import { assertLinux } from './platform.js'
import { runLoadTest } from './engine/run.js'
import type { PidIdentity } from './services/process.js'
import { handleInterrupts } from './services/interrupt.js'
import { renderJobSummary, verdictSentence } from './report/job-summary.js'
import { publicConfig } from './report/redact.js'
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
import { restoreCaches, serializeRestored } from './action/cache.js'
import { cacheEntries } from './action/cache-entries.js'
import { uploadResults, type ArtifactApi } from './action/artifact.js'
import { ACTION_OUTPUT_NAMES, actionOutputs } from './action/outputs.js'
import { STATE_CACHES, STATE_PROCESSES } from './action/state.js'
import { AnnotationBudget } from './action/annotations.js'
import { groupedProgress } from './action/progress.js'
import { redactText, secretValues } from './action/secrets.js'

/** What a test can replace: services with no local equivalent, and the platform. */
export interface ActionDependencies {
  /** The artifact service's client; default @actions/artifact's. */
  artifactClient?: ArtifactApi
  platform?: NodeJS.Platform
}

/**
 * The action's main step: inputs → one validated config → engine → verdict and annotations,
 * job summary, artifact, outputs and status. Caches are restored here and saved by the post
 * step. Annotations stay within GitHub's 10 errors and 10 warnings per step, the verdict
 * first; secrets (header values, the provider key) never reach the summary or the artifact.
 */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  dependencies: ActionDependencies = {}
): Promise<void> {
  const annotations = new AnnotationBudget(core)
  // Inputs are read from process.env, as @actions/core reads them.
  const read = (name: string): string => core.getInput(name)
  const isPresent = (name: string): boolean => process.env[inputVariable(name)] !== undefined
  try {
    assertLinux(dependencies.platform)
    const settings = actionSettingsFromInputs(read)
    const options = engineOptionsFromInputs(read, isPresent)
    const config = resolveConfig([options], {
      cwd: env.GITHUB_WORKSPACE || process.cwd(),
      packageRoot: packageRoot(),
      defaultToolsDir: actionToolsDir(env) ?? defaultToolsDir(env)
    })
    // Masked wherever the runner prints them; redacted from the summary and the artifact below.
    const secrets = secretValues(config)
    for (const value of secrets) core.setSecret(value)
    core.debug(`resolved config: ${JSON.stringify(publicConfig(config))}`)
    if (settings.cache) {
      const entries = await core.group('Restore caches', async () => cacheEntries(config, env))
      const restored = await restoreCaches(entries, {
        info: (line) => core.info(line),
        warning: (line) => annotations.warning(line)
      })
      core.saveState(STATE_CACHES, serializeRestored(restored))
    }
    const processes: PidIdentity[] = []
    // A cancelled workflow sends SIGINT, then SIGTERM 7.5 s later: the first stops the run
    // cleanly and reports what completed, the second kills what we started and exits.
    const interrupts = handleInterrupts({ log: (line) => core.info(line) })
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
        }
      })
    } finally {
      progress.close()
      interrupts.dispose()
    }
    for (const started of record.processes) {
      core.debug(`${started.name} (pid ${started.pid}) ${started.ended}; log: ${started.logFile}`)
    }
    await report(record, { settings, options, env, secrets, annotations, dependencies })
  } catch (error) {
    // Only bad inputs or an unsupported runner get here: the engine reports its own failures
    // in the record. The outputs are still set, so a later step can read passed=false.
    for (const name of ACTION_OUTPUT_NAMES) core.setOutput(name, name === 'passed' ? 'false' : '')
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
  dependencies: ActionDependencies
}

async function report(record: RunRecord, context: ReportContext): Promise<void> {
  const { settings, options, env, secrets, annotations } = context
  // The verdict first: GitHub drops annotations past 10 of a kind, and this one must show.
  if (record.status !== 'passed') {
    const outcome = record.status === 'failed' ? 'failed' : 'stopped'
    annotations.fail(
      redactText(`Gateway load test ${outcome}: ${verdictSentence(record)}`, secrets)
    )
  } else {
    core.info(verdictSentence(record))
  }
  for (const check of record.verdict.failures) {
    // No colon in the title: the runner would show it escaped.
    annotations.error(describeFailure(check), { title: `Load test check failed (${check.label})` })
  }
  for (const warning of record.verdict.warnings) annotations.warning(warning)

  if (settings.jobSummary) {
    try {
      await writeJobSummary(redactText(renderJobSummary(record), secrets), env)
    } catch (error) {
      annotations.warning(`could not write the job summary: ${errorMessage(error)}`)
    }
  }
  let artifactId: number | undefined
  if (settings.uploadArtifact) {
    const name = settings.artifactName || defaultArtifactName(env, options)
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
  for (const [name, value] of Object.entries(actionOutputs(record, artifactId))) {
    core.setOutput(name, value)
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
