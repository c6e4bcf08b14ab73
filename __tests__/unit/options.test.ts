import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPTIONS, valueKindOf } from '../../src/config/options.js'
import { resolveOptions } from '../../src/config/resolve.js'
import { schemaValidator } from '../support/schemas.js'

/** The number form of an option's JSON Schema, where it has one. */
function numberRange(
  schema: Record<string, unknown>
): { min: number; max: number; step: number } | undefined {
  const forms = (schema.anyOf ?? []) as Record<string, unknown>[]
  const number = forms.find((form) => form.type === 'integer' || form.type === 'number')
  if (!number) return undefined
  const step = number.type === 'integer' ? 1 : 0.5
  return { min: number.minimum as number, max: number.maximum as number, step }
}

describe('the option table', () => {
  const validate = schemaValidator('config.schema.json')
  const ranged = OPTIONS.flatMap((option) => {
    const range = numberRange(option.value.schema)
    return range ? [[option.name, range.min, range.max, range.step] as const] : []
  })

  it('gives every number option a range', () => {
    expect(ranged.length).toBeGreaterThanOrEqual(25)
    for (const [name, min, max] of ranged) {
      expect(Number.isFinite(min) && Number.isFinite(max) && min < max, name).toBe(true)
    }
  })

  it.each(ranged)(
    '%s: the parser and the config file schema agree on %d … %d',
    (name, min, max) => {
      const kind = valueKindOf(name)
      const integer = numberRange(kind.schema) !== undefined && /^\d+$/.test(String(max))
      const above = integer ? max + 1 : max + 0.5
      for (const [value, allowed] of [
        [min, true],
        [max, true],
        [above, false]
      ] as const) {
        expect(kind.parse(String(value)).ok, `${name} = ${value} (text)`).toBe(allowed)
        expect(validate({ [name]: value }), `${name} = ${value} (JSON number)`).toBe(allowed)
      }
      if (min > 0) {
        expect(kind.parse(String(min - 1)).ok, `${name} = ${min - 1}`).toBe(false)
        expect(validate({ [name]: min - 1 }), `${name} = ${min - 1}`).toBe(false)
      }
    }
  )

  it('reads every default with its own parser', () => {
    for (const option of OPTIONS) {
      if (!('defaultValue' in option)) continue
      expect(option.value.parse(option.defaultValue).ok, option.name).toBe(true)
    }
  })
})

describe('resolveOptions', () => {
  const context = {
    cwd: '/nowhere',
    packageRoot: '/nowhere/tool',
    defaultToolsDir: '/nowhere/tools'
  }

  it('reads no file: it lists every path it names for the preflight, in order', () => {
    const resolved = resolveOptions(
      [
        {
          'vegeta-path': 'bin/vegeta',
          'bifrost-config': 'bifrost.json',
          'baseline-results': 'last/load-test-results.json',
          'base-gateway-binary': '/opt/base-gateway'
        }
      ],
      context
    )
    expect(resolved.problems).toEqual([])
    expect(resolved.files).toEqual([
      {
        option: 'vegeta-path',
        expect: 'executable',
        path: '/nowhere/bin/vegeta',
        given: 'bin/vegeta'
      },
      { option: 'bifrost-path', expect: 'bifrost-checkout', path: '/nowhere', given: '.' },
      {
        option: 'bifrost-config',
        expect: 'bifrost-config',
        path: '/nowhere/bifrost.json',
        given: 'bifrost.json'
      },
      {
        option: 'baseline-results',
        expect: 'baseline-results',
        path: '/nowhere/last/load-test-results.json',
        given: 'last/load-test-results.json'
      },
      {
        option: 'base-gateway-binary',
        expect: 'executable',
        path: '/opt/base-gateway',
        given: '/opt/base-gateway'
      },
      {
        option: 'mocker-path',
        expect: 'go-package',
        path: path.join('/nowhere/tool', 'mocker'),
        given: ''
      },
      {
        option: 'results-dir',
        expect: 'output-directory',
        path: '/nowhere/load-test-results',
        given: 'load-test-results'
      },
      { option: 'tools-dir', expect: 'output-directory', path: '/nowhere/tools', given: '' }
    ])
  })

  it('lists no file of a refused choice, and keeps a stand-in that trips no other rule', () => {
    const resolved = resolveOptions(
      [{ 'gateway-binary': 'gw', 'gateway-command': 'gw {port}', 'max-workers': 'many' }],
      context
    )
    expect(resolved.problems).toEqual([
      'max-workers: got "many"; expected a whole number from 1 to 1000000.',
      'gateway-command and gateway-binary: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.'
    ])
    expect(resolved.files.map((file) => file.option)).toEqual([
      'mocker-path',
      'results-dir',
      'tools-dir'
    ])
    expect(resolved.config.maxWorkers).toBe(Number.POSITIVE_INFINITY)
  })
})
