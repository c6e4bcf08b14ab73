import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { vi } from 'vitest'
import { parse } from 'yaml'
import { REPO_ROOT, SMALL_PROFILE } from './helpers.js'

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
}

/** action.yml, parsed. */
export function actionYml(): ActionYml {
  return parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml
}

/**
 * Parses a runner command file (GITHUB_OUTPUT, GITHUB_STATE) as the runner does:
 * `name<<DELIMITER` … `DELIMITER` blocks, or `name=value` lines.
 */
export function parseCommandFile(content: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = content.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const body: string[] = []
      while (++index < lines.length && lines[index] !== delimiter) body.push(lines[index] as string)
      values[name] = body.join('\n')
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}

export interface RunnerFiles {
  dir: string
  output: string
  summary: string
  state: string
  resultsDir: string
  toolCache: string
  env: Record<string, string>
}

/** The files and variables a GitHub runner gives a JavaScript action's step. */
export function runnerEnvironment(inputs: Record<string, string>): RunnerFiles {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'blt-runner-'))
  const files = {
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'step_summary'),
    state: path.join(dir, 'state'),
    resultsDir: path.join(dir, 'results'),
    toolCache: path.join(dir, 'tool-cache')
  }
  for (const file of [files.output, files.summary, files.state]) writeFileSync(file, '')
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_WORKSPACE: REPO_ROOT,
    GITHUB_JOB: 'load-test',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'org/gateway',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: path.join(dir, 'temp'),
    RUNNER_TOOL_CACHE: files.toolCache,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1'
  }
  // The runner passes each input as INPUT_<NAME UPPERCASED>, hyphens kept, and the default
  // from action.yml for every input the step's `with:` leaves out.
  const defaults = Object.fromEntries(
    Object.entries(actionYml().inputs).map(([name, input]) => [name, input.default ?? ''])
  )
  for (const [name, value] of Object.entries({
    ...defaults,
    'results-dir': files.resultsDir,
    ...inputs
  })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  return { dir, ...files, env }
}

/** STATE_<name> variables for the post step, from what main wrote to GITHUB_STATE. */
export function postStepEnv(files: RunnerFiles): Record<string, string> {
  const state = parseCommandFile(readFileSync(files.state, 'utf8'))
  return Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]))
}

/** The small end-to-end profile, as action inputs (the same names as the options). */
export const SMALL_ACTION_INPUTS = SMALL_PROFILE as Record<string, string>

/** Runs `fn` with the runner's variables set, capturing what the action prints. */
export async function asStep(
  env: Record<string, string>,
  fn: () => Promise<void>
): Promise<string> {
  const saved = { ...process.env }
  const printed: string[] = []
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk))
    return true
  })
  Object.assign(process.env, env)
  try {
    await fn()
  } finally {
    write.mockRestore()
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
    Object.assign(process.env, saved)
  }
  return printed.join('')
}

/**
 * Node 24, as GitHub runs actions. npx starts it through a shell wrapper, and shells drop
 * variables with hyphens in their names (INPUT_BIFROST-PATH), so the binary is found once
 * and then spawned directly.
 */
let node24Path: string | undefined
export async function node24(): Promise<string> {
  node24Path ??= (
    await spawnCollect('npx', ['-y', 'node@24', '-e', 'console.log(process.execPath)'], {})
  ).output.trim()
  return node24Path
}

/** Runs a program from the repository root, collecting stdout and stderr together. */
export function spawnCollect(
  program: string,
  args: string[],
  env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const output: string[] = []
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output: output.join('') }))
  })
}

/** Runs a bundled entry point (dist/index.js, dist/post/index.js) under Node 24. */
export async function runNode24(
  script: string,
  env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
  return spawnCollect(await node24(), [script], env)
}
