import { describe, expect, it } from 'vitest'
import { streamerArgv } from '../../src/tools/streamer.js'

const PLAN = {
  name: 'overhead-stream',
  targetsFile: '/tmp/run/targets.json',
  rate: 200,
  durationS: 1.5,
  timeoutS: 16,
  workers: 10,
  maxWorkers: 1200
}

describe('streamerArgv', () => {
  it("names every input as the streamer's flags, durations in ms", () => {
    expect(streamerArgv('/tools/streamer', PLAN)).toEqual([
      '/tools/streamer',
      '-targets=/tmp/run/targets.json',
      '-name=overhead-stream',
      '-rate=200',
      '-duration=1500ms',
      '-timeout=16000ms',
      '-workers=10',
      '-max-workers=1200'
    ])
  })

  it('refuses a rate that is not a positive integer', () => {
    expect(() => streamerArgv('/s', { ...PLAN, rate: 12.5 })).toThrow(/positive integer, got 12.5/)
    expect(() => streamerArgv('/s', { ...PLAN, rate: 0 })).toThrow(RangeError)
  })
})
