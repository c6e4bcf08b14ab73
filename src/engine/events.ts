/** What the engine tells a front end while it runs; the front end decides how to show it. */
export type EngineEvent =
  | { type: 'info'; message: string }
  | { type: 'warning'; message: string }
  | { type: 'phase-start'; phase: string; label: string; totalS: number; detail: string }
  | {
      type: 'phase-progress'
      phase: string
      label: string
      elapsedS: number
      totalS: number
      /** What has been measured so far, e.g. "1200 responses, 100.00% valid". */
      detail?: string
    }
  | {
      type: 'phase-end'
      phase: string
      label: string
      summary: string
      /** False when a target's valid share fell below the minimum success rate. */
      ok?: boolean
    }

export type EngineEventListener = (event: EngineEvent) => void
