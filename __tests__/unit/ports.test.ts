import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'

import { LoadTestError } from '../../src/errors.js'
import { assertPortFree, findFreePort } from '../../src/services/ports.js'

const servers: Server[] = []

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolveClose) => server.close(resolveClose)))
  )
})

async function listenOn(port: number): Promise<Server> {
  const server = createServer((socket) => socket.end('still here'))
  servers.push(server)
  server.listen({ port, host: '127.0.0.1' })
  await once(server, 'listening')
  return server
}

async function readGreeting(port: number): Promise<string> {
  const socket = connect({ port, host: '127.0.0.1' })
  socket.setEncoding('utf8')
  let received = ''
  socket.on('data', (chunk: string) => (received += chunk))
  await once(socket, 'end')
  socket.destroy()
  return received
}

describe('findFreePort', () => {
  it('returns a port that can be bound', async () => {
    const port = await findFreePort()
    expect(port).toBeGreaterThan(0)
    expect(port).toBeLessThan(65536)
    const server = await listenOn(port)
    expect((server.address() as AddressInfo).port).toBe(port)
  })
})

describe('assertPortFree', () => {
  it('accepts a free port and leaves it free', async () => {
    const port = await findFreePort()
    await assertPortFree(port, 'gateway-port')
    await listenOn(port)
  })

  it('rejects a busy port with an input error, and leaves its holder alone', async () => {
    const server = await listenOn(0)
    const port = (server.address() as AddressInfo).port

    const failure = await assertPortFree(port, 'mocker-port').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(LoadTestError)
    const loadTestError = failure as LoadTestError
    expect(loadTestError.kind).toBe('input')
    expect(loadTestError.message).toContain(`mocker-port ${port} is already in use on 127.0.0.1`)
    expect(loadTestError.message).toContain('leave mocker-port unset')
    expect(loadTestError.message).toContain('never stops processes it did not start')

    expect(server.listening).toBe(true)
    expect(await readGreeting(port)).toBe('still here')
  })
})
