import { existsSync } from 'node:fs'
import path from 'node:path'
import { loadBaselineResults, type BaselineResults } from '../config/baseline.js'
import { loadBifrostConfig } from '../config/bifrost-config.js'
import {
  executableFileProblem,
  outputDirectoryProblem,
  readableDirectoryProblem,
  readableFileProblem
} from '../config/paths.js'
import type { FileCheck } from '../config/resolve.js'
import { findMainPackage } from './bifrost-checkout.js'

export interface PreflightContext {
  /** Output directories may lie inside it, never be it or contain it. */
  workspaceRoot: string
}

export interface Preflight {
  /** One sentence per file that will not do, in resolveConfig's style; empty when none. */
  problems: string[]
  /** The earlier run's results that baseline-results names, read and checked. */
  baseline?: BaselineResults
}

/**
 * Checks, before anything starts, every file and directory the options name (as
 * resolveOptions lists them, in its order): programs are executable files, checkouts hold
 * bifrost-http's main package, the mock provider's directory a Go package, the bifrost config
 * and the baseline parse, output directories can be created and written. Creates and changes
 * nothing. Returns the problems and the baseline read.
 */
export function preflight(checks: readonly FileCheck[], context: PreflightContext): Preflight {
  const problems: string[] = []
  let baseline: BaselineResults | undefined
  for (const check of checks) {
    let problem: string | undefined
    switch (check.expect) {
      case 'executable':
        problem = executableFileProblem(check.option, check.path)
        break
      case 'output-directory':
        problem = outputDirectoryProblem(check.option, check.path, context)
        break
      case 'bifrost-checkout':
        problem = bifrostCheckoutProblem(check)
        break
      case 'go-package':
        problem = goPackageProblem(check.option, check.path)
        break
      case 'bifrost-config':
        problem = bifrostConfigProblem(check)
        break
      case 'baseline-results': {
        const read = readBaseline(check)
        problem = read.problem
        baseline = read.baseline
        break
      }
    }
    if (problem !== undefined) problems.push(problem)
  }
  return { problems, ...(baseline ? { baseline } : {}) }
}

const gotGiven = (check: FileCheck): string => `got ${JSON.stringify(check.given)} (${check.path})`

function bifrostCheckoutProblem(check: FileCheck): string | undefined {
  const unreadable = readableDirectoryProblem(check.option, check.path)
  if (unreadable !== undefined) return unreadable
  if (findMainPackage(check.path) !== undefined) return undefined
  const expected =
    check.option === 'bifrost-path'
      ? 'a bifrost checkout, or set gateway-binary or gateway-command'
      : 'a bifrost checkout of the base'
  return `${check.option}: ${gotGiven(check)}, which has no bifrost-http main package (looked in transports/bifrost-http/, then transports/); expected ${expected}.`
}

function goPackageProblem(option: string, directory: string): string | undefined {
  const unreadable = readableDirectoryProblem(option, directory)
  if (unreadable !== undefined) return unreadable
  if (existsSync(path.join(directory, 'go.mod')) || existsSync(path.join(directory, 'main.go'))) {
    return undefined
  }
  return `${option}: got ${JSON.stringify(directory)}, which holds no Go package (no go.mod or main.go); expected the mock provider's source directory.`
}

function bifrostConfigProblem(check: FileCheck): string | undefined {
  const unreadable = readableFileProblem(check.option, check.path)
  if (unreadable !== undefined) return unreadable
  const loaded = loadBifrostConfig(check.path)
  return loaded.ok ? undefined : `${check.option}: ${gotGiven(check)}, ${loaded.problem}.`
}

function readBaseline(check: FileCheck): {
  problem?: string
  baseline?: BaselineResults
} {
  const unreadable = readableFileProblem(check.option, check.path)
  if (unreadable !== undefined) return { problem: unreadable }
  const loaded = loadBaselineResults(check.path)
  if (!loaded.ok) return { problem: `${check.option}: ${gotGiven(check)}, ${loaded.problem}.` }
  return { baseline: loaded.baseline }
}
