import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { KEPT_BUILDS, pruneBuilds } from '../../src/tools/prune.js'

let buildsDir: string
const HOUR_MS = 3600 * 1000

beforeEach(async () => {
  buildsDir = await mkdtemp(path.join(os.tmpdir(), 'blt-prune-'))
})

afterEach(async () => {
  await rm(buildsDir, { recursive: true, force: true })
})

/** A build directory with a binary, last used `hoursAgo` hours ago. */
async function build(name: string, hoursAgo: number): Promise<string> {
  const directory = path.join(buildsDir, name)
  await mkdir(directory)
  await writeFile(path.join(directory, name.split('-')[0] as string), 'binary')
  const used = new Date(Date.now() - hoursAgo * HOUR_MS)
  await utimes(directory, used, used)
  return directory
}

describe('pruneBuilds', () => {
  it(`keeps the ${KEPT_BUILDS} most recently used builds of a name, the one in use among them`, async () => {
    // The build in use is the oldest on disk (restored from a cache, say): it counts as newest.
    const inUse = await build('gateway-aaaa', 100)
    await build('gateway-bbbb', 30)
    await build('gateway-cccc', 40)
    await build('gateway-dddd', 50)
    await build('gateway-eeee', 60)
    // Other names, and files, are not this pruning's business.
    await build('mocker-1111', 200)
    await writeFile(path.join(buildsDir, 'gateway-notes'), 'a file')
    const lines: string[] = []

    const removed = await pruneBuilds(buildsDir, 'gateway', inUse, (line) => lines.push(line))

    expect(removed.sort()).toEqual(
      ['gateway-dddd', 'gateway-eeee'].map((name) => path.join(buildsDir, name))
    )
    expect((await readdir(buildsDir)).sort()).toEqual([
      'gateway-aaaa',
      'gateway-bbbb',
      'gateway-cccc',
      'gateway-notes',
      'mocker-1111'
    ])
    expect(Date.now() - (await stat(inUse)).mtimeMs).toBeLessThan(60_000)
    expect(lines).toEqual([
      `gateway: removed 2 older builds from ${buildsDir}, keeping the 3 most recently used and any used within 24 h`
    ])
  })

  it('never removes a build used within the last day (another run may still start it)', async () => {
    const inUse = await build('mocker-aaaa', 0)
    for (const [name, hoursAgo] of [
      ['mocker-bbbb', 1],
      ['mocker-cccc', 2],
      ['mocker-dddd', 3],
      ['mocker-eeee', 30]
    ] as const) {
      await build(name, hoursAgo)
    }
    const removed = await pruneBuilds(buildsDir, 'mocker', inUse, () => undefined)
    expect(removed).toEqual([path.join(buildsDir, 'mocker-eeee')])
    expect(await readdir(buildsDir)).toHaveLength(4)
  })

  it('logs instead of throwing when the builds directory cannot be read', async () => {
    const lines: string[] = []
    const missing = path.join(buildsDir, 'missing')
    expect(
      await pruneBuilds(missing, 'gateway', path.join(missing, 'gateway-a'), (line) =>
        lines.push(line)
      )
    ).toEqual([])
    expect(lines[0]).toMatch(/^gateway: could not prune old builds in .*: ENOENT/)
  })
})
