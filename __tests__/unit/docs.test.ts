import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CONFIG_SCHEMA,
  REFERENCE,
  generatedConfigSchema,
  generatedReference,
  readActionMetadata,
  replaceBetweenMarkers
} from '../../scripts/docs.js'

describe('generated documentation (npm run docs)', () => {
  const metadata = readActionMetadata()

  it('gives every input and output of action.yml a description', () => {
    const missing = [
      ...Object.entries(metadata.inputs).map(([name, input]) => ['input', name, input.description]),
      ...Object.entries(metadata.outputs).map(([name, output]) => [
        'output',
        name,
        output.description
      ])
    ].filter(([, , description]) => typeof description !== 'string' || description.trim() === '')
    expect(missing.map(([kind, name]) => `${kind} ${name}`)).toEqual([])
  })

  it('has the tables of docs/reference.md as action.yml makes them (run npm run docs if not)', () => {
    const reference = readFileSync(REFERENCE, 'utf8')
    expect(reference).toBe(generatedReference(reference, metadata))
  })

  it('shows every input, default and description once, without raw YAML quotes', () => {
    const reference = readFileSync(REFERENCE, 'utf8')
    for (const [name, input] of Object.entries(metadata.inputs)) {
      const rows = reference.split('\n').filter((line) => line.startsWith(`| \`${name}\` |`))
      expect(rows, name).toHaveLength(1)
      const cells = (rows[0] as string).split(' | ')
      expect(cells[1], name).toBe(input.default ? `\`${input.default}\`` : '')
      expect(cells[2]?.length, name).toBeGreaterThan(20)
    }
    const passed = reference.split('\n').find((line) => line.startsWith('| `passed` |'))
    expect(passed).toBe(
      '| `passed` | true when every check passed, else false (also when the run stopped early or an input was refused) |'
    )
  })

  it('has schemas/config.schema.json as the option table makes it (run npm run docs if not)', () => {
    expect(readFileSync(CONFIG_SCHEMA, 'utf8')).toBe(generatedConfigSchema())
  })

  it('refuses a reference without its markers', () => {
    expect(() => replaceBetweenMarkers('# title\n', 'inputs', 'x')).toThrow(
      'docs/reference.md needs the markers <!-- inputs:start --> and <!-- inputs:end -->'
    )
    expect(replaceBetweenMarkers('a\n<!-- t:start -->\nold\n<!-- t:end -->\nb', 't', 'new')).toBe(
      'a\n<!-- t:start -->\nnew\n<!-- t:end -->\nb'
    )
  })
})
