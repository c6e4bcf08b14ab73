import { once } from 'node:events'
import { createServer, type Server } from 'node:net'

import { LoadTestError } from '../errors.js'

/**
 * A port that was free a moment ago. Another program may take it before ours binds it; callers
 * learn that from the service failing to start, not from here.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer()
  server.listen({ port: 0, host })
  await once(server, 'listening')
  const address = server.address()
  await closeServer(server)
  if (address === null || typeof address === 'string') {
    throw new Error(`could not read the port of a server listening on ${host}`)
  }
  return address.port
}

/**
 * Throws LoadTestError('input') if port, given by the user as optionName, cannot be bound on host.
 * Only tries to bind it: whatever holds the port is left alone.
 */
export async function assertPortFree(
  port: number,
  optionName: string,
  host = '127.0.0.1'
): Promise<void> {
  const server = createServer()
  try {
    server.listen({ port, host })
    await once(server, 'listening')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const unsetAdvice = `leave ${optionName} unset to let the run pick one`
    if (code === 'EADDRINUSE') {
      throw new LoadTestError(
        'input',
        `${optionName} ${port} is already in use on ${host} by another process; choose a free port or ${unsetAdvice}. bifrost-load-test never stops processes it did not start.`,
        { cause: error }
      )
    }
    if (code === 'EACCES') {
      throw new LoadTestError(
        'input',
        `${optionName} ${port} cannot be used on ${host} without extra privileges; choose a port above 1023 or ${unsetAdvice}.`,
        { cause: error }
      )
    }
    throw error
  }
  await closeServer(server)
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose, rejectClose) => {
    server.close((error) => (error === undefined ? resolveClose() : rejectClose(error)))
  })
}
