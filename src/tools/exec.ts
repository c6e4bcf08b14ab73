import { spawn } from 'node:child_process'
import { LoadTestError } from '../errors.js'
import { withRunToken } from '../services/run-token.js'

export interface CommandResult {
  exitCode: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a short command to completion with argv (never through a shell) and captures its
 * output. A program that cannot be started is a setup error naming it.
 */
export function runCommand(
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}
): Promise<CommandResult> {
  const [program, ...args] = argv
  if (program === undefined) throw new Error('runCommand needs a program')
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: withRunToken(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new LoadTestError('setup', `could not run ${program}: ${error.code ?? error.message}`, {
          cause: error
        })
      )
    )
    child.on('close', (exitCode) =>
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8')
      })
    )
  })
}

/** The last lines of a command's output, for an error message. */
export function outputTail(result: CommandResult, lineCount = 15): string {
  const lines = `${result.stdout}${result.stderr}`.trimEnd().split('\n')
  return lines.slice(-lineCount).join('\n')
}
