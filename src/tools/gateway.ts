import { createHash } from 'node:crypto'
import path from 'node:path'
import { LoadTestError } from '../errors.js'
import type { BifrostModules, GatewaySource } from '../config/types.js'
import {
  embedPlaceholders,
  findGoModules,
  findMainPackage,
  goWorkFile,
  moduleOf,
  overlayFile,
  workspaceModules,
  type GoModule
} from './bifrost-checkout.js'
import { buildGoBinary, type GoOverlay, type GoWorkspace } from './go-build.js'
import { pruneBuilds } from './prune.js'

export interface ResolvedGatewayBinary {
  binaryPath: string
  origin: string
  reused: boolean
}

/** How a bifrost checkout is built: the main package, its modules, workspace and overlay. */
export interface GatewayBuildPlan {
  mainPackageDir: string
  /** The module holding the main package (bifrost's transports). */
  mainModule?: GoModule
  modules: BifrostModules
  /** The checkout's modules whose files go into the binary. */
  moduleDirs: string[]
  /** Undefined for `published` (GOWORK=off). */
  workspace?: GoWorkspace
  overlay?: GoOverlay
}

/**
 * Where our files for building one checkout live (go.work, the overlay): outside the
 * checkout, in the tools directory, one directory per checkout path.
 */
export function gatewayWorkDir(toolsDir: string, checkoutPath: string): string {
  const key = createHash('sha256').update(checkoutPath).digest('hex').slice(0, 16)
  return path.join(toolsDir, 'workspaces', `gateway-${key}`)
}

/**
 * Plans the build of a bifrost checkout as upstream builds it, writing nothing: its main
 * package (transports/bifrost-http/), for `local` a go.work using every module of the
 * checkout the gateway depends on (as upstream's load-test script does with go work
 * init/use), for `published` GOWORK=off; and an overlay adding ui/.placeholder when the
 * main package embeds `all:ui` and ui/ has nothing to embed. Exported for cache keys,
 * which need `moduleDirs`. Throws a setup error when the checkout has no main package.
 */
export function planGatewayBuild(
  checkoutPath: string,
  modules: BifrostModules,
  workDir: string
): GatewayBuildPlan {
  const mainPackageDir = findMainPackage(checkoutPath)
  if (mainPackageDir === undefined) {
    throw new LoadTestError(
      'setup',
      `bifrost-path ${checkoutPath}: no bifrost-http main package in transports/bifrost-http/ or transports/.`
    )
  }
  const placeholders = embedPlaceholders(mainPackageDir)
  const emptyFilePath = path.join(workDir, 'empty-placeholder')
  const overlay =
    placeholders.length > 0
      ? {
          overlayPath: path.join(workDir, 'overlay.json'),
          emptyFilePath,
          placeholders,
          content: overlayFile(placeholders, emptyFilePath)
        }
      : undefined
  const mainModule = moduleOf(findGoModules(checkoutPath), mainPackageDir)
  if (modules === 'published') {
    return {
      mainPackageDir,
      mainModule,
      modules,
      moduleDirs: [mainModule?.dir ?? mainPackageDir],
      overlay
    }
  }
  const used = workspaceModules(checkoutPath, mainPackageDir)
  return {
    mainPackageDir,
    mainModule,
    modules,
    moduleDirs: used.map((module) => module.dir),
    workspace: { goWorkPath: path.join(workDir, 'go.work'), content: goWorkFile(used) },
    overlay
  }
}

/**
 * For a `published` build that failed: which required module versions Go could not get,
 * and what to do. Go names them as `module@version`, or, when go.sum lacks them, only by
 * package; the version then comes from the main module's go.mod.
 */
export function publishedBuildHint(output: string, mainModule: GoModule | undefined): string {
  const missing = new Set<string>()
  for (const named of output.matchAll(/([\w.~-]+(?:\/[\w.~-]+)+)@(v\d[^\s:]*)/g)) {
    missing.add(`${named[1]} ${named[2]}`)
  }
  for (const [, packagePath = ''] of output.matchAll(
    /missing go\.sum entry for module providing package (\S+)/g
  )) {
    const requirement = mainModule?.requires
      .filter((r) => packagePath === r.path || packagePath.startsWith(`${r.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0]
    missing.add(requirement ? `${requirement.path} ${requirement.version}` : packagePath)
  }
  const goMod = `${mainModule ? path.basename(mainModule.dir) : 'the main module'}/go.mod`
  const what =
    missing.size > 0
      ? `Go could not get ${[...missing].join(', ')}, which ${goMod} requires (not published, or not reachable from here)`
      : 'Go could not build against the module versions go.mod pins'
  return `bifrost-modules: published builds with GOWORK=off, against the versions in go.mod; ${what}. Set bifrost-modules: local to build the checkout's own modules in a Go workspace.`
}

/**
 * The gateway's binary for sources that have one: a bifrost checkout is built as planned
 * by planGatewayBuild (its files are left as they are); a prebuilt binary is used as is.
 * A command-started gateway has no binary to prepare.
 */
export async function resolveGatewayBinary(
  source: GatewaySource,
  toolsDir: string,
  log: (line: string) => void
): Promise<ResolvedGatewayBinary | undefined> {
  if (source.kind === 'command') return undefined
  if (source.kind === 'binary')
    return { binaryPath: source.path, origin: source.path, reused: true }
  const modules = source.modules ?? 'local'
  const workDir = gatewayWorkDir(toolsDir, source.path)
  const plan = planGatewayBuild(source.path, modules, workDir)
  const relative = (directory: string): string => path.relative(source.path, directory) || '.'
  if (plan.workspace) {
    log(
      `gateway: Go workspace ${plan.workspace.goWorkPath} of the checkout's modules: ${plan.moduleDirs.map(relative).join(', ')}`
    )
  } else {
    log(`gateway: bifrost-modules published: GOWORK=off, the module versions go.mod pins`)
  }
  for (const placeholder of plan.overlay?.placeholders ?? []) {
    log(
      `gateway: ${relative(path.dirname(placeholder))}/ has nothing to embed; adding ${path.basename(placeholder)} through -overlay (the checkout is not modified)`
    )
  }
  const build = await buildGoBinary({
    name: 'gateway',
    packageDir: plan.mainPackageDir,
    sourceRoot: source.path,
    moduleDirs: plan.moduleDirs,
    workspace: plan.workspace,
    overlay: plan.overlay,
    buildsDir: path.join(toolsDir, 'builds'),
    log,
    failureHint:
      modules === 'published' ? (output) => publishedBuildHint(output, plan.mainModule) : undefined
  })
  // One directory per checkout path: base-ref worktrees have a new path every run, so old
  // ones are removed as old builds are.
  if (plan.workspace || plan.overlay) {
    await pruneBuilds(path.join(toolsDir, 'workspaces'), 'gateway', workDir, log)
  }
  return {
    binaryPath: build.binaryPath,
    origin: `source ${build.sourceHash.slice(0, 12)} (${modules} modules)`,
    reused: build.reused
  }
}
