import path from 'node:path'
import type { MetricRow } from '../../record.js'
import { ProcessTreeSampler, type ProcessStatsSummary } from '../../services/proc-stats.js'
import type { ProbeFactory } from './probe.js'

/**
 * CPU and RSS of the gateway's whole process tree, sampled from /proc every second
 * (services/proc-stats.ts) from the start of the services to their stop, filed under the
 * sampling period of the step that runs (`sampling` of attack and idle steps; the services'
 * generation until the first step names one). One row per period and figure, when the
 * services stop; each sample is also a line of the CSV file.
 */
export const PROCESS_STATS_PROBE = 'process-stats'

/** The samples, one CSV line each, in the results directory. */
export const PROCESS_STATS_CSV = 'gateway-process-stats.csv'

const GROUP = 'Gateway process stats (whole process tree)'

/** Each figure of a period's summary as a row; the summary's MB are MiB (2^20 bytes). */
const FIGURES: {
  key: keyof ProcessStatsSummary
  metric: string
  label: string
  unit: string
  worse: MetricRow['worse']
}[] = [
  { key: 'cpuAvgPct', metric: 'cpu-avg-pct', label: 'CPU avg', unit: '%', worse: 'higher' },
  { key: 'cpuPeakPct', metric: 'cpu-peak-pct', label: 'CPU peak', unit: '%', worse: 'higher' },
  { key: 'rssAvgMb', metric: 'rss-avg-mib', label: 'RSS avg', unit: 'MiB', worse: 'higher' },
  { key: 'rssPeakMb', metric: 'rss-peak-mib', label: 'RSS peak', unit: 'MiB', worse: 'higher' },
  { key: 'samples', metric: 'samples', label: 'Samples', unit: '', worse: 'neither' }
]

export const processStatsProbe: ProbeFactory = ({ config }) => {
  let sampler: ProcessTreeSampler | undefined
  return {
    servicesStarted(services) {
      sampler = new ProcessTreeSampler({
        rootPid: services.gateway.pid,
        csvPath: path.join(config.resultsDir, PROCESS_STATS_CSV)
      })
      sampler.start(services.generation)
    },
    stepStarted(step) {
      sampler?.setPhase(step.sampling)
    },
    async servicesStopping() {
      const running = sampler
      sampler = undefined
      if (!running) return []
      await running.stop()
      return processStatsRows(running.summary())
    }
  }
}

/** The rows of the summaries by sampling period, in their order; a period without samples has none. */
export function processStatsRows(summaries: Record<string, ProcessStatsSummary>): MetricRow[] {
  return Object.entries(summaries)
    .filter(([, summary]) => summary.samples > 0)
    .flatMap(([period, summary]) =>
      FIGURES.map(({ key, metric, label, unit, worse }) => ({
        id: `${PROCESS_STATS_PROBE}/${metric}/${period}/gateway`,
        probe: PROCESS_STATS_PROBE,
        metric,
        label,
        group: GROUP,
        unit,
        value: summary[key],
        worse,
        target: 'gateway' as const,
        phase: period,
        shown: 'details' as const
      }))
    )
}

/** The summaries by sampling period again, from the rows (for the seed's `process_stats`). */
export function processStatsSummaries(
  rows: readonly MetricRow[]
): Record<string, ProcessStatsSummary> {
  const summaries: Record<string, ProcessStatsSummary> = {}
  for (const row of rows) {
    if (row.probe !== PROCESS_STATS_PROBE) continue
    const figure = FIGURES.find((candidate) => candidate.metric === row.metric)
    if (!figure) continue
    const summary = (summaries[row.phase] ??= {
      samples: 0,
      cpuAvgPct: 0,
      cpuPeakPct: 0,
      rssAvgMb: 0,
      rssPeakMb: 0
    })
    summary[figure.key] = row.value
  }
  return summaries
}
