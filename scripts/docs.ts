// `npm run docs`: rewrites what is generated from one source each, so it cannot drift:
// the input and output tables of docs/reference.md from action.yml (itself checked against the option
// table by __tests__/unit/action-yml.test.ts), and schemas/config.schema.json from the
// option table. __tests__/unit/docs.test.ts fails when either is stale.
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { OPTION_NAMES } from '../src/config/options.js'
import { configFileSchema } from '../src/config/schema.js'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const REFERENCE = path.join(REPO_ROOT, 'docs/reference.md')
export const ACTION_YML = path.join(REPO_ROOT, 'action.yml')
export const CONFIG_SCHEMA = path.join(REPO_ROOT, 'schemas/config.schema.json')

export interface ActionMetadata {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs: Record<string, { description?: string }>
}

export function readActionMetadata(file = ACTION_YML): ActionMetadata {
  return parse(readFileSync(file, 'utf8')) as ActionMetadata
}

/** Text for a Markdown table cell: no pipe, no line break, no HTML tag. */
function cell(text: string): string {
  return text
    .replaceAll('|', '\\|')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
}

/** The reference's inputs table: name, default, description; inputs the CLI lacks are marked. */
export function inputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.inputs).map(([name, input]) => {
    const defaultValue = input.default ? `\`${input.default}\`` : ''
    const actionOnly = (OPTION_NAMES as readonly string[]).includes(name) ? '' : '_(action only)_ '
    return `| \`${name}\` | ${defaultValue} | ${actionOnly}${cell(input.description ?? '')} |`
  })
  return ['| Input | Default | Description |', '| --- | --- | --- |', ...rows].join('\n')
}

export function outputsTable(metadata: ActionMetadata): string {
  const rows = Object.entries(metadata.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description ?? '')} |`
  )
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n')
}

/**
 * `markdown` with the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` replaced
 * by `content`. Throws when the markers are missing, so a renamed marker cannot go unseen.
 */
export function replaceBetweenMarkers(markdown: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const startAt = markdown.indexOf(start)
  const endAt = markdown.indexOf(end)
  if (startAt === -1 || endAt < startAt) {
    throw new Error(`docs/reference.md needs the markers ${start} and ${end}, in that order`)
  }
  return `${markdown.slice(0, startAt + start.length)}\n${content}\n${markdown.slice(endAt)}`
}

/** docs/reference.md as `npm run docs` writes it. */
export function generatedReference(reference: string, metadata: ActionMetadata): string {
  const withInputs = replaceBetweenMarkers(reference, 'inputs', inputsTable(metadata))
  return replaceBetweenMarkers(withInputs, 'outputs', outputsTable(metadata))
}

/** schemas/config.schema.json as `npm run docs` writes it. */
export function generatedConfigSchema(): string {
  return `${JSON.stringify(configFileSchema(), null, 2)}\n`
}

function isEntryPoint(): boolean {
  const entry = process.argv[1]
  return entry !== undefined && realpathSync(entry) === fileURLToPath(import.meta.url)
}

if (isEntryPoint()) {
  const metadata = readActionMetadata()
  writeFileSync(REFERENCE, generatedReference(readFileSync(REFERENCE, 'utf8'), metadata))
  mkdirSync(path.dirname(CONFIG_SCHEMA), { recursive: true })
  writeFileSync(CONFIG_SCHEMA, generatedConfigSchema())
  console.log(`wrote the input and output tables of ${REFERENCE} and ${CONFIG_SCHEMA}`)
}
