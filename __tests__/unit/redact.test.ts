import { describe, expect, it } from 'vitest'
import {
  isSecretHeader,
  maskableSecrets,
  publicConfig,
  redactFile,
  redactJsonText,
  redactText,
  secretsOf,
  shortSecretWarnings
} from '../../src/report/redact.js'
import { MOCKER_KEY } from '../../src/services/launch.js'
import { fixtureConfig } from './fixtures.js'

/** The Portkey recipe's headers, with an API key as short as a careless test key gets. */
function portkeyConfig() {
  const config = fixtureConfig()
  config.gateway.headers = { Authorization: 'Bearer k', 'x-api-key': 'openai' }
  return config
}

describe('which header values are secrets', () => {
  it.each([
    ['Authorization', 'Bearer k', true],
    ['Proxy-Authorization', 'Basic dXNlcjpwdw==', true],
    ['x-api-key', 'openai', true],
    ['api-key', 'abc', true],
    ['X-Goog-Api-Key', 'abc', true],
    ['x-auth-token', 'abc', true],
    ['x-portkey-api-key', 'abc', true],
    ['x-bf-vk', 'sk-bf-1', true],
    ['Cookie', 'session=1', true],
    ['x-client-secret', 'abc', true],
    // A credential by its scheme, or by looking like a key, whatever the header's name.
    ['x-upstream', 'Bearer abc', true],
    ['x-trace-key-like', '0123456789abcdefABCD', true],
    // Not credentials: shown as they are, so that short ones never hide ordinary words.
    ['x-portkey-provider', 'openai', false],
    ['anthropic-version', '2023-06-01', false],
    ['X-Team', 'perf "a"', false],
    ['x-portkey-config', 'a value with spaces that is long', false],
    ['Authorization', '', false]
  ])('%s: %s → %s', (name, value, secret) => {
    expect(isSecretHeader(name, value)).toBe(secret)
  })
})

describe('secretsOf', () => {
  it('holds each secret header value, its credential, its JSON form and the provider key, longest first', () => {
    const config = fixtureConfig()
    config.gateway.headers = {
      Authorization: 'Bearer sk-123',
      'x-api-key': 'a"b',
      'x-portkey-provider': 'openai',
      'X-Empty': ''
    }
    expect(secretsOf(config)).toEqual(['Bearer sk-123', MOCKER_KEY, 'sk-123', 'a\\"b', 'a"b'])
  })

  it('warns about a credential shorter than 8 characters by its header, never its value, and keeps it from the runner', () => {
    const config = portkeyConfig()
    const warnings = shortSecretWarnings(config)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(
      /^gateway-headers Authorization: its credential is 1 characters long/
    )
    expect(warnings[1]).toMatch(/^gateway-headers x-api-key: its credential is 6 characters long/)
    for (const warning of warnings) expect(warning).not.toMatch(/\bopenai\b|Bearer k/)
    expect(maskableSecrets(secretsOf(config))).toEqual([MOCKER_KEY, 'Bearer k'])
    config.gateway.headers = { Authorization: 'Bearer sk-test-12345' }
    expect(shortSecretWarnings(config)).toEqual([])
  })
})

describe('redactText: whole words only', () => {
  const secrets = secretsOf(portkeyConfig())

  it('replaces a secret where it stands alone, never inside a word, key or longer token', () => {
    expect(
      redactText(
        'All 17 checks passed. Authorization: Bearer k; key k. provider openai, model openai/gpt-4o',
        secrets
      )
    ).toBe('All 17 checks passed. Authorization: ***; key ***. provider ***, model ***/gpt-4o')
    for (const untouched of [
      'mocker_latency_ms',
      'openai-proxy.mjs',
      'x-openai-org',
      'openai_key',
      'kk',
      'k2',
      'Ok'
    ]) {
      expect(redactText(untouched, secrets)).toBe(untouched)
    }
    expect(redactText(`upstream key: Bearer ${MOCKER_KEY}`, secrets)).toBe(
      'upstream key: Bearer ***'
    )
  })

  it('finds a secret that contains non-word characters, next to punctuation', () => {
    const config = fixtureConfig()
    config.gateway.headers = { Authorization: 'Basic dXNlcjpwdw==', 'x-api-key': 'a"b' }
    const all = secretsOf(config)
    expect(redactText('(dXNlcjpwdw==) {"k":"a\\"b"} a"b.', all)).toBe('(***) {"k":"***"} ***.')
  })
})

describe('redactJsonText', () => {
  const secrets = secretsOf(portkeyConfig())

  it('replaces secrets inside string values only: valid JSON, same keys, numbers and layout', () => {
    const document = {
      openai: { mocker_latency_ms: 1000, k: 'k', headers: { Authorization: 'Bearer k' } },
      sentence: 'All 17 checks passed (openai)',
      list: ['openai', 'kit', 12, null, true]
    }
    const text = `${JSON.stringify(document, null, 2)}\n`
    const redacted = redactJsonText(text, secrets) as string
    expect(JSON.parse(redacted)).toEqual({
      openai: { mocker_latency_ms: 1000, k: '***', headers: { Authorization: '***' } },
      sentence: 'All 17 checks passed (***)',
      list: ['***', 'kit', 12, null, true]
    })
    // Only the changed values differ, line for line.
    expect(redacted.split('\n').length).toBe(text.split('\n').length)
    expect(redactJsonText('{"a": "b"} trailing', secrets)).toBeUndefined()
  })
})

describe('redactFile', () => {
  const secrets = secretsOf(portkeyConfig())

  it('leaves a binary file as it is when no secret is in it, and out when one is', () => {
    const clean = Buffer.from([0, 1, 2, ...Buffer.from('Attack checks'), 255, 0])
    expect(redactFile('vegeta-overhead.bin', clean, secrets)).toEqual({
      content: clean,
      changed: false
    })
    const echoing = Buffer.from([0, 7, ...Buffer.from('provider openai'), 254, 0])
    expect(redactFile('vegeta-overhead.bin', echoing, secrets)).toEqual({
      leftOut: expect.stringMatching(/^a binary file holding a secret/)
    })
  })

  it('keeps a file that is not JSON as text, and says whether it changed', () => {
    expect(redactFile('gateway.log', Buffer.from('checks\n'), secrets)).toEqual({
      content: Buffer.from('checks\n'),
      changed: false
    })
    expect(redactFile('broken.json', Buffer.from('{"a": "Bearer k"'), secrets)).toEqual({
      content: Buffer.from('{"a": "***"'),
      changed: true
    })
  })
})

describe('publicConfig', () => {
  it('hides secret header values and shows the others', () => {
    const config = portkeyConfig()
    config.gateway.headers['x-portkey-provider'] = 'anthropic'
    expect(publicConfig(config).gateway.headers).toEqual({
      Authorization: '***',
      'x-api-key': '***',
      'x-portkey-provider': 'anthropic'
    })
  })
})
