/** Names of the values the main step leaves in the action's state for the post step. */
export const STATE_PROCESSES = 'processes'
export const STATE_CACHES = 'caches'
/** The baseline to save (save-baseline): one cache entry, as serializeRestored writes it. */
export const STATE_BASELINE = 'baseline'
/**
 * The main step's run token and start time (RunOwner, as JSON): the post step stops every
 * process that carries it, including what left the saved process groups.
 */
export const STATE_RUN_TOKEN = 'run-token'
/** What the run created outside the results directory (TemporaryPath[], as JSON). */
export const STATE_TEMPORARY_PATHS = 'temporary-paths'

/** Whose processes the post step may stop: see run-token.ts. */
export interface RunOwner {
  token: string
  /** The main step's start, in clock ticks after boot: no process of its started earlier. */
  notBeforeTicks: number
}

/** The saved RunOwner, or undefined when absent or not one. */
export function parseRunOwner(saved: string): RunOwner | undefined {
  if (saved === '') return undefined
  try {
    const value = JSON.parse(saved) as Partial<RunOwner>
    if (typeof value.token === 'string' && /^[0-9a-f]{32}$/.test(value.token)) {
      if (typeof value.notBeforeTicks === 'number' && value.notBeforeTicks > 0) {
        return { token: value.token, notBeforeTicks: value.notBeforeTicks }
      }
    }
  } catch {
    // Not ours: ignored below.
  }
  return undefined
}
