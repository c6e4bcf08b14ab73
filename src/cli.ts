#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util'
import { LoadTestError, errorMessage } from './errors.js'
import { OPTIONS, OPTION_NAMES, type RawOptions } from './config/options.js'
import { loadConfigFile, unknownOptionMessage } from './config/file.js'
import { resolveConfig } from './configure.js'
import { defaultToolsDir, packageRoot } from './package-root.js'
import { assertLinux } from './platform.js'
import { runLoadTest } from './engine/run.js'
import { handleInterrupts, signalExitStatus } from './services/interrupt.js'
import { removeTrackedPathsNow } from './tools/temporary-paths.js'
import { consoleProgress, renderConsoleSummary } from './report/console.js'
import { verdictSentence } from './report/job-summary.js'
import { statusHeadline } from './report/markdown.js'
import { publicConfig } from './report/redact.js'
import type { RunRecord } from './record.js'

export const EXIT_PASSED = 0
export const EXIT_FAILED = 1
export const EXIT_BAD_INPUT_OR_SETUP = 2

/** Flags of the CLI itself; every other flag is an option of the table (src/config/options.ts). */
const CLI_FLAGS = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' }
} as const satisfies ParseArgsConfig['options']

export const CLI_FLAG_NAMES: readonly string[] = Object.keys(CLI_FLAGS)

const FLAG_CONFIG = {
  ...CLI_FLAGS,
  ...Object.fromEntries(OPTIONS.map((option) => [option.name, { type: 'string' as const }]))
} satisfies ParseArgsConfig['options']

export interface ParsedArgs {
  help: boolean
  version: boolean
  /** Print the results JSON, and nothing else, on standard output. */
  json: boolean
  /** Only errors and the final verdict line, on standard error. */
  quiet: boolean
  /** Also the details: resolved config, tools, every process and its log. */
  verbose: boolean
  configFile?: string
  options: RawOptions
}

/**
 * `--name value` or `--name=value` for every option of the table, plus --config FILE,
 * --help (-h), --version, --json, --quiet (-q) and --verbose (-v), read by node:util's
 * parseArgs in strict mode. A later flag wins over an earlier one. Throws
 * LoadTestError('input') naming the flag: an unknown one with the nearest known name, a
 * missing value, a value starting with a dash given as a separate word (ambiguous: it must
 * be written --name=-value), a positional argument.
 */
export function parseArgs(args: string[]): ParsedArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgv({ args, options: FLAG_CONFIG, strict: true, allowPositionals: false })
      .values as Record<string, string | boolean | undefined>
  } catch (error) {
    throw new LoadTestError('input', argumentErrorMessage(error, args), { cause: error })
  }
  const options: RawOptions = {}
  for (const name of OPTION_NAMES) {
    const value = values[name]
    if (typeof value === 'string') options[name] = value
  }
  return {
    help: values.help === true,
    version: values.version === true,
    json: values.json === true,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    ...(typeof values.config === 'string' ? { configFile: values.config } : {}),
    options
  }
}

/** parseArgs's errors (node:util, codes ERR_PARSE_ARGS_*) in this tool's words. */
function argumentErrorMessage(error: unknown, args: string[]): string {
  const code = (error as { code?: string }).code
  const message = errorMessage(error)
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? ''
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    if (quoted.startsWith('--')) return unknownOptionMessage(quoted.slice(2), '--')
    return `unknown option ${JSON.stringify(quoted)}. Known options are listed by --help.`
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `unexpected argument ${JSON.stringify(quoted)}; options start with --. See --help.`
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = quoted.split(' ')[0] ?? quoted
    if (/argument missing/.test(message)) return `${flag} needs a value. See --help.`
    if (/does not take an argument/.test(message)) return `${flag} takes no value. See --help.`
    if (/ambiguous/.test(message)) {
      const index = args.lastIndexOf(flag)
      const value = index === -1 ? undefined : args[index + 1]
      return value === undefined
        ? `${flag} needs a value. See --help.`
        : `${flag}: the next word, ${JSON.stringify(value)}, starts with a dash; write ${flag}=${value} if it is the value, or give ${flag} a value. See --help.`
    }
  }
  return `${message}. See --help.`
}

export function helpText(): string {
  const lines = [
    'Usage: bifrost-load-test [--config FILE] [--OPTION VALUE ...]',
    '',
    'Measures the latency a gateway adds on top of its provider: calibration (vegeta → mock',
    'provider), overhead (vegeta → gateway → mock provider) at the same rate, then stress runs.',
    'Options come from the defaults, then the JSON config FILE, then the flags.',
    'Progress and the summary go to standard output; errors and notices to standard error.',
    'Exit status: 0 passed; 1 a check failed, or a service died mid-run; 2 bad input or setup',
    'failure; 130 (SIGINT) or 143 (SIGTERM) interrupted, after writing what completed.',
    '--fail-on never turns only failed checks into 0. Linux only.',
    '',
    'Flags:',
    '  --config FILE'.padEnd(40) + 'JSON object of option names to values',
    '  --json'.padEnd(40) +
      'Print the results JSON on standard output, and nothing else there (progress and summary go to standard error)',
    '  -q, --quiet'.padEnd(40) + 'Only errors and the final verdict line, on standard error',
    '  -v, --verbose'.padEnd(40) + 'Also the resolved config, the tools, every process and its log',
    '  --version'.padEnd(40) + 'Print the version and exit',
    '  -h, --help'.padEnd(40) + 'Print this help and exit',
    '',
    'Options:'
  ]
  for (const option of OPTIONS) {
    const flag = `  --${option.name} ${option.valueHint}`
    const defaultText =
      'defaultValue' in option && option.defaultValue !== ''
        ? ` (default: ${option.defaultValue})`
        : ''
    lines.push(`${flag.padEnd(40)}${option.description}${defaultText}`)
  }
  return lines.join('\n')
}

