import { describe, expect, it } from 'vitest'
import type { AnnotationProperties } from '@actions/core'
import { AnnotationBudget, MAX_ANNOTATIONS_PER_KIND } from '../../src/action/annotations.js'
import { groupedProgress } from '../../src/action/progress.js'

function recordingSink() {
  const made: { kind: string; message: string; title?: string }[] = []
  const add = (kind: string) => (message: string, properties?: AnnotationProperties) =>
    made.push({ kind, message, ...(properties?.title ? { title: properties.title } : {}) })
  return { made, error: add('error'), warning: add('warning'), setFailed: add('failed') }
}

describe('AnnotationBudget', () => {
  it('is GitHub limit of 10 per kind and step', () => {
    expect(MAX_ANNOTATIONS_PER_KIND).toBe(10)
  })

  it('shows the verdict first and at most 10 errors, the rest as one "and N more"', () => {
    const sink = recordingSink()
    const budget = new AnnotationBudget(sink)
    budget.fail('verdict')
    for (let index = 1; index <= 12; index++) {
      budget.error(`check ${index} failed`, { title: `Check ${index}` })
    }
    budget.flush()
    expect(sink.made).toHaveLength(10)
    expect(sink.made[0]).toEqual({ kind: 'failed', message: 'verdict' })
    expect(sink.made.slice(1, 9).map((a) => a.message)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((index) => `check ${index} failed`)
    )
    expect(sink.made[9]).toEqual({
      kind: 'error',
      title: '4 more errors',
      message:
        'and 4 more: Check 9: check 9 failed; Check 10: check 10 failed; Check 11: check 11 failed; Check 12: check 12 failed'
    })
  })

  it('shows exactly 10 as they are, and warnings within their own limit', () => {
    const sink = recordingSink()
    const budget = new AnnotationBudget(sink)
    for (let index = 1; index <= 10; index++) budget.error(`e${index}`)
    for (let index = 1; index <= 11; index++) budget.warning(`w${index}`)
    budget.flush()
    const errors = sink.made.filter((a) => a.kind === 'error')
    const warnings = sink.made.filter((a) => a.kind === 'warning')
    expect(errors.map((a) => a.message)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((index) => `e${index}`)
    )
    expect(warnings).toHaveLength(10)
    expect(warnings[9]?.message).toBe('and 2 more: w10; w11')
  })

  it('holds nothing back under the limit, and flushing twice adds nothing', () => {
    const sink = recordingSink()
    const budget = new AnnotationBudget(sink)
    budget.warning('only one')
    budget.flush()
    budget.flush()
    expect(sink.made).toEqual([{ kind: 'warning', message: 'only one' }])
  })
})

describe('groupedProgress', () => {
  it('puts each phase in a log group and closes one a stopped run left open', () => {
    const lines: string[] = []
    const progress = groupedProgress({
      info: (line) => lines.push(line),
      debug: (line) => lines.push(`debug: ${line}`),
      startGroup: (title) => lines.push(`group: ${title}`),
      endGroup: () => lines.push('endgroup')
    })
    progress.onEvent({ type: 'info', message: 'vegeta ready' })
    progress.onEvent({
      type: 'phase-start',
      phase: 'calibration',
      label: 'Calibration',
      totalS: 2,
      detail: '100 RPS for 2s'
    })
    progress.onEvent({
      type: 'phase-progress',
      phase: 'calibration',
      label: 'Calibration',
      elapsedS: 1,
      totalS: 2
    })
    progress.onEvent({
      type: 'phase-end',
      phase: 'calibration',
      label: 'Calibration',
      summary: 'ok'
    })
    progress.onEvent({
      type: 'phase-start',
      phase: 'overhead',
      label: 'Overhead',
      totalS: 2,
      detail: '100 RPS for 2s'
    })
    progress.close()
    progress.close()
    expect(lines).toEqual([
      '  vegeta ready',
      'group: Calibration',
      '▶ Calibration: 100 RPS for 2s',
      'debug: Calibration: 1.0s of ~2.0s',
      '✔ Calibration: ok',
      'endgroup',
      'group: Overhead',
      '▶ Overhead: 100 RPS for 2s',
      'endgroup'
    ])
  })
})
