// `npm run screenshots`: the README's pictures of a job summary and a pull request comment,
// from a real run. It runs the engine once at the demo's size with a base to compare against
// (examples/bifrost-like as both base and head), renders the job summary from the run's
// record and the comment from its results file (as the comment-only mode reads it), turns
// the Markdown into HTML styled like GitHub's (marked, github-markdown-css, Mermaid charts
// drawn by the mermaid package) and photographs each page with headless Chromium into
// docs/images/. Run by hand, under the machine's load lock, never in CI:
//   flock /tmp/blt-load.lock npm run screenshots
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { marked } from 'marked'
import { loadConfigFile } from '../src/config/file.js'
import { resolveConfig } from '../src/configure.js'
import { runLoadTest } from '../src/engine/run.js'
import { defaultToolsDir, packageRoot } from '../src/package-root.js'
import { renderComment } from '../src/report/comment.js'
import { consoleProgress } from '../src/report/console.js'
import { renderJobSummary } from '../src/report/job-summary.js'
import { readResultsFile } from '../src/report/results-file.js'
import type { RunRecord } from '../src/record.js'
import { REPO_ROOT } from './docs.js'

const IMAGES_DIR = path.join(REPO_ROOT, 'docs/images')
const RESULTS_DIR = path.join(REPO_ROOT, 'load-test-results/screenshots')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
/** Width of GitHub's comment and summary column, in CSS pixels. */
const PAGE_WIDTH_PX = 900
/** Longest picture, in CSS pixels: the job summary's folded sections stay folded anyway. */
const MAX_PAGE_HEIGHT_PX = 5000
/** Time Chromium lets the page's scripts (Mermaid) run before it reads or photographs it. */
const RENDER_BUDGET_MS = 10_000

const require = createRequire(import.meta.url)

/** The demo's profile with examples/bifrost-like as the base too: base and head in one attack. */
async function measure(): Promise<RunRecord> {
  const config = resolveConfig(
    [
      loadConfigFile(path.join(REPO_ROOT, 'examples/demo.config.json')),
      { 'base-bifrost-path': 'examples/bifrost-like', 'results-dir': RESULTS_DIR }
    ],
    { cwd: REPO_ROOT, packageRoot: packageRoot(), defaultToolsDir: defaultToolsDir() }
  )
  return runLoadTest(config, { onEvent: consoleProgress((line) => console.log(line)) })
}

/** A standalone HTML page showing `markdown` as GitHub shows it, Mermaid blocks drawn. */
export function htmlPage(markdown: string, title: string): string {
  const renderer = new marked.Renderer()
  const renderCode = renderer.code.bind(renderer)
  renderer.code = (token) =>
    token.lang === 'mermaid'
      ? `<pre class="mermaid">${token.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</pre>`
      : renderCode(token)
  const body = marked.parse(markdown, { gfm: true, async: false, renderer })
  const css = pathToFileURL(require.resolve('github-markdown-css/github-markdown-light.css'))
  const mermaid = pathToFileURL(require.resolve('mermaid/dist/mermaid.min.js'))
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="${css.href}">
<style>body { margin: 0; background: #fff } .markdown-body { box-sizing: border-box; width: ${PAGE_WIDTH_PX}px; padding: 24px }</style>
<script src="${mermaid.href}"></script>
</head><body><article class="markdown-body">${body}</article>
<script>
mermaid.initialize({ startOnLoad: false, theme: 'default' })
mermaid.run().finally(() => { document.title = 'height=' + document.body.scrollHeight })
</script>
</body></html>`
}

function chromium(args: string[]): string {
  return execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--allow-file-access-from-files',
      `--virtual-time-budget=${RENDER_BUDGET_MS}`,
      ...args
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
  )
}

/** Photographs `html` whole (its height read from the rendered page) into `pngFile`. */
function screenshot(html: string, pngFile: string, workDir: string): void {
  const page = path.join(workDir, `${path.basename(pngFile, '.png')}.html`)
  writeFileSync(page, html)
  const dom = chromium([
    `--window-size=${PAGE_WIDTH_PX},800`,
    '--dump-dom',
    pathToFileURL(page).href
  ])
  const height = Number(/<title>height=(\d+)<\/title>/.exec(dom)?.[1])
  if (!Number.isFinite(height) || height <= 0) {
    throw new Error(
      `${page}: the page did not finish rendering its charts within ${RENDER_BUDGET_MS} ms`
    )
  }
  const size = `${PAGE_WIDTH_PX},${Math.min(height, MAX_PAGE_HEIGHT_PX)}`
  chromium([`--window-size=${size}`, `--screenshot=${pngFile}`, pathToFileURL(page).href])
  console.log(`wrote ${path.relative(REPO_ROOT, pngFile)} (${size.replace(',', ' × ')} px)`)
}

async function main(): Promise<void> {
  const record = await measure()
  if (record.status !== 'passed') {
    throw new Error(
      `the run ${record.status}: ${record.failure?.message ?? 'see the log above'}; no pictures taken`
    )
  }
  const comment = renderComment(readResultsFile(record.files.json), 'gateway overhead', {})
  mkdirSync(IMAGES_DIR, { recursive: true })
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'blt-screenshots-'))
  try {
    screenshot(htmlPage(comment, 'PR comment'), path.join(IMAGES_DIR, 'pr-comment.png'), workDir)
    const summary = renderJobSummary(record)
    screenshot(htmlPage(summary, 'Job summary'), path.join(IMAGES_DIR, 'job-summary.png'), workDir)
    writeFileSync(path.join(RESULTS_DIR, 'pr-comment.md'), comment)
    writeFileSync(path.join(RESULTS_DIR, 'job-summary.md'), summary)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
  console.log(`rendered from ${path.relative(REPO_ROOT, record.files.json)}`)
}

await main()
