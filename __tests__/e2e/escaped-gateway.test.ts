import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runLoadTest } from '../../src/engine/run.js'
import { runningProcesses } from '../../src/services/process.js'
import { findListeners } from '../../src/services/listeners.js'
import { REPO_ROOT, canConnect, expectNothingLeftRunning, testConfig } from './helpers.js'

const DAEMONIZE = path.join(REPO_ROOT, '__tests__/fixtures/daemonize.sh')
const PROXY = path.join(REPO_ROOT, '__tests__/fixtures/openai-proxy.mjs')

// A gateway command that daemonizes (setsid, as `docker run -d` or a self-daemonizing server
// does) leaves its server outside the process group the run stops. Real vegeta, a real mock
// provider, the real Node proxy as the gateway.
describe('a gateway whose server leaves its process group', () => {
  let scratch = ''
  const resultsDirs: string[] = []
  let startedPids: number[] = []
  const onProcessStarted = (process: { pid: number }): void => {
    startedPids.push(process.pid)
  }

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-escaped-gateway-'))
  })

  afterEach(() => {
    expect(runningProcesses()).toEqual([])
    startedPids = []
  })

  afterAll(() => {
    for (const directory of [scratch, ...resultsDirs]) {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  /** The daemons' pids; the test kills any that is still alive, whatever the outcome. */
  function daemonPids(pidFile: string): number[] {
    return readFileSync(pidFile, 'utf8').trim().split('\n').map(Number)
  }
  /** Kills what is still alive of `pids` (zombies are dead: init reaps them lazily). */
  function killLeftovers(pids: number[]): string[] {
    const alive: string[] = []
    for (const pid of pids) {
      let state: string | undefined
      try {
        state = /^\d+ \(.*\) (\w)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]
      } catch {
        continue
      }
      if (state === 'Z' || state === 'X') continue
      alive.push(`${pid} (${state})`)
      process.kill(pid, 'SIGKILL')
    }
    return alive
  }

  const daemonizingConfig = (mode: 'exit' | 'stay' | 'early', name: string) => {
    const pidFile = path.join(scratch, `${name}.pids`)
    const config = testConfig({
      'bifrost-path': '',
      'gateway-command': JSON.stringify([
        DAEMONIZE,
        mode,
        pidFile,
        path.join(scratch, `${name}-daemon.log`),
        'proxy ready on',
        process.execPath,
        PROXY,
        '--host',
        '{host}',
        '--port',
        '{port}',
        '--upstream',
        '{upstream}',
        '--api-key',
        's3cret-key'
      ]),
      'gateway-health-path': '',
      'gateway-ready-log': 'proxy ready on',
      'gateway-headers': 'Authorization: Bearer s3cret-key',
      'stress-runs': '1',
      // This test is about processes, not speed: a Node proxy on a busy machine may be slow.
      'max-overhead-mean-us': '1000000',
      'max-overhead-p50-us': '1000000',
      'max-overhead-p90-us': '1000000',
      'max-overhead-p95-us': '1000000',
      'max-overhead-p99-us': '1000000'
    })
    resultsDirs.push(config.resultsDir)
    return { config, pidFile }
  }

  it('says the command daemonized, names the process, and stops it', async () => {
    const { config, pidFile } = daemonizingConfig('exit', 'exits')
    const record = await runLoadTest(config, { onProcessStarted })
    const daemons = daemonPids(pidFile)
    expect(killLeftovers(daemons), 'daemons left alive').toEqual([])
    await expectNothingLeftRunning(startedPids)

    expect(record.status).toBe('error')
    expect(record.failure?.kind).toBe('setup')
    const port = record.ports.gateway as number
    expect(daemons).toHaveLength(1)
    // The command line shows the key, the credential of a header: messages redact it.
    const daemon = `pid ${daemons[0]} (${process.execPath} ${PROXY} --host 127.0.0.1 --port ${port} --upstream http://127.0.0.1:${record.ports.mocker} --api-key ***)`
    expect(record.failure?.message).toContain(
      `gateway exited with status 0 before it was ready and left a process of this run behind: ${daemon}, listening on port ${port}; stopped it. The command daemonized: run the gateway in the foreground`
    )
    // Stopped before the error was made, so nothing was left for the end of the run.
    expect(record.verdict.warnings).toEqual([])
    expect(await canConnect(port)).toBe(false)
    expect(findListeners(port).holders).toEqual([])
  })

  it('stops a daemon that binds its port only after its launcher exited 0, and names it', async () => {
    // The launcher returns at once; its daemon binds the gateway port about 200 ms later, so
    // a look at the port when the launcher exits finds nothing (issue 13, item 1).
    const { config, pidFile } = daemonizingConfig('early', 'early')
    const record = await runLoadTest(config, { onProcessStarted })
    const daemons = daemonPids(pidFile)
    expect(daemons).toHaveLength(1)
    const port = record.ports.gateway as number
    // Had it escaped, it would be listening by now.
    await sleep(1000)
    const listening = findListeners(port)
    expect(killLeftovers(daemons), 'daemons left alive').toEqual([])
    await expectNothingLeftRunning(startedPids)

    expect(listening.holders.map((holder) => holder.pid)).toEqual([])
    expect(await canConnect(port)).toBe(false)
    expect(record.status).toBe('error')
    expect(record.failure?.kind).toBe('setup')
    expect(record.failure?.message).toContain(
      `gateway exited with status 0 before it was ready and left a process of this run behind: pid ${daemons[0]} (${process.execPath} ${PROXY} --host 127.0.0.1 --port ${port} --upstream http://127.0.0.1:${record.ports.mocker} --api-key ***), listening on port ${port}; stopped it. The command daemonized: run the gateway in the foreground`
    )
  })

  it('stops the escaped server at the restart and at the end, and the run still passes', async () => {
    const { config, pidFile } = daemonizingConfig('stay', 'stays')
    const record = await runLoadTest(config, { onProcessStarted })
    const daemons = daemonPids(pidFile)
    expect(killLeftovers(daemons), 'daemons left alive').toEqual([])
    await expectNothingLeftRunning(startedPids)

    expect(record.failure).toBeUndefined()
    expect(record.verdict.failures).toEqual([])
    expect(record.status).toBe('passed')
    const json = JSON.parse(readFileSync(record.files.json, 'utf8'))
    expect(json.phases.map((phase: { id: string }) => phase.id)).toEqual([
      'warmup-direct',
      'warmup-gateway',
      'calibration',
      'overhead',
      'stress-1'
    ])
    // One server per start (overhead, then stress), each stopped when its services stopped.
    expect(daemons).toHaveLength(2)
    const port = record.ports.gateway as number
    expect(record.verdict.warnings).toEqual(
      daemons.map((pid) =>
        expect.stringMatching(
          new RegExp(
            `^stopped pid ${pid} \\(.*openai-proxy\\.mjs .*\\), which this run started and which was still listening on the gateway port ${port} after the gateway stopped`
          )
        )
      )
    )
    expect(await canConnect(port)).toBe(false)
  })
})