/** This package's version, from its package.json. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string
  }
  return manifest.version
}

/**
 * The exit status of a run. Interrupted (`interruptedBy`, the signal that aborted it):
 * signalExitStatus, 130 for SIGINT and 143 for SIGTERM, whatever the run found. Else
 * EXIT_BAD_INPUT_OR_SETUP when it could not start measuring (an input refused once the run
 * began, such as a busy port, or a setup failure), EXIT_FAILED when a service died mid-run,
 * EXIT_PASSED when every check passed. A failed check is EXIT_FAILED, or EXIT_PASSED with
 * fail-on never (report only), which changes nothing else.
 */
export function exitStatus(record: RunRecord, interruptedBy?: NodeJS.Signals): number {
  if (interruptedBy !== undefined) return signalExitStatus(interruptedBy)
  if (record.failure) {
    return record.failure.kind === 'run' ? EXIT_FAILED : EXIT_BAD_INPUT_OR_SETUP
  }
  if (record.status === 'passed' || record.config.failOn === 'never') return EXIT_PASSED
  return EXIT_FAILED
}

/**
 * The signal an interrupt handler aborted `abortSignal` with (see handleInterrupts), if any;
 * an abort for another reason counts as SIGINT, a user's stop.
 */
function interruptingSignal(abortSignal: AbortSignal | undefined): NodeJS.Signals | undefined {
  if (!abortSignal?.aborted) return undefined
  const reason: unknown = abortSignal.reason
  return reason === 'SIGINT' || reason === 'SIGTERM' ? reason : 'SIGINT'
}

/** Where the CLI writes: one call per line or block, without its newline. */
export interface CliOutput {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => console.log(text),
  stderr: (text) => console.error(text)
}

/**
 * The CLI: parses `args`, runs the load test and returns the exit status (EXIT_*). Progress
 * and the summary go to standard output, or to standard error with --json (standard output
 * then holds only the results file's content); --quiet leaves only errors and the final
 * verdict line, on standard error. Refuses to run anywhere but Linux (`platform`).
 */
export async function main(
  args: string[],
  output: CliOutput = PROCESS_OUTPUT,
  abortSignal?: AbortSignal,
  platform: NodeJS.Platform = process.platform
): Promise<number> {
  try {
    const parsed = parseArgs(args)
    if (parsed.help) {
      output.stdout(helpText())
      return EXIT_PASSED
    }
    if (parsed.version) {
      output.stdout(`bifrost-load-test ${packageVersion()}`)
      return EXIT_PASSED
    }
    if (parsed.quiet && parsed.verbose) {
      throw new LoadTestError('input', '--quiet and --verbose: give one or the other.')
    }
    assertLinux(platform)
    const fileOptions = parsed.configFile ? loadConfigFile(parsed.configFile) : {}
    const config = resolveConfig([fileOptions, parsed.options], {
      cwd: process.cwd(),
      packageRoot: packageRoot(),
      defaultToolsDir: defaultToolsDir()
    })
    const human = parsed.quiet ? () => undefined : parsed.json ? output.stderr : output.stdout
    const detail = parsed.verbose ? (line: string) => human(`  · ${line}`) : () => undefined
    human(`bifrost-load-test: ${config.rate} RPS, results in ${config.resultsDir}`)
    detail(`resolved config: ${JSON.stringify(publicConfig(config))}`)
    const record = await runLoadTest(config, { onEvent: consoleProgress(human), abortSignal })
    for (const [tool, found] of Object.entries(record.tools)) {
      detail(`${tool}: ${JSON.stringify(found)}`)
    }
    for (const started of record.processes) {
      detail(`${started.name} (pid ${started.pid}) ${started.ended}; log: ${started.logFile}`)
    }
    human(renderConsoleSummary(record))
    const interruptedBy = interruptingSignal(abortSignal)
    const status = exitStatus(record, interruptedBy)
    const reportOnly = record.status === 'failed' && record.config.failOn === 'never'
    if (reportOnly) human('fail-on never: reported only, the exit status is 0.')
    if (interruptedBy !== undefined) {
      human(`Interrupted by ${interruptedBy}: the exit status is ${status}.`)
    }
    if (parsed.quiet) {
      output.stderr(
        `Gateway load test: ${statusHeadline(record.status)} — ${verdictSentence(record)}${reportOnly ? ' (fail-on never: exit status 0)' : ''}`
      )
    }
    if (parsed.json) output.stdout(readFileSync(record.files.json, 'utf8').trimEnd())
    return status
  } catch (error) {
    output.stderr(`error: ${errorMessage(error)}`)
    return error instanceof LoadTestError && error.kind === 'run'
      ? EXIT_FAILED
      : EXIT_BAD_INPUT_OR_SETUP
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1]
  if (entry === undefined) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  // The first Ctrl-C (or SIGTERM) stops the run cleanly and keeps what completed; a second one,
  // or a run that has not stopped within the grace period, kills what we started, removes the
  // files it created and leaves.
  const interrupts = handleInterrupts({
    log: (line) => console.error(`\n${line}`),
    cleanUpNow: removeTrackedPathsNow
  })
  process.exitCode = await main(process.argv.slice(2), PROCESS_OUTPUT, interrupts.signal)
  interrupts.dispose()
}
