import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPTIONS } from '../../src/config/options.js'
import { configFileSchema } from '../../src/config/schema.js'
import { parseDurationS } from '../../src/config/values.js'
import { buildResultsJson } from '../../src/report/results-json.js'
import { schemaErrors, schemaValidator } from '../support/schemas.js'
import {
  REPO_ROOT,
  comparedRecord,
  erroredRecord,
  failingRecord,
  passingRecord
} from './fixtures.js'

describe('schemas/config.schema.json', () => {
  const validate = schemaValidator('config.schema.json')
  const valid = (config: unknown): boolean => validate(config)

  it('accepts every example config of the repository', () => {
    const dir = path.join(REPO_ROOT, 'examples')
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'))
    expect(files).toContain('demo.config.json')
    for (const file of files) {
      const config = JSON.parse(readFileSync(path.join(dir, file), 'utf8'))
      expect(valid(config), `${file}: ${schemaErrors(validate).join('; ')}`).toBe(true)
    }
  })

  it('has every option, with its description and default, and nothing else but $schema', () => {
    const schema = configFileSchema()
    const properties = schema.properties as Record<string, { description?: string }>
    expect(Object.keys(properties)).toEqual(['$schema', ...OPTIONS.map((option) => option.name)])
    for (const option of OPTIONS) {
      expect(properties[option.name]).toMatchObject({ description: option.description })
      const defaultValue = 'defaultValue' in option ? option.defaultValue : undefined
      expect((properties[option.name] as { default?: string }).default).toBe(defaultValue)
      // Each default, as the table spells it, is a valid value.
      if (defaultValue !== undefined) {
        expect(valid({ [option.name]: defaultValue }), option.name).toBe(true)
      }
    }
  })

  it('refuses an unknown key, a wrong type and a malformed value', () => {
    expect(valid({ rte: 100 })).toBe(false)
    expect(valid({ rate: 'fast' })).toBe(false)
    expect(valid({ rate: 0 })).toBe(false)
    expect(valid({ 'gateway-headers': { 'X-Id': 7 } })).toBe(false)
    expect(valid({ 'gateway-command': [] })).toBe(false)
    expect(valid({ 'gateway-request-path': '' })).toBe(false)
    expect(valid({ $schema: 7 })).toBe(false)
  })

  it('takes the value forms the config file loader takes', () => {
    expect(
      valid({
        $schema: '../schemas/config.schema.json',
        rate: 200,
        'stress-runs': '3',
        'min-stress-success-rate': 99.5,
        'gateway-command': ['node', 'gw.js', '--port', '{port}'],
        'gateway-headers': { Authorization: 'Bearer k' },
        'gateway-health-path': '',
        'overhead-duration': 90
      })
    ).toBe(true)
  })

  it.each([
    '30',
    '30s',
    '1.5s',
    '500ms',
    '2m',
    '1m30s',
    '2h5m',
    '1h0m5s',
    '1s500ms',
    '30s1m',
    '1m1m',
    '1m 30s',
    '',
    's',
    '5d',
    'abc'
  ])('agrees with parseDurationS on %j', (text) => {
    const parsed = parseDurationS(text, 0, Number.MAX_SAFE_INTEGER).ok
    expect(valid({ 'stress-idle': text })).toBe(parsed)
  })
})

describe('schemas/results.schema.json', () => {
  const validate = schemaValidator('results.schema.json')

  it.each([
    ['a passing run', passingRecord],
    ['a failing run', failingRecord],
    ['a run that stopped early', erroredRecord],
    ['a run compared with a base', () => comparedRecord(true)]
  ])('accepts the results JSON of %s', (_, record) => {
    const json = JSON.parse(JSON.stringify(buildResultsJson(record())))
    expect(validate(json), schemaErrors(validate).join('; ')).toBe(true)
  })

  it('allows new fields, and requires the seed keys', () => {
    const json = JSON.parse(JSON.stringify(buildResultsJson(passingRecord())))
    json.overhead.latency_us.p50_confidence_interval = [1, 2]
    json.mode = 'streaming'
    expect(validate(json), schemaErrors(validate).join('; ')).toBe(true)
    for (const remove of [
      (j: typeof json) => delete j.status,
      (j: typeof json) => delete j.overhead.latency_us.p99,
      (j: typeof json) => delete j.stress.success_rate,
      (j: typeof json) => delete j.phases[0].id,
      (j: typeof json) => delete j.verdict.passed
    ]) {
      const broken = JSON.parse(JSON.stringify(json))
      remove(broken)
      expect(validate(broken)).toBe(false)
    }
    expect(validate({ ...json, status: 'maybe' })).toBe(false)
    expect(validate({ ...json, overhead: { ...json.overhead, success_rate: '100' } })).toBe(false)
  })

  it('accepts a streaming-only run, whose figures are all under streaming', () => {
    const json = JSON.parse(JSON.stringify(buildResultsJson(comparedRecord())))
    json.overhead = { streaming: json.overhead }
    json.stress = { streaming: json.stress }
    json.regression = { streaming: json.regression }
    expect(validate(json), schemaErrors(validate).join('; ')).toBe(true)
    const broken = JSON.parse(JSON.stringify(json))
    delete broken.overhead.streaming.latency_us.p99
    expect(validate(broken)).toBe(false)
    expect(validate({ ...json, overhead: {} })).toBe(false)
    expect(validate({ ...json, regression: { sentence: 'x' } })).toBe(false)
  })

  it('types the github block the action adds, which a comment is posted from', () => {
    const json = JSON.parse(JSON.stringify(buildResultsJson(passingRecord())))
    json.github = {
      repository: 'org/gateway',
      run_id: '12',
      run_url: 'https://github.com/org/gateway/actions/runs/12',
      pr_number: 7,
      head_sha: 'abc',
      comment_key: 'load-test-1',
      artifact_name: null
    }
    expect(validate(json), schemaErrors(validate).join('; ')).toBe(true)
    expect(validate({ ...json, github: { ...json.github, pr_number: '7' } })).toBe(false)
    expect(validate({ ...json, github: { ...json.github, pr_number: 0 } })).toBe(false)
  })
})
