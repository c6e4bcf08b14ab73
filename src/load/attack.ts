import { LoadTestError } from '../errors.js'
import { startProcess } from '../services/process.js'

export interface AttackPlan {
  /** The phase id, used as vegeta's attack name and in messages. */
  name: string
  targetsFile: string
  resultsFile: string
  logFile: string
  rate: number
  durationS: number
  timeoutS: number
  workers: number
  maxWorkers: number
}

export interface AttackOutcome {
  wallS: number
  /** True when the attack was cut short by the abort signal (its results are still written). */
  aborted: boolean
}

export interface AttackOptions {
  /** Called about once a second with the seconds elapsed since the attack began. */
  onProgress?: (elapsedS: number) => void
  /** Stops the attack early; vegeta still writes the results it has. */
  abortSignal?: AbortSignal
}

const toMs = (seconds: number): string => `${Math.round(seconds * 1000)}ms`

/** vegeta's argv for one attack; -max-body=0 keeps no bodies, so results stay small. */
export function attackArgv(vegetaPath: string, plan: AttackPlan): string[] {
  return [
    vegetaPath,
    'attack',
    '-format=json',
    `-targets=${plan.targetsFile}`,
    `-output=${plan.resultsFile}`,
    `-name=${plan.name}`,
    `-rate=${plan.rate}/1s`,
    `-duration=${toMs(plan.durationS)}`,
    `-timeout=${toMs(plan.timeoutS)}`,
    `-workers=${plan.workers}`,
    `-max-workers=${plan.maxWorkers}`,
    '-max-body=0'
  ]
}

/** Runs one vegeta attack to completion (or until aborted) and reports its wall time. */
export async function runAttack(
  vegetaPath: string,
  plan: AttackPlan,
  options: AttackOptions = {}
): Promise<AttackOutcome> {
  const startedMs = Date.now()
  const vegeta = startProcess({
    name: `vegeta (${plan.name})`,
    argv: attackArgv(vegetaPath, plan),
    logFile: plan.logFile
  })
  let aborted = false
  const abort = (): void => {
    aborted = true
    // SIGINT makes vegeta stop attacking and flush the results it has.
    if (vegeta.running) process.kill(vegeta.pid, 'SIGINT')
  }
  if (options.abortSignal?.aborted) abort()
  options.abortSignal?.addEventListener('abort', abort, { once: true })
  const progressTimer = setInterval(
    () => options.onProgress?.((Date.now() - startedMs) / 1000),
    1000
  )
  try {
    const exit = await vegeta.exited
    if (exit.code !== 0 && !aborted) {
      throw new LoadTestError(
        'run',
        `vegeta attack for ${plan.name} ${vegeta.exitDescription()}; see ${plan.logFile}:\n${vegeta.logTail(10)}`,
        { logFile: plan.logFile, logTail: vegeta.logTail(20) }
      )
    }
  } finally {
    clearInterval(progressTimer)
    options.abortSignal?.removeEventListener('abort', abort)
    await vegeta.stop()
  }
  return { wallS: (Date.now() - startedMs) / 1000, aborted }
}
