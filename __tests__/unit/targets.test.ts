import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  chatRequestBody,
  permutations,
  vegetaJsonTarget,
  writeTargetsFile,
  type ChatTarget
} from '../../src/load/targets.js'

const target = (name: ChatTarget['name'], port: number, stream = false): ChatTarget => ({
  name,
  url: `http://127.0.0.1:${port}/v1/chat/completions`,
  model: 'gpt-4o-mini',
  headers: name === 'direct' ? {} : { Authorization: 'Bearer k' },
  stream
})

describe('targets', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-targets-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('puts every target in every position equally often', () => {
    const orders = permutations(['d', 'b', 'g'])
    expect(orders).toHaveLength(6)
    for (const position of [0, 1, 2]) {
      const counts = new Map<string, number>()
      for (const order of orders)
        counts.set(order[position] as string, (counts.get(order[position] as string) ?? 0) + 1)
      expect([...counts.values()]).toEqual([2, 2, 2])
    }
    expect(permutations(['only'])).toEqual([['only']])
  })

  it('writes vegeta JSON targets, alternating in every order', async () => {
    const file = path.join(scratch, 'targets.json')
    await writeTargetsFile(file, [target('direct', 1), target('gateway', 2)])
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.map((line) => line.url)).toEqual([
      'http://127.0.0.1:1/v1/chat/completions',
      'http://127.0.0.1:2/v1/chat/completions',
      'http://127.0.0.1:2/v1/chat/completions',
      'http://127.0.0.1:1/v1/chat/completions'
    ])
    expect(lines[1]).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:2/v1/chat/completions',
      header: { 'Content-Type': ['application/json'], Authorization: ['Bearer k'] },
      body: Buffer.from(chatRequestBody('gpt-4o-mini')).toString('base64')
    })
  })

  it('asks for a stream in streaming mode', () => {
    const body = JSON.parse(
      Buffer.from(
        JSON.parse(vegetaJsonTarget(target('gateway', 2, true))).body,
        'base64'
      ).toString()
    )
    expect(body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello, how are you?' }],
      stream: true
    })
  })

  it('refuses targets that share a URL, as their results could not be told apart', async () => {
    await expect(
      writeTargetsFile(path.join(scratch, 'x.json'), [target('direct', 1), target('gateway', 1)])
    ).rejects.toThrow('share a URL')
  })
})
