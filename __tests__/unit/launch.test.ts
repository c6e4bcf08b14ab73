import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MOCKER_KEY,
  bifrostConfig,
  bifrostSchemaPath,
  bifrostSizing,
  gatewayArgv,
  gatewayLogLevel,
  userBifrostConfig,
  writeGatewayAppDir
} from '../../src/services/launch.js'
import { REPO_ROOT } from './fixtures.js'

const BIFROST_LIKE = path.join(REPO_ROOT, 'examples', 'bifrost-like')
const MOCKER = 'http://127.0.0.1:4100'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-launch-'))
})
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** A config as a team might ship it: plugins, governance, logging, two providers, secrets. */
const SHIPPED = {
  client: { enable_logging: true, initial_pool_size: 300, disable_content_logging: true },
  logs_store: { enabled: true, type: 'sqlite', config: { path: './logs.db' } },
  governance: { virtual_keys: [{ id: 'vk-1', value: 'sk-bf-team' }] },
  plugins: [{ name: 'logging', enabled: true, config: {} }],
  providers: {
    openai: {
      keys: [
        { name: 'prod', value: 'sk-live-secret', weight: 1, models: ['gpt-4o'] },
        { name: 'backup', value: 'env.OPENAI_BACKUP', weight: 0.5, models: [] }
      ],
      network_config: {
        base_url: 'https://api.openai.com',
        max_retries: 2,
        max_conns_per_host: 12000,
        default_request_timeout_in_seconds: 120
      },
      concurrency_and_buffer_size: { concurrency: 20000, buffer_size: 100 }
    },
    anthropic: { keys: [{ name: 'a', value: 'sk-ant-secret', weight: 1, models: ['*'] }] }
  }
}

describe('bifrostSizing', () => {
  it("gives bifrost's default 5000 connections for a small load, a quarter more than in flight for a big one, at most 10000", () => {
    expect(bifrostSizing(10).maxConnsPerHost).toBe(5000)
    expect(bifrostSizing(6000).maxConnsPerHost).toBe(7500)
    expect(bifrostSizing(9000).maxConnsPerHost).toBe(10000)
    expect(bifrostSizing(4000)).toMatchObject({
      concurrency: 8000,
      bufferSize: 16000,
      initialPoolSize: 8000
    })
  })

  it('keeps the request timeout above the mock provider latency', () => {
    expect(bifrostSizing(10, 1000).requestTimeoutS).toBe(30)
    expect(bifrostSizing(10, 60_000).requestTimeoutS).toBe(75)
  })
})

describe('bifrostConfig (ours)', () => {
  it('points openai at the mock provider with our key and sized connections', () => {
    const config = bifrostConfig(MOCKER, 6000, 1000)
    expect(config.providers.openai).toEqual({
      keys: [{ name: MOCKER_KEY, value: MOCKER_KEY, weight: 1, models: ['*'] }],
      network_config: {
        base_url: MOCKER,
        default_request_timeout_in_seconds: 30,
        max_conns_per_host: 7500
      },
      concurrency_and_buffer_size: { concurrency: 12000, buffer_size: 24000 }
    })
    expect(config.plugins).toEqual([])
  })
})

