import type { EngineEvent } from '../engine/events.js'
import { consoleProgress } from '../report/console.js'

/** The @actions/core functions the action's progress uses. */
export interface GroupLog {
  info(line: string): void
  debug(line: string): void
  startGroup(title: string): void
  endGroup(): void
}

/**
 * The engine's events in the action's log: each phase in a foldable group (opened at its
 * phase-start event, closed at its phase-end), holding the console's lines for it; every
 * progress tick also as a debug line (shown when the run is re-run with debug logging).
 * close() ends a group a stopped run left open.
 */
export function groupedProgress(log: GroupLog): {
  onEvent: (event: EngineEvent) => void
  close: () => void
} {
  const lines = consoleProgress((line) => log.info(line))
  let open = false
  const close = (): void => {
    if (open) log.endGroup()
    open = false
  }
  return {
    onEvent: (event) => {
      if (event.type === 'phase-start') {
        close()
        log.startGroup(event.label)
        open = true
      }
      if (event.type === 'phase-progress') {
        log.debug(`${event.label}: ${event.elapsedS.toFixed(1)}s of ~${event.totalS.toFixed(1)}s`)
      }
      lines(event)
      if (event.type === 'phase-end') close()
    },
    close
  }
}
