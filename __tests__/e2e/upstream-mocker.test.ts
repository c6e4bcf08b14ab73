import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { runLoadTest } from '../../src/engine/run.js'
import { runningProcesses } from '../../src/services/process.js'
import { expectNothingLeftRunning, testConfig } from './helpers.js'

/**
 * bifrost-benchmarking's own mock provider (fasthttp), built from a clone of
 * maximhq/bifrost-benchmarking through the Go module proxy. Its code is not ours to commit
 * and GitHub is out of reach on the test machines, so this runs only when a clone is given:
 *   BLT_UPSTREAM_MOCKER_REPOSITORY=/path/to/bifrost-benchmarking npx vitest run upstream-mocker
 */
const repository = process.env.BLT_UPSTREAM_MOCKER_REPOSITORY

describe.skipIf(repository === undefined)('the upstream mock provider, end to end', () => {
  let startedPids: number[] = []
  afterEach(async () => {
    await expectNothingLeftRunning(startedPids)
    expect(runningProcesses()).toEqual([])
    startedPids = []
  })

  it('measures both modes through it, noting that it logs every request', async () => {
    const config = testConfig({
      'mocker-repository': repository,
      'mocker-ref': process.env.BLT_UPSTREAM_MOCKER_REF ?? 'main',
      mode: 'both'
    })
    const record = await runLoadTest(config, {
      onProcessStarted: (process) => startedPids.push(process.pid)
    })
    expect(record.failure).toBeUndefined()
    expect(record.status, JSON.stringify(record.verdict.failures)).toBe('passed')
    expect(record.evaluation.overhead.map((estimate) => estimate.mode)).toEqual([
      'non-streaming',
      'streaming'
    ])
    expect(record.verdict.warnings.join('\n')).toMatch(
      /The mock provider logged \d+ lines for \d+ requests/
    )
    expect(record.verdict.warnings.join('\n')).toContain('takes no -idle-timeout')
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.tools.mocker.origin).toMatch(/@[0-9a-f]{40}$/)
  })
})
