import { describe, expect, it } from 'vitest'
import {
  actionSettingsFromInputs,
  defaultArtifactName,
  engineOptionsFromInputs
} from '../../src/action/inputs.js'
import { actionOutputs } from '../../src/action/outputs.js'
import { DEFAULT_VEGETA_DOWNLOAD_BASE_URL } from '../../src/action/vegeta-download.js'
import { erroredRecord, failingRecord, passingRecord } from './fixtures.js'

const reader =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? ''

describe('engineOptionsFromInputs', () => {
  it('drops empty inputs and inputs equal to their default, keeps the rest', () => {
    const options = engineOptionsFromInputs(
      reader({
        rate: '1000',
        'bifrost-path': '.',
        'gateway-command': 'gw --port {port}',
        'stress-runs': ' 3 '
      })
    )
    expect(options).toEqual({ 'gateway-command': 'gw --port {port}', 'stress-runs': '3' })
  })
})

describe('actionSettingsFromInputs', () => {
  it('defaults: caching, artifact and summary on, GitHub releases for vegeta', () => {
    expect(actionSettingsFromInputs(reader({}))).toEqual({
      cache: true,
      uploadArtifact: true,
      artifactName: '',
      retentionDays: undefined,
      jobSummary: true,
      vegetaDownloadUrl: DEFAULT_VEGETA_DOWNLOAD_BASE_URL
    })
  })

  it('reads booleans, retention and a download URL without its trailing slash', () => {
    const settings = actionSettingsFromInputs(
      reader({
        cache: 'false',
        'upload-artifact': 'False',
        'job-summary': 'no',
        'retention-days': '90',
        'vegeta-download-url': 'http://127.0.0.1:8080/releases/'
      })
    )
    expect(settings).toMatchObject({
      cache: false,
      uploadArtifact: false,
      jobSummary: false,
      retentionDays: 90,
      vegetaDownloadUrl: 'http://127.0.0.1:8080/releases'
    })
  })

  it.each([
    ['cache', 'maybe', 'cache: got "maybe"; expected true or false.'],
    [
      'retention-days',
      '0',
      'retention-days: got "0"; expected a whole number of days from 1 to 90'
    ],
    ['retention-days', '91', 'retention-days: got "91"'],
    [
      'vegeta-download-url',
      'ftp://x',
      'vegeta-download-url: got "ftp://x"; expected an http(s) URL.'
    ]
  ])('refuses %s = %s, naming it', (name, value, message) => {
    expect(() => actionSettingsFromInputs(reader({ [name]: value }))).toThrow(message)
  })
})

describe('defaultArtifactName', () => {
  it('is unique per job, run attempt and options', () => {
    const env = { GITHUB_JOB: 'load test', GITHUB_RUN_ATTEMPT: '2' }
    const first = defaultArtifactName(env, { rate: '100' })
    expect(first).toMatch(/^bifrost-load-test-load-test-attempt2-[0-9a-f]{8}$/)
    expect(defaultArtifactName(env, { rate: '200' })).not.toBe(first)
    expect(defaultArtifactName({ ...env, GITHUB_RUN_ATTEMPT: '3' }, { rate: '100' })).not.toBe(
      first
    )
  })
})

describe('actionOutputs', () => {
  it('reports the measured overhead and the worst stress run', () => {
    const record = passingRecord()
    const outputs = actionOutputs(record, 42)
    expect(outputs.passed).toBe('true')
    const estimate = record.evaluation.overhead[0]
    expect(outputs['overhead-p99-us']).toBe(estimate?.estimateUs.p99.toFixed(2))
    expect(outputs['overhead-mean-us']).toBe(estimate?.estimateUs.mean.toFixed(2))
    expect(outputs['overhead-p50-ci-low-us']).toBe(estimate?.intervalUs?.p50.low.toFixed(2))
    expect(outputs['overhead-p50-ci-high-us']).toBe(estimate?.intervalUs?.p50.high.toFixed(2))
    expect(outputs['overhead-streaming-p50-us']).toBe('')
    const stressRates = record.phases
      .filter((phase) => phase.id.startsWith('stress-'))
      .map((phase) => phase.statistics.successRatio * 100)
    expect(outputs['stress-success-rate']).toBe(Math.min(...stressRates).toFixed(2))
    expect(outputs['artifact-id']).toBe('42')
    expect(outputs['results-json']).toBe(record.files.json)
  })

  it('says false for a failed or stopped run and leaves what was not measured empty', () => {
    expect(actionOutputs(failingRecord(), undefined).passed).toBe('false')
    const errored = actionOutputs(erroredRecord(), undefined)
    expect(errored.passed).toBe('false')
    expect(errored['artifact-id']).toBe('')
    expect(errored['stress-success-rate']).toBe('')
  })
})
