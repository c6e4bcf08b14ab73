import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { invalidChatResponseReason } from '../../src/load/validity.js'

/**
 * The streaming attacker (streamer/, Go) applies validity.ts's rules for streams while the
 * body arrives; its tests check it against the same cases (streamer/chunk_test.go), so the
 * two sides cannot drift apart unseen.
 */
interface ValidityCase {
  name: string
  body: string
  /** validity.ts's reason, or null for a valid stream. */
  reason: string | null
}

const casesFile = path.join(import.meta.dirname, '../../streamer/testdata/validity-cases.json')
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as ValidityCase[]

describe('streamer/testdata/validity-cases.json', () => {
  it('holds valid and invalid streams', () => {
    expect(cases.some((c) => c.reason === null)).toBe(true)
    expect(cases.filter((c) => c.reason !== null).length).toBeGreaterThan(10)
  })

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(invalidChatResponseReason(c.body, true, false, Infinity) ?? null).toBe(c.reason)
  })
})
