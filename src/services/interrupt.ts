import os from 'node:os'
import { killAllProcessesNow } from './process.js'

export interface InterruptOptions {
  /** Where the handler says what it does. */
  log: (line: string) => void
  /**
   * After the first signal, how long the run may take to stop and write what completed
   * before everything is killed and the process exits. Default 30 s: stopping the gateway
   * and the mock provider takes up to 5 s each before SIGKILL.
   */
  graceMs?: number
  /** Default process.exit; tests replace it. */
  exit?: (code: number) => void
  /**
   * Runs after every process was killed, right before the process exits: removes the files
   * the run created outside its results directory (removeTrackedPathsNow). Synchronous.
   */
  cleanUpNow?: () => void
  signals?: NodeJS.Signals[]
}

export interface InterruptHandler {
  /** Aborted at the first signal, with the signal's name as the reason. */
  signal: AbortSignal
  /** Removes the handlers (signals then take Node's default action: the process ends). */
  dispose(): void
}

export const DEFAULT_STOP_GRACE_MS = 30_000

/** 128 + the signal's number, as a shell reports a death by that signal: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitStatus(signal: NodeJS.Signals): number {
  return 128 + (os.constants.signals[signal] ?? 0)
}

/**
 * Ctrl-C and SIGTERM for a front end. The first signal aborts the run, which stops what it
 * started and writes what completed (the front end then exits with signalExitStatus). A second
 * signal, or the grace period running out (a run stuck where it cannot see the abort), kills
 * every process we started at once, runs cleanUpNow and exits with signalExitStatus. No
 * signal is ever swallowed.
 */
export function handleInterrupts(options: InterruptOptions): InterruptHandler {
  const graceMs = options.graceMs ?? DEFAULT_STOP_GRACE_MS
  const exit = options.exit ?? ((code: number) => process.exit(code))
  const signals = options.signals ?? ['SIGINT', 'SIGTERM']
  const controller = new AbortController()
  let graceTimer: NodeJS.Timeout | undefined

  const stopNow = (signal: NodeJS.Signals, why: string): void => {
    options.log(`${why}: stopping everything now.`)
    killAllProcessesNow()
    options.cleanUpNow?.()
    exit(signalExitStatus(signal))
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      stopNow(signal, `${signal} again`)
      return
    }
    options.log(
      `${signal}: stopping the run and writing what completed… (send it again to stop at once)`
    )
    controller.abort(signal)
    graceTimer = setTimeout(
      () => stopNow(signal, `the run did not stop within ${graceMs / 1000} s of ${signal}`),
      graceMs
    )
    // The timer must not keep a finished run alive; it still fires while anything else runs.
    graceTimer.unref()
  }
  for (const signal of signals) process.on(signal, onSignal)
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(graceTimer)
      for (const signal of signals) process.off(signal, onSignal)
    }
  }
}
