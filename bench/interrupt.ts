import { handleInterrupts, type InterruptHandler } from '../src/services/interrupt.js'

let handler: InterruptHandler | undefined

/**
 * The bench's interrupt signal, with the CLI's handling (src/services/interrupt.ts): the
 * first SIGINT or SIGTERM aborts the run in progress, which stops its mock provider,
 * gateways and vegeta, and the bench ends with that run's error; a second one (Ctrl-C under
 * tsx delivers two) kills every process the bench started at once. Installs the handlers on
 * first use.
 */
export function benchAbortSignal(): AbortSignal {
  handler ??= handleInterrupts({ log: (line) => console.error(line) })
  return handler.signal
}
