import type { RawOptions } from './config/options.js'
import { resolveOptions, type ResolveContext } from './config/resolve.js'
import type { LoadTestConfig } from './config/types.js'
import { LoadTestError } from './errors.js'
import { sizingProblems } from './load/sizing.js'
import { preflight } from './tools/preflight.js'

/**
 * Builds the one checked config of a run from option layers (later layers win over earlier
 * ones, all over the seed's defaults), in three steps: each value by the option table and the
 * rules between options (config/resolve.ts), whether the load fits vegeta's workers and
 * bifrost's connections (load/sizing.ts), and every file the options name (the preflight,
 * tools/preflight.ts). Nothing is started before it returns.
 *
 * @throws LoadTestError('input') listing every problem of the three steps, one per line, so a
 * user fixes them in one go.
 */
export function resolveConfig(layers: RawOptions[], context: ResolveContext): LoadTestConfig {
  const resolved = resolveOptions(layers, context)
  const files = preflight(resolved.files, { workspaceRoot: context.cwd })
  const problems = [...resolved.problems, ...sizingProblems(resolved.config), ...files.problems]
  if (problems.length > 0) {
    throw new LoadTestError(
      'input',
      `Invalid options (nothing was started):\n${problems.map((p) => `  - ${p}`).join('\n')}`
    )
  }
  return { ...resolved.config, ...(files.baseline ? { baseline: files.baseline } : {}) }
}
