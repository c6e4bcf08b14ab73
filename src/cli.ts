#!/usr/bin/env node
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LoadTestError, errorMessage } from './errors.js'
import { OPTIONS, isOptionName, type RawOptions } from './config/options.js'
import { loadConfigFile, unknownOptionMessage } from './config/file.js'
import { resolveConfig } from './config/resolve.js'
import { defaultToolsDir, packageRoot } from './package-root.js'
import { runLoadTest } from './engine/run.js'
import { handleInterrupts } from './services/interrupt.js'
import { consoleProgress, renderConsoleSummary } from './report/console.js'
import type { RunRecord } from './record.js'

export const EXIT_PASSED = 0
export const EXIT_FAILED = 1
export const EXIT_BAD_INPUT_OR_SETUP = 2

interface ParsedArgs {
  help: boolean
  configFile?: string
  options: RawOptions
}

/** `--name value` or `--name=value` for every option, plus --config FILE and --help. */
export function parseArgs(args: string[]): ParsedArgs {
  const parsed: ParsedArgs = { help: false, options: {} }
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string
    if (arg === '--help' || arg === '-h') {
      parsed.help = true
      continue
    }
    if (!arg.startsWith('--')) {
      throw new LoadTestError(
        'input',
        `unexpected argument ${JSON.stringify(arg)}; options start with --. See --help.`
      )
    }
    const equals = arg.indexOf('=')
    const name = arg.slice(2, equals === -1 ? undefined : equals)
    let value: string | undefined = equals === -1 ? undefined : arg.slice(equals + 1)
    if (value === undefined) {
      value = args[index + 1]
      if (value === undefined)
        throw new LoadTestError('input', `--${name} needs a value. See --help.`)
      index++
    }
    if (name === 'config') parsed.configFile = value
    else if (isOptionName(name)) parsed.options[name] = value
    else throw new LoadTestError('input', unknownOptionMessage(name, '--'))
  }
  return parsed
}

export function helpText(): string {
  const lines = [
    'Usage: bifrost-load-test [--config FILE] [--OPTION VALUE ...]',
    '',
    'Measures the latency a gateway adds on top of its provider: calibration (vegeta → mock',
    'provider), overhead (vegeta → gateway → mock provider) at the same rate, then stress runs.',
    'Options come from the defaults, then the JSON config FILE, then the flags.',
    'Exit status: 0 passed, 1 a check failed, 2 bad input or setup failure.',
    '',
    'Options:',
    '  --config FILE'.padEnd(40) + 'JSON object of option names to values'
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

export function exitStatus(record: RunRecord): number {
  if (record.status === 'passed') return EXIT_PASSED
  if (record.failure && record.failure.kind !== 'run') return EXIT_BAD_INPUT_OR_SETUP
  return EXIT_FAILED
}

export async function main(
  args: string[],
  write: (line: string) => void = console.log,
  abortSignal?: AbortSignal
): Promise<number> {
  try {
    const parsed = parseArgs(args)
    if (parsed.help) {
      write(helpText())
      return EXIT_PASSED
    }
    const fileOptions = parsed.configFile ? loadConfigFile(parsed.configFile) : {}
    const config = resolveConfig([fileOptions, parsed.options], {
      cwd: process.cwd(),
      packageRoot: packageRoot(),
      defaultToolsDir: defaultToolsDir()
    })
    write(`bifrost-load-test: ${config.rate} RPS, results in ${config.resultsDir}`)
    const record = await runLoadTest(config, { onEvent: consoleProgress(write), abortSignal })
    write(renderConsoleSummary(record))
    return exitStatus(record)
  } catch (error) {
    write(`error: ${errorMessage(error)}`)
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
  // or a run that has not stopped within the grace period, kills what we started and leaves.
  const interrupts = handleInterrupts({ log: (line) => console.log(`\n${line}`) })
  process.exitCode = await main(process.argv.slice(2), console.log, interrupts.signal)
  interrupts.dispose()
}
