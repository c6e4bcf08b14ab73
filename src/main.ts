import { appendFile } from 'node:fs/promises'
import * as core from '@actions/core'
import { LoadTestError, errorMessage } from './errors.js'
import { resolveConfig } from './config/resolve.js'
import { defaultToolsDir, packageRoot } from './package-root.js'
import { runLoadTest } from './engine/run.js'
import type { PidIdentity } from './services/process.js'
import { handleInterrupts } from './services/interrupt.js'
import { consoleProgress } from './report/console.js'
import { renderJobSummary, verdictSentence } from './report/job-summary.js'
import { describeFailure } from './analysis/verdict.js'
import type { RunRecord } from './record.js'
import {
  actionSettingsFromInputs,
  actionToolsDir,
  defaultArtifactName,
  engineOptionsFromInputs
} from './action/inputs.js'
import { createVegetaDownloader } from './action/vegeta-download.js'
import { restoreCaches, serializeRestored } from './action/cache.js'
import { cacheEntries } from './action/cache-entries.js'
import { uploadResults } from './action/artifact.js'
import { ACTION_OUTPUT_NAMES, actionOutputs } from './action/outputs.js'
import { STATE_CACHES, STATE_PROCESSES } from './action/state.js'

/**
 * The action's main step: inputs → one validated config → engine → job summary, artifact,
 * outputs and status. Caches are restored here and saved by the post step.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const read = (name: string): string => core.getInput(name)
  let record: RunRecord
  try {
    const settings = actionSettingsFromInputs(read)
    const options = engineOptionsFromInputs(read)
    const config = resolveConfig([options], {
      cwd: env.GITHUB_WORKSPACE || process.cwd(),
      packageRoot: packageRoot(),
      defaultToolsDir: actionToolsDir(env) ?? defaultToolsDir(env)
    })
    // Header values are usually credentials: masked wherever the runner prints them.
    for (const value of Object.values(config.gateway.headers)) core.setSecret(value)
    if (settings.cache) {
      const entries = await core.group('Restore caches', async () => cacheEntries(config, env))
      const restored = await restoreCaches(entries, core)
      core.saveState(STATE_CACHES, serializeRestored(restored))
    }
    const processes: PidIdentity[] = []
    // A cancelled workflow sends SIGINT, then SIGTERM 7.5 s later: the first stops the run
    // cleanly and reports what completed, the second kills what we started and exits.
    const interrupts = handleInterrupts({ log: (line) => core.info(line) })
    try {
      record = await runLoadTest(config, {
        abortSignal: interrupts.signal,
        onEvent: consoleProgress((line) => core.info(line)),
        downloadVegeta: createVegetaDownloader({ baseUrl: settings.vegetaDownloadUrl }),
        onProcessStarted: (started) => {
          if (started.pidIdentity) processes.push(started.pidIdentity)
          // Saved at every start, so the post step can stop what a crashed main left.
          core.saveState(STATE_PROCESSES, JSON.stringify(processes))
        }
      })
    } finally {
      interrupts.dispose()
    }
    await report(record, settings, options, env)
  } catch (error) {
    // Only bad action inputs get here: the engine reports its own failures in the record.
    // The outputs are still set, so a later step can read passed=false.
    for (const name of ACTION_OUTPUT_NAMES) core.setOutput(name, name === 'passed' ? 'false' : '')
    core.setFailed(errorMessage(error))
  }
}

async function report(
  record: RunRecord,
  settings: ReturnType<typeof actionSettingsFromInputs>,
  options: Record<string, string | undefined>,
  env: NodeJS.ProcessEnv
): Promise<void> {
  if (settings.jobSummary) {
    try {
      await writeJobSummary(renderJobSummary(record), env)
    } catch (error) {
      core.warning(`could not write the job summary: ${errorMessage(error)}`)
    }
  }
  let artifactId: number | undefined
  if (settings.uploadArtifact) {
    const name = settings.artifactName || defaultArtifactName(env, options)
    try {
      artifactId = await uploadResults(name, record.files.resultsDir, settings.retentionDays)
      core.info(`uploaded ${record.files.resultsDir} as artifact ${name} (id ${artifactId})`)
    } catch (error) {
      core.warning(`could not upload the results as artifact ${name}: ${errorMessage(error)}`)
    }
  }
  for (const [name, value] of Object.entries(actionOutputs(record, artifactId))) {
    core.setOutput(name, value)
  }
  for (const check of record.verdict.failures) {
    // No colon in the title: the runner would show it escaped.
    core.error(describeFailure(check), { title: `Load test check failed (${check.label})` })
  }
  for (const warning of record.verdict.warnings) core.warning(warning)
  if (record.status !== 'passed') {
    core.setFailed(
      `Gateway load test ${record.status === 'failed' ? 'failed' : 'stopped'}: ${verdictSentence(record)}`
    )
  } else {
    core.info(verdictSentence(record))
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
