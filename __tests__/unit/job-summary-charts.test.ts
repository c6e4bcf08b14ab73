// @vitest-environment happy-dom
// mermaid sanitises text with DOMPurify, which needs a DOM: happy-dom gives this file one.
import mermaid from 'mermaid'
import { describe, expect, it } from 'vitest'
import { latencyHistogram } from '../../src/load/statistics.js'
import type { LatencyStatsNs } from '../../src/load/types.js'
import type { PhaseRecord, RunRecord } from '../../src/record.js'
import { renderJobSummary } from '../../src/report/job-summary.js'
import {
  comparedRecord,
  erroredRecord,
  failingRecord,
  passingRecord,
  phaseRecord,
  statistics
} from './fixtures.js'

/** The text of every ```mermaid block of a Markdown document. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] ?? '')
}

/** Parses with the real mermaid, as GitHub does before drawing; throws mermaid's error. */
async function parseChart(chart: string): Promise<string> {
  const parsed = await mermaid.parse(chart)
  if (!parsed) throw new Error(`mermaid did not recognise:\n${chart}`)
  return parsed.diagramType
}

/**
 * Latencies a real stress run could have: `count` requests around `centreMs`, spread over
 * `spreadMs` with a slow tail (the slowest 0.5 % up to 4 × spread later), sorted as
 * latencyHistogram wants them.
 */
function latencies(count: number, centreMs: number, spreadMs: number): Float64Array {
  const values = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const share = i / count
    const tail = share > 0.995 ? ((share - 0.995) / 0.005) * 4 * spreadMs : 0
    values[i] = (centreMs + share * spreadMs + tail) * 1e6
  }
  return values.sort()
}

function statsOf(sorted: Float64Array): LatencyStatsNs {
  const at = (pct: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor((pct / 100) * sorted.length))] as number
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length
  return {
    min: sorted[0] as number,
    mean,
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    max: sorted[sorted.length - 1] as number
  }
}

/** A stress phase measured from `sorted`, with its real histogram. */
function stressPhase(id: string, label: string, sorted: Float64Array): PhaseRecord {
  return phaseRecord(
    id,
    label,
    'stress',
    'gateway',
    statistics({
      requests: sorted.length,
      latencyNs: statsOf(sorted),
      histogram: latencyHistogram(sorted)
    }),
    '2025-01-02T03:01:20.000Z'
  )
}

/** passingRecord with its stress runs replaced by `stress`. */
function withStress(record: RunRecord, stress: PhaseRecord[]): RunRecord {
  return {
    ...record,
    phases: [...record.phases.filter((phase) => phase.role !== 'stress'), ...stress]
  }
}

/** passingRecord with every latency of calibration and overhead set to `ns`. */
function withFlatLatencies(record: RunRecord, ns: number): RunRecord {
  const flat: LatencyStatsNs = {
    min: ns,
    mean: ns,
    p50: ns,
    p90: ns,
    p95: ns,
    p99: ns,
    p999: ns,
    max: ns
  }
  return {
    ...record,
    phases: record.phases.map((phase) =>
      phase.role === 'stress'
        ? phase
        : { ...phase, statistics: { ...phase.statistics, latencyNs: flat } }
    )
  }
}

const CASES: [string, () => RunRecord, number][] = [
  ['a passing run', passingRecord, 1],
  ['a failing run', failingRecord, 1],
  ['a run that stopped early', erroredRecord, 1],
  ['a run compared with a base', () => comparedRecord(true), 1],
  [
    'stress runs with real histograms (1000 ms mock provider, a slow tail)',
    () =>
      withStress(passingRecord(), [
        stressPhase('stress-1', 'Stress #1', latencies(30000, 1000.2, 8)),
        stressPhase('stress-2', 'Stress #2', latencies(30000, 1000.3, 6))
      ]),
    2
  ],
  [
    'one stress run whose requests all took the same time (one bucket)',
    () => withStress(passingRecord(), [stressPhase('stress-1', 'Stress #1', latencies(1, 5, 0))]),
    2
  ],
  [
    'a fast mock provider (0 ms): sub-millisecond latencies, buckets of a few µs',
    () =>
      withStress(withFlatLatencies(passingRecord(), 180_000), [
        stressPhase('stress-1', 'Stress #1', latencies(5000, 0.15, 0.04))
      ]),
    2
  ],
  ['zero latencies everywhere', () => withFlatLatencies(passingRecord(), 0), 1],
  [
    'a long label',
    () =>
      withStress(passingRecord(), [
        stressPhase(
          'stress-12',
          'Stress #12 (streaming), after 30 s idle, with the gateway restarted and its connections to the mock provider re-established',
          latencies(2000, 1000.1, 3)
        )
      ]),
    2
  ]
]

describe('the job summary charts (parsed by mermaid, as GitHub does)', () => {
  it.each(CASES)('%s', async (_case, record, chartCount) => {
    const charts = mermaidBlocks(renderJobSummary(record()))
    expect(charts).toHaveLength(chartCount)
    for (const chart of charts) {
      expect(await parseChart(chart), chart).toBe('xychart')
      // Equal labels would draw their bars on one spot of the axis.
      const labels = /^ {2}x-axis \[(.*)\]$/m.exec(chart)?.[1]?.split(', ') ?? []
      expect(labels.length, chart).toBeGreaterThan(0)
      expect(new Set(labels).size, chart).toBe(labels.length)
    }
  })

  it('fails on a chart mermaid cannot read, so the test above can fail', async () => {
    await expect(
      parseChart('xychart-beta\n  x-axis []\n  y-axis "requests" 0 --> 1\n  bar []')
    ).rejects.toThrow()
    await expect(parseChart('xychart-beta\n  title "a "quoted" word"\n  bar [1]')).rejects.toThrow()
  })
})
