import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readActionMetadata } from '../../scripts/docs.js'
import { OPTIONS } from '../../src/config/options.js'
import { actionOutputs } from '../../src/action/outputs.js'
import { passingRecord } from './fixtures.js'

const ACTION_ONLY_INPUTS = [
  'vegeta-download-url',
  'cache',
  'upload-artifact',
  'artifact-name',
  'retention-days',
  'job-summary',
  'comment-on-pr',
  'github-token',
  'comment-key',
  'comment-from-results',
  'pr-number',
  'save-baseline'
]

describe('action.yml', () => {
  const yaml = readFileSync(path.resolve(import.meta.dirname, '../../action.yml'), 'utf8')
  const metadata = readActionMetadata()

  it('has every engine option as an input, with the same default and description, plus the action-only inputs', () => {
    const inputs = metadata.inputs
    expect(Object.keys(inputs).sort()).toEqual(
      [...OPTIONS.map((option) => option.name), ...ACTION_ONLY_INPUTS].sort()
    )
    for (const option of OPTIONS) {
      const expected = 'defaultValue' in option ? option.defaultValue : undefined
      expect(inputs[option.name]?.default, option.name).toBe(expected)
      expect(inputs[option.name]?.description, option.name).toBe(option.description)
      expect(inputs[option.name]?.required, option.name).toBe(false)
    }
  })

  it('declares exactly the outputs the action sets', () => {
    const outputs = metadata.outputs
    expect(Object.keys(outputs).sort()).toEqual(
      Object.keys(actionOutputs(passingRecord(), 7)).sort()
    )
  })

  it('runs on node24 with a post step that always runs', () => {
    expect(yaml).toMatch(
      /runs:\n {2}using: node24\n {2}main: dist\/index\.js\n {2}post: dist\/post\/index\.js\n {2}post-if: always\(\)/
    )
  })
})
