import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadConfigFile, unknownOptionMessage } from '../../src/config/file.js'
import { resolveConfig } from '../../src/configure.js'
import { LoadTestError } from '../../src/errors.js'
import { REPO_ROOT } from './fixtures.js'

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'blt-config-file-'))
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

function configFile(name: string, content: string): string {
  const file = path.join(scratch, name)
  writeFileSync(file, content)
  return file
}

function loadError(file: string): LoadTestError {
  try {
    loadConfigFile(file)
  } catch (error) {
    expect(error).toBeInstanceOf(LoadTestError)
    expect((error as LoadTestError).kind).toBe('input')
    return error as LoadTestError
  }
  throw new Error(`expected ${file} to be refused`)
}

describe('loadConfigFile', () => {
  it('reads a demo-like config, numbers as their text', () => {
    const file = configFile(
      'demo.json',
      JSON.stringify({
        'bifrost-path': 'examples/bifrost-like',
        rate: 200,
        'overhead-duration': '5s',
        'stress-duration': '5s',
        'overhead-mocker-latency-ms': 200,
        'stress-mocker-latency-ms': 200,
        'stress-idle': '5s',
        'results-dir': 'load-test-results'
      })
    )
    expect(loadConfigFile(file)).toEqual({
      'bifrost-path': 'examples/bifrost-like',
      rate: '200',
      'overhead-duration': '5s',
      'stress-duration': '5s',
      'overhead-mocker-latency-ms': '200',
      'stress-mocker-latency-ms': '200',
      'stress-idle': '5s',
      'results-dir': 'load-test-results'
    })
  })

  it('takes strings, numbers, booleans, an argv array and a headers object', () => {
    const file = configFile(
      'all-kinds.json',
      JSON.stringify({
        rate: 250,
        'min-stress-success-rate': 99.5,
        'gateway-model': 'openai/gpt-4o',
        'gateway-command': ['node', 'gw.js', '--port', '{port}'],
        'gateway-headers': { Authorization: 'Bearer k' },
        'mocker-ref': true
      })
    )
    expect(loadConfigFile(file)).toEqual({
      rate: '250',
      'min-stress-success-rate': '99.5',
      'gateway-model': 'openai/gpt-4o',
      'gateway-command': '["node","gw.js","--port","{port}"]',
      'gateway-headers': '{"Authorization":"Bearer k"}',
      'mocker-ref': 'true'
    })
  })

  it('gives values that resolveConfig turns back into argv and headers', () => {
    const file = configFile(
      'command.json',
      JSON.stringify({
        'gateway-command': ['my gateway', '--listen', '127.0.0.1:{port}'],
        'gateway-headers': { 'X-Api-Key': 'secret' },
        rate: 50
      })
    )
    const config = resolveConfig([loadConfigFile(file)], {
      cwd: scratch,
      packageRoot: REPO_ROOT,
      defaultToolsDir: path.join(scratch, 'tools')
    })
    expect(config.gateway.source).toEqual({
      kind: 'command',
      argvTemplate: ['my gateway', '--listen', '127.0.0.1:{port}']
    })
    expect(config.gateway.headers).toEqual({ 'X-Api-Key': 'secret' })
    expect(config.rate).toBe(50)
  })

  it("accepts $schema, naming the file's JSON Schema, and ignores it", () => {
    const file = configFile(
      'with-schema.json',
      JSON.stringify({ $schema: '../schemas/config.schema.json', rate: 50 })
    )
    expect(loadConfigFile(file)).toEqual({ rate: '50' })
    const bad = configFile('bad-schema.json', JSON.stringify({ $schema: 7 }))
    expect(loadError(bad).message).toBe(
      `config file ${bad}:\n  - $schema: got 7; expected the URL or path of a schema.`
    )
  })

  it('reads an empty object as no options', () => {
    expect(loadConfigFile(configFile('empty.json', '{}'))).toEqual({})
  })

  it('refuses unknown keys with the nearest known name, and null values, all together', () => {
    const file = configFile(
      'typos.json',
      JSON.stringify({ rte: 100, 'stres-runs': 3, rate: null, 'max-workers': 5000 })
    )
    expect(loadError(file).message).toBe(
      [
        `config file ${file}:`,
        '  - unknown option "rte". Did you mean rate? Known options are listed by --help.',
        '  - unknown option "stres-runs". Did you mean stress-runs? Known options are listed by --help.',
        '  - rate: got null; expected a string or a number.'
      ].join('\n')
    )
  })

  it('refuses "config" as a key: a config file cannot name another one', () => {
    const file = configFile('nested.json', JSON.stringify({ config: 'other.json' }))
    expect(loadError(file).message).toContain('unknown option "config".')
  })

  it('refuses a file that is not JSON, naming the file', () => {
    const file = configFile('broken.json', '{ "rate": 100, }')
    const message = loadError(file).message
    expect(message.startsWith(`config file ${file}: `)).toBe(true)
    expect(message).toMatch(/JSON/)
  })

  it.each([
    ['an array', '[{"rate": 100}]'],
    ['a string', '"rate=100"'],
    ['null', 'null'],
    ['a number', '100']
  ])('refuses a file holding %s', (_what, content) => {
    const file = configFile('not-object.json', content)
    expect(loadError(file).message).toBe(
      `config file ${file}: expected a JSON object of option names to values.`
    )
  })

  it('refuses a missing file, naming it', () => {
    const file = path.join(scratch, 'missing.json')
    const message = loadError(file).message
    expect(message).toBe(
      `config: got "${file}", which does not exist; expected a readable regular file.`
    )
  })
})

describe('unknownOptionMessage', () => {
  it.each([
    ['rte', 'rate'],
    ['ra', 'rate'],
    ['max-worker', 'max-workers'],
    ['overhead-duraton', 'overhead-duration'],
    ['bifrostpath', 'bifrost-path'],
    ['stress-mocker-latency', 'stress-mocker-latency-ms'],
    ['gateway-heders', 'gateway-headers']
  ])('suggests the nearest option for %j', (typo, known) => {
    expect(unknownOptionMessage(typo)).toBe(
      `unknown option "${typo}". Did you mean ${known}? Known options are listed by --help.`
    )
  })

  it('puts the prefix on both the unknown and the suggested name', () => {
    expect(unknownOptionMessage('rte', '--')).toBe(
      'unknown option "--rte". Did you mean --rate? Known options are listed by --help.'
    )
  })

  it.each(['xyz', 'completely-unrelated-thing', 'gateway-cmd', 'config'])(
    'suggests nothing for %j, which is not close to any option',
    (name) => {
      expect(unknownOptionMessage(name)).toBe(
        `unknown option "${name}". Known options are listed by --help.`
      )
    }
  )
})

describe('loadConfigFile: the file itself', () => {
  it('refuses what is not a readable regular file, before reading a byte', () => {
    expect(() => loadConfigFile('/dev/zero')).toThrow(/^config: got "\/dev\/zero"/)
    expect(() => loadConfigFile('/nonexistent/profile.json')).toThrow(
      'config: got "/nonexistent/profile.json", which does not exist; expected a readable regular file.'
    )
  })
})
