import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../scripts/docs.js'

/** README.md and every docs/*.md, as paths relative to the repository root. */
const DOCUMENTS = [
  'README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
]

/** `markdown` without fenced code blocks, where a `#` or a `](…)` is neither heading nor link. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '')
}

/** Targets of the inline links and images of `markdown`: `[text](target)`, `![alt](target)`. */
export function linkTargets(markdown: string): string[] {
  return [
    ...withoutFences(markdown)
      .replace(/`[^`\n]*`/g, '')
      .matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)
  ].map((match) => match[1] as string)
}

/**
 * GitHub's anchor of a heading: lower case, punctuation other than `-` and `_` dropped,
 * spaces to `-` (github/cmark-gfm's `toc` extension, as github-slugger implements it).
 */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** The anchors of every heading of `markdown`, outside code blocks, numbered when repeated. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingAnchor(match[1] as string)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/** Each relative link of `document` that names no existing file, or no heading of it. */
function brokenLinks(document: string): string[] {
  const markdown = readFileSync(path.join(REPO_ROOT, document), 'utf8')
  const broken: string[] = []
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:: not ours to check
    const [file = '', anchor] = target.split('#', 2)
    const resolved = file === '' ? document : path.posix.join(path.posix.dirname(document), file)
    const absolute = path.join(REPO_ROOT, resolved)
    if (!existsSync(absolute)) {
      broken.push(`${document}: ${target} (no file ${resolved})`)
    } else if (anchor !== undefined && resolved.endsWith('.md')) {
      if (!anchorsOf(readFileSync(absolute, 'utf8')).has(anchor)) {
        broken.push(`${document}: ${target} (no heading #${anchor} in ${resolved})`)
      }
    }
  }
  return broken
}

describe('relative links of README.md and docs/', () => {
  it('finds links and anchors as GitHub makes them', () => {
    expect(linkTargets('see [a](docs/a.md#x) and ![b](img.png "t"), not `[c](d)`')).toEqual([
      'docs/a.md#x',
      'img.png'
    ])
    expect(headingAnchor('How the overhead is measured, and why you can trust it')).toBe(
      'how-the-overhead-is-measured-and-why-you-can-trust-it'
    )
    expect(headingAnchor('Artifact, job summary and annotations')).toBe(
      'artifact-job-summary-and-annotations'
    )
    expect([...anchorsOf('# A\n```\n# not\n```\n## A\n### `b` c\n')]).toEqual(['a', 'a-1', 'b-c'])
  })

  it.each(DOCUMENTS)('%s: every relative link names an existing file and heading', (document) => {
    expect(brokenLinks(document)).toEqual([])
  })

  it('keeps the README under 20 KB', () => {
    expect(readFileSync(path.join(REPO_ROOT, 'README.md')).byteLength).toBeLessThanOrEqual(20_000)
  })
})
