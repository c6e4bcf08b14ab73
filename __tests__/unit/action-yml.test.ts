import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPTIONS } from '../../src/config/options.js'
import { actionOutputs } from '../../src/action/outputs.js'
import { passingRecord } from './fixtures.js'

const ACTION_ONLY_INPUTS = [
  'vegeta-download-url',
  'cache',
  'upload-artifact',
  'artifact-name',
  'retention-days',
  'job-summary'
]

/** action.yml's inputs or outputs: name → { default } (a small reader for this one file). */
function section(yaml: string, name: 'inputs' | 'outputs'): Map<string, { default?: string }> {
  const block = new RegExp(`^${name}:\\n((?:  .*\\n|\\n)*)`, 'm').exec(yaml)?.[1] ?? ''
  const entries = new Map<string, { default?: string }>()
  let current: string | undefined
  for (const line of block.split('\n')) {
    const entry = /^ {2}([\w-]+):$/.exec(line)
    if (entry) {
      current = entry[1] as string
      entries.set(current, {})
      continue
    }
    const defaultValue = /^ {4}default: '(.*)'$/.exec(line)
    if (defaultValue && current)
      entries.set(current, { default: defaultValue[1]?.replaceAll("''", "'") })
  }
  return entries
}

describe('action.yml', () => {
  const yaml = readFileSync(path.resolve(import.meta.dirname, '../../action.yml'), 'utf8')

  it('has every engine option as an input, with the same default, plus the action-only inputs', () => {
    const inputs = section(yaml, 'inputs')
    expect([...inputs.keys()].sort()).toEqual(
      [...OPTIONS.map((option) => option.name), ...ACTION_ONLY_INPUTS].sort()
    )
    for (const option of OPTIONS) {
      const expected = 'defaultValue' in option ? option.defaultValue : undefined
      expect(inputs.get(option.name)?.default, option.name).toBe(expected)
    }
  })

  it('declares exactly the outputs the action sets', () => {
    const outputs = section(yaml, 'outputs')
    expect([...outputs.keys()].sort()).toEqual(
      Object.keys(actionOutputs(passingRecord(), 7)).sort()
    )
  })

  it('runs on node24 with a post step that always runs', () => {
    expect(yaml).toMatch(
      /runs:\n {2}using: node24\n {2}main: dist\/index\.js\n {2}post: dist\/post\/index\.js\n {2}post-if: always\(\)/
    )
  })
})
