import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { LoadTestError } from '../errors.js'
import { startProcess } from '../services/process.js'
import { feedCsvLines, type AttackAccumulator, type AttackResults } from './results.js'

export interface AttackPlan {
  /** The attack's id, used as vegeta's attack name and in messages. */
  name: string
  targetsFile: string
  /** vegeta's own results (gob), kept for the artifact. */
  resultsFile: string
  logFile: string
  /** Requests per second over all targets together. */
  rate: number
  durationS: number
  timeoutS: number
  workers: number
  maxWorkers: number
  /** Response bytes vegeta keeps per request (-max-body). */
  maxBodyBytes: number
}

export interface AttackOutcome {
  /** From the start of vegeta to the end of its last result's decoding. */
  wallS: number
  /** From the end of the attack (vegeta exited) to the statistics being ready. */
  statisticsLagS: number
  /** True when the attack was cut short by the abort signal (its results are still kept). */
  aborted: boolean
  results: AttackResults
}

export interface AttackProgress {
  elapsedS: number
  /** Results decoded so far, all targets together. */
  requests: number
  successes: number
}

export interface AttackOptions {
  /** Called about once a second while the attack runs. */
  onProgress?: (progress: AttackProgress) => void
  /** Stops the attack early; vegeta still writes the results it has. */
  abortSignal?: AbortSignal
}

const toMs = (seconds: number): string => `${Math.round(seconds * 1000)}ms`

/**
 * vegeta's argv for one attack. Results go to stdout (gob), to be decoded while the attack
 * runs; -max-body keeps enough of each body to check it is a chat completion.
 */
export function attackArgv(vegetaPath: string, plan: AttackPlan): string[] {
  return [
    vegetaPath,
    'attack',
    '-format=json',
    `-targets=${plan.targetsFile}`,
    `-name=${plan.name}`,
    `-rate=${plan.rate}/1s`,
    `-duration=${toMs(plan.durationS)}`,
    `-timeout=${toMs(plan.timeoutS)}`,
    `-workers=${plan.workers}`,
    `-max-workers=${plan.maxWorkers}`,
    `-max-body=${plan.maxBodyBytes}`
  ]
}

/**
 * Runs one vegeta attack and decodes its results while it runs: `vegeta attack` writes gob
 * to a pipe that is copied both to `resultsFile` and into `vegeta encode --to csv`, whose
 * lines go into the accumulator. So the statistics are ready as soon as the last result is
 * decoded, however long the attack. Throws LoadTestError ('run') when vegeta fails or a
 * result is malformed; an aborted attack is not an error (outcome.aborted).
 */
export async function runAttack(
  vegetaPath: string,
  plan: AttackPlan,
  accumulator: AttackAccumulator,
  options: AttackOptions = {}
): Promise<AttackOutcome> {
  const startedMs = performance.now()
  const attack = startProcess({
    name: `vegeta attack (${plan.name})`,
    argv: attackArgv(vegetaPath, plan),
    logFile: plan.logFile,
    pipeStdout: true
  })
  const encode = startProcess({
    name: `vegeta encode (${plan.name})`,
    argv: [vegetaPath, 'encode', '-to', 'csv'],
    logFile: plan.logFile,
    pipeStdin: true,
    pipeStdout: true
  })
  const attackOut = attack.stdout
  const encodeIn = encode.stdin
  const encodeOut = encode.stdout
  if (!attackOut || !encodeIn || !encodeOut) throw new Error('vegeta pipes were not opened')

  let aborted = false
  let bytesOut = 0
  const abort = (): void => {
    aborted = true
    // SIGINT makes vegeta stop attacking and flush the results it has.
    if (attack.running) process.kill(attack.pid, 'SIGINT')
  }
  if (options.abortSignal?.aborted) abort()
  options.abortSignal?.addEventListener('abort', abort, { once: true })
  const progressTimer = setInterval(
    () =>
      options.onProgress?.({
        elapsedS: (performance.now() - startedMs) / 1000,
        requests: accumulator.requests,
        successes: accumulator.successes
      }),
    1000
  )

  // Reported by the exit status of encode; without a listener it would crash the process.
  encodeIn.on('error', () => undefined)
  const file = createWriteStream(plan.resultsFile)
  attackOut.on('data', (chunk: Buffer) => {
    bytesOut += chunk.length
  })
  attackOut.pipe(file)
  attackOut.pipe(encodeIn)
  let attackEndedMs: number | undefined
  try {
    const fed = feedCsvLines(encodeOut, accumulator, () => {
      abort()
      if (encode.running) process.kill(encode.pid, 'SIGTERM')
    })
    // Awaited below, after the attack's exit; this only keeps an early rejection handled.
    fed.catch(() => undefined)
    const attackExit = await attack.exited
    attackEndedMs = performance.now()
    await Promise.all([finished(file), fed])
    const encodeExit = await encode.exited
    if (attackExit.code !== 0 && !aborted) {
      throw new LoadTestError(
        'run',
        `vegeta attack for ${plan.name} ${attack.exitDescription()}; see ${plan.logFile}:\n${attack.logTail(10)}`,
        { logFile: plan.logFile, logTail: attack.logTail(20) }
      )
    }
    // With no results at all, encode cannot tell the encoding and fails: nothing to decode.
    if (encodeExit.code !== 0 && bytesOut > 0) {
      throw new LoadTestError(
        'run',
        `vegeta encode for ${plan.name} ${encode.exitDescription()}; see ${plan.logFile}:\n${encode.logTail(10)}`,
        { logFile: plan.logFile, logTail: encode.logTail(20) }
      )
    }
  } finally {
    clearInterval(progressTimer)
    options.abortSignal?.removeEventListener('abort', abort)
    await Promise.all([attack.stop(), encode.stop()])
  }
  const results = accumulator.finish()
  const endedMs = performance.now()
  return {
    wallS: (endedMs - startedMs) / 1000,
    statisticsLagS: attackEndedMs === undefined ? 0 : (endedMs - attackEndedMs) / 1000,
    aborted,
    results
  }
}
