/**
 * Errors a user can act on. `kind` decides the exit status:
 * `input` and `setup` exit 2 (nothing was measured or the run could not proceed),
 * a failed check is not an error but a verdict and exits 1.
 */
export type LoadTestErrorKind = 'input' | 'setup' | 'run'

export class LoadTestError extends Error {
  readonly kind: LoadTestErrorKind
  /** A log file the user should read, if one explains the failure. */
  readonly logFile?: string
  /** The last lines of that log, already read, so a report can show them. */
  readonly logTail?: string

  constructor(
    kind: LoadTestErrorKind,
    message: string,
    details: { logFile?: string; logTail?: string; cause?: unknown } = {}
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'LoadTestError'
    this.kind = kind
    this.logFile = details.logFile
    this.logTail = details.logTail
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
