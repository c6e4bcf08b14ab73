import { createHash } from 'node:crypto'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import { OPTIONS, type RawOptions } from '../config/options.js'
import { DEFAULT_VEGETA_DOWNLOAD_BASE_URL } from './vegeta-download.js'

/** Reads one input as the runner passes it: INPUT_<NAME UPPERCASED>, hyphens kept. */
export type InputReader = (name: string) => string

/** Inputs that only the action has; everything else is an engine option. */
export interface ActionSettings {
  cache: boolean
  uploadArtifact: boolean
  /** Empty until the config is known; see artifactName(). */
  artifactName: string
  retentionDays?: number
  jobSummary: boolean
  vegetaDownloadUrl: string
}

/**
 * Engine options from the inputs. action.yml repeats the seed's defaults, so the runner
 * always passes them; a value equal to its default counts as not given, so that e.g.
 * gateway-command does not clash with bifrost-path's default.
 */
export function engineOptionsFromInputs(read: InputReader): RawOptions {
  const options: RawOptions = {}
  for (const option of OPTIONS) {
    const value = read(option.name).trim()
    const defaultValue = 'defaultValue' in option ? option.defaultValue : undefined
    if (value !== '' && value !== defaultValue) options[option.name] = value
  }
  return options
}

function booleanInput(read: InputReader, name: string, defaultValue: boolean): boolean {
  const value = read(name).trim()
  if (value === '') return defaultValue
  if (/^(true|yes|on)$/i.test(value)) return true
  if (/^(false|no|off)$/i.test(value)) return false
  throw new LoadTestError('input', `${name}: got ${JSON.stringify(value)}; expected true or false.`)
}

export function actionSettingsFromInputs(read: InputReader): ActionSettings {
  const retention = read('retention-days').trim()
  if (retention !== '' && !/^([1-9]|[1-8]\d|90)$/.test(retention)) {
    throw new LoadTestError(
      'input',
      `retention-days: got ${JSON.stringify(retention)}; expected a whole number of days from 1 to 90, or empty for the repository's default.`
    )
  }
  const vegetaDownloadUrl = read('vegeta-download-url').trim() || DEFAULT_VEGETA_DOWNLOAD_BASE_URL
  if (!/^https?:\/\/[^\s]+$/.test(vegetaDownloadUrl)) {
    throw new LoadTestError(
      'input',
      `vegeta-download-url: got ${JSON.stringify(vegetaDownloadUrl)}; expected an http(s) URL.`
    )
  }
  return {
    cache: booleanInput(read, 'cache', true),
    uploadArtifact: booleanInput(read, 'upload-artifact', true),
    artifactName: read('artifact-name').trim(),
    retentionDays: retention === '' ? undefined : Number(retention),
    jobSummary: booleanInput(read, 'job-summary', true),
    vegetaDownloadUrl: vegetaDownloadUrl.replace(/\/+$/, '')
  }
}

/**
 * Artifact names must be unique within a workflow run: the job, the run attempt and a
 * hash of the options set apart matrix legs and re-runs.
 */
export function defaultArtifactName(env: NodeJS.ProcessEnv, options: RawOptions): string {
  const optionsHash = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 8)
  const job = (env.GITHUB_JOB ?? 'job').replace(/[^\w.-]+/g, '-')
  return `bifrost-load-test-${job}-attempt${env.GITHUB_RUN_ATTEMPT ?? '1'}-${optionsHash}`
}

/** Where the action keeps tools and builds: the runner's tool cache, which cache entries restore into. */
export function actionToolsDir(env: NodeJS.ProcessEnv): string | undefined {
  return env.RUNNER_TOOL_CACHE ? path.join(env.RUNNER_TOOL_CACHE, 'bifrost-load-test') : undefined
}
