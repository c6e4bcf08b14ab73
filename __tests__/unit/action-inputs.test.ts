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
      }),
      (name) => name !== 'gateway-health-path'
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
      vegetaDownloadUrl: DEFAULT_VEGETA_DOWNLOAD_BASE_URL,
      commentOnPr: false,
      githubToken: '',
      commentKey: '',
      commentFromResults: '',
      saveBaseline: false
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
    ],
    ['comment-on-pr', 'yes please', 'comment-on-pr: got "yes please"; expected true or false.'],
    ['save-baseline', '1', 'save-baseline: got "1"; expected true or false.'],
    ['pr-number', '#12', 'pr-number: got "#12"; expected a pull request number'],
    ['pr-number', '0', 'pr-number: got "0"'],
    ['comment-key', 'a b', 'comment-key: got "a b"; expected up to 100 letters, digits']
  ])('refuses %s = %s, naming it', (name, value, message) => {
    expect(() => actionSettingsFromInputs(reader({ [name]: value }))).toThrow(message)
  })
})

describe('the pull request inputs (issue 8)', () => {
  it('reads the comment, its key, the token, a results file, a PR number and save-baseline', () => {
    expect(
      actionSettingsFromInputs(
        reader({
          'comment-on-pr': 'true',
          'github-token': ' ghs_abc ',
          'comment-key': 'linux-leg.2',
          'comment-from-results': 'results/load-test-results.json',
          'pr-number': '42',
          'save-baseline': 'on'
        })
      )
    ).toMatchObject({
      commentOnPr: true,
      githubToken: 'ghs_abc',
      commentKey: 'linux-leg.2',
      commentFromResults: 'results/load-test-results.json',
      prNumber: 42,
      saveBaseline: true
    })
  })
})

describe('engineOptionsFromInputs and readiness (issue 6)', () => {
  const bifrostCheckout = { 'bifrost-path': '', 'gateway-command': 'gw --port {port}' }

  it('keeps an explicitly empty gateway-health-path: the runner would have passed /health', () => {
    expect(
      engineOptionsFromInputs(
        reader({ ...bifrostCheckout, 'gateway-health-path': '', 'gateway-ready-log': 'ready' })
      )
    ).toEqual({
      'gateway-command': 'gw --port {port}',
      'gateway-health-path': '',
      'gateway-ready-log': 'ready'
    })
  })

  it('drops a gateway-health-path whose variable is absent (not a runner: local-action)', () => {
    const options = engineOptionsFromInputs(reader({ 'gateway-ready-log': 'ready' }), () => false)
    expect(options).toEqual({ 'gateway-ready-log': 'ready' })
  })

  it('drops gateway-health-path left at its default', () => {
    const options = engineOptionsFromInputs(
      reader({ 'gateway-health-path': '/health', 'gateway-ready-log': 'ready' })
    )
    expect(options).toEqual({ 'gateway-ready-log': 'ready' })
  })
})

describe('defaultArtifactName', () => {
  const env = {
    GITHUB_JOB: 'load test',
    GITHUB_RUN_ATTEMPT: '2',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 17',
    ImageOS: 'ubuntu24',
    GITHUB_ACTION: '__org_bifrost-load-test'
  }

  it('spells out the job, the runner and the attempt, and ends with a hash', () => {
    expect(defaultArtifactName(env, { rate: '100' })).toMatch(
      /^bifrost-load-test-load-test-linux-x64-attempt2-[0-9a-f]{8}$/
    )
  })

  it('differs between matrix legs that differ only by their runner', () => {
    const first = defaultArtifactName(env, { rate: '100' })
    const legs = [
      { ...env, RUNNER_ARCH: 'ARM64', RUNNER_NAME: 'GitHub Actions 18' },
      { ...env, ImageOS: 'ubuntu22', RUNNER_NAME: 'GitHub Actions 18' },
      { ...env, RUNNER_NAME: 'self-hosted-2' }
    ]
    const names = legs.map((leg) => defaultArtifactName(leg, { rate: '100' }))
    expect(new Set([first, ...names]).size).toBe(4)
  })

  it('differs by options, run attempt and step', () => {
    const first = defaultArtifactName(env, { rate: '100' })
    expect(defaultArtifactName(env, { rate: '200' })).not.toBe(first)
    expect(defaultArtifactName({ ...env, GITHUB_RUN_ATTEMPT: '3' }, { rate: '100' })).not.toBe(
      first
    )
    const secondStep = { ...env, GITHUB_ACTION: '__org_bifrost-load-test_2' }
    expect(defaultArtifactName(secondStep, { rate: '100' })).not.toBe(first)
  })

  it('holds no character the artifact service refuses', () => {
    const name = defaultArtifactName(
      { GITHUB_JOB: 'a/b:c"d', RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64' },
      {}
    )
    expect(name).toMatch(/^[\w.-]+$/)
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