describe('userBifrostConfig', () => {
  const config = userBifrostConfig(SHIPPED, MOCKER, 4000, 1000) as typeof SHIPPED

  it('keeps their plugins, governance, logging and other providers', () => {
    expect(config.plugins).toEqual(SHIPPED.plugins)
    expect(config.governance).toEqual(SHIPPED.governance)
    expect(config.logs_store).toEqual(SHIPPED.logs_store)
    expect(config.client.enable_logging).toBe(true)
    expect(config.client.disable_content_logging).toBe(true)
    expect(Object.keys(config.providers)).toEqual(['openai', 'anthropic'])
    expect(config.providers.openai.network_config.max_retries).toBe(2)
  })

  it('points openai at the mock provider, with our key for any model', () => {
    expect(config.providers.openai.network_config.base_url).toBe(MOCKER)
    expect(config.providers.openai.keys).toEqual([
      { name: 'prod', value: MOCKER_KEY, weight: 1, models: ['*'] },
      { name: 'backup', value: MOCKER_KEY, weight: 0.5, models: ['*'] }
    ])
  })

  it('replaces every key value, so no secret of theirs reaches the results', () => {
    const text = JSON.stringify(config)
    for (const secret of ['sk-live-secret', 'env.OPENAI_BACKUP', 'sk-ant-secret']) {
      expect(text).not.toContain(secret)
    }
    expect(config.providers.anthropic.keys[0]).toEqual({
      name: 'a',
      value: MOCKER_KEY,
      weight: 1,
      models: ['*']
    })
  })

  it("raises sizes below the load's, keeps bigger ones, caps connections at bifrost's 10000", () => {
    expect(config.providers.openai.network_config.max_conns_per_host).toBe(10000)
    expect(config.providers.openai.network_config.default_request_timeout_in_seconds).toBe(120)
    expect(config.providers.openai.concurrency_and_buffer_size).toEqual({
      concurrency: 20000,
      buffer_size: 16000
    })
    expect(config.client.initial_pool_size).toBe(8000)
  })

  it('does not modify their document, and fills in a bare openai provider', () => {
    expect(SHIPPED.providers.openai.network_config.base_url).toBe('https://api.openai.com')
    const bare = userBifrostConfig({ providers: { openai: {} } }, MOCKER, 10) as {
      providers: { openai: Record<string, unknown> }
    }
    expect(bare.providers.openai).toEqual({
      keys: [{ name: MOCKER_KEY, value: MOCKER_KEY, weight: 1, models: ['*'] }],
      network_config: {
        base_url: MOCKER,
        max_conns_per_host: 5000,
        default_request_timeout_in_seconds: 30
      },
      concurrency_and_buffer_size: { concurrency: 5000, buffer_size: 10000 }
    })
  })
})

describe('writeGatewayAppDir', () => {
  it("writes the user's config pointed at the mock provider and copies the checkout's schema", async () => {
    const userConfig = path.join(scratch, 'shipped.json')
    writeFileSync(userConfig, JSON.stringify(SHIPPED))
    const appDir = path.join(scratch, 'app')
    const schemaPath = bifrostSchemaPath({ kind: 'bifrost-checkout', path: BIFROST_LIKE })
    expect(schemaPath).toBe(path.join(BIFROST_LIKE, 'transports', 'config.schema.json'))
    await writeGatewayAppDir(appDir, MOCKER, 100, { userConfigPath: userConfig, schemaPath })
    const written = JSON.parse(readFileSync(path.join(appDir, 'config.json'), 'utf8'))
    expect(written.providers.openai.network_config.base_url).toBe(MOCKER)
    expect(written.plugins).toEqual(SHIPPED.plugins)
    expect(readFileSync(path.join(appDir, 'config.schema.json'), 'utf8')).toBe(
      readFileSync(schemaPath as string, 'utf8')
    )
  })

  it('has no schema to copy for a binary or a checkout without one', () => {
    expect(bifrostSchemaPath({ kind: 'binary', path: '/bin/gw' })).toBeUndefined()
    expect(bifrostSchemaPath({ kind: 'bifrost-checkout', path: scratch })).toBeUndefined()
  })
})

describe('gateway log level', () => {
  it('is warn, as upstream runs it, unless readiness is read from the log (the ready line is at info)', () => {
    expect(gatewayLogLevel({ healthPath: '/health' })).toBe('warn')
    expect(gatewayLogLevel({ healthPath: '' })).toBe('info')
    const launch = {
      source: { kind: 'binary' as const, path: '/bin/gw' },
      binaryPath: '/bin/gw',
      port: 8080,
      appDir: '/app',
      mockerBaseUrl: MOCKER
    }
    expect(gatewayArgv(launch)).toEqual([
      '/bin/gw',
      '-app-dir',
      '/app',
      '-port',
      '8080',
      '-host',
      '127.0.0.1',
      '-log-level',
      'warn'
    ])
    expect(gatewayArgv({ ...launch, logLevel: 'info' }).at(-1)).toBe('info')
  })
})
