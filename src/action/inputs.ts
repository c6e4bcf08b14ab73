import { createHash } from 'node:crypto'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import { OPTIONS, type OptionName, type RawOptions } from '../config/options.js'
import { DEFAULT_VEGETA_DOWNLOAD_BASE_URL } from './vegeta-download.js'

/** Reads one input as the runner passes it: INPUT_<NAME UPPERCASED>, hyphens kept. */
export type InputReader = (name: string) => string

/** The variable that carries an input: INPUT_<NAME UPPERCASED>, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Inputs that only the action has; everything else is an engine option. */
export interface ActionSettings {
  cache: boolean
  uploadArtifact: boolean
  /** Empty until the config is known; see artifactName(). */
  artifactName: string
  retentionDays?: number
  jobSummary: boolean
  vegetaDownloadUrl: string
  /** Post or update the pull request's comment with the results. */
  commentOnPr: boolean
  /** The token the comment is posted with; empty when none was given. */
  githubToken: string
  /** Tells this job's comment apart from other jobs' and matrix legs'; empty for the default. */
  commentKey: string
  /** Comment-only mode: post the comment of this results file, and run nothing. */
  commentFromResults: string
  /** The pull request to comment on, instead of the event's. */
  prNumber?: number
  /** Save the results to the Actions cache as the branch's baseline (post step). */
  saveBaseline: boolean
}

/**
 * Options whose empty value means something (not "use the default"): an empty
 * gateway-health-path means "readiness by gateway-ready-log only".
 */
const EMPTY_IS_A_VALUE: ReadonlySet<OptionName> = new Set(['gateway-health-path'])

/**
 * Engine options from the inputs. action.yml repeats the seed's defaults, so the runner
 * always passes them; a value equal to its default counts as not given, so that e.g.
 * gateway-command does not clash with bifrost-path's default. An empty input is not given
 * either, except for the options of EMPTY_IS_A_VALUE: their default in action.yml is not
 * empty, and the runner passes the default for an input left out of `with:`, so an empty
 * value that is present (`isPresent`, its variable is set) was written there on purpose.
 */
export function engineOptionsFromInputs(
  read: InputReader,
  isPresent: (name: string) => boolean = () => true
): RawOptions {
  const options: RawOptions = {}
  for (const option of OPTIONS) {
    const value = read(option.name).trim()
    const defaultValue = 'defaultValue' in option ? option.defaultValue : undefined
    if (value === defaultValue) continue
    if (value !== '' || (EMPTY_IS_A_VALUE.has(option.name) && isPresent(option.name))) {
      options[option.name] = value
    }
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
  const prNumber = read('pr-number').trim()
  if (prNumber !== '' && !/^[1-9]\d{0,9}$/.test(prNumber)) {
    throw new LoadTestError(
      'input',
      `pr-number: got ${JSON.stringify(prNumber)}; expected a pull request number, or empty for the event's pull request.`
    )
  }
  const commentKey = read('comment-key').trim()
  if (commentKey !== '' && !/^[\w.-]{1,100}$/.test(commentKey)) {
    throw new LoadTestError(
      'input',
      `comment-key: got ${JSON.stringify(commentKey)}; expected up to 100 letters, digits, '.', '_' or '-', or empty for one per job and options.`
    )
  }
  return {
    cache: booleanInput(read, 'cache', true),
    uploadArtifact: booleanInput(read, 'upload-artifact', true),
    artifactName: read('artifact-name').trim(),
    retentionDays: retention === '' ? undefined : Number(retention),
    jobSummary: booleanInput(read, 'job-summary', true),
    vegetaDownloadUrl: vegetaDownloadUrl.replace(/\/+$/, ''),
    commentOnPr: booleanInput(read, 'comment-on-pr', false),
    githubToken: read('github-token').trim(),
    commentKey,
    commentFromResults: read('comment-from-results').trim(),
    ...(prNumber === '' ? {} : { prNumber: Number(prNumber) }),
    saveBaseline: booleanInput(read, 'save-baseline', false)
  }
}

/** A part of an artifact name: no characters the artifact service refuses, no spaces. */
function namePart(text: string): string {
  return text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'x'
}

/**
 * The artifact name when artifact-name is empty. Names must be unique within a workflow run
 * (a second upload of a name fails with 409): the job, the runner's OS and architecture and
 * the run attempt are spelled out; a hash covers the options, the runner's name and image
 * and the step (GITHUB_ACTION), which set apart matrix legs, runners and two uses of the
 * action in one job. Example: bifrost-load-test-load-test-linux-x64-attempt1-0f3a9c1e.
 */
export function defaultArtifactName(env: NodeJS.ProcessEnv, options: RawOptions): string {
  const leg = {
    options,
    runnerName: env.RUNNER_NAME ?? '',
    image: env.ImageOS ?? '',
    step: env.GITHUB_ACTION ?? ''
  }
  const legHash = createHash('sha256').update(JSON.stringify(leg)).digest('hex').slice(0, 8)
  return [
    'bifrost-load-test',
    namePart(env.GITHUB_JOB ?? 'job'),
    namePart((env.RUNNER_OS ?? 'os').toLowerCase()),
    namePart((env.RUNNER_ARCH ?? 'arch').toLowerCase()),
    `attempt${namePart(env.GITHUB_RUN_ATTEMPT ?? '1')}`,
    legHash
  ].join('-')
}

/** Where the action keeps tools and builds: the runner's tool cache, which cache entries restore into. */
export function actionToolsDir(env: NodeJS.ProcessEnv): string | undefined {
  return env.RUNNER_TOOL_CACHE ? path.join(env.RUNNER_TOOL_CACHE, 'bifrost-load-test') : undefined
}
