/**
 * Whether a 2xx response is really a chat completion. A gateway that answers at once with
 * `200 {"error": …}` must not pass as fast: only a completion counts as a success.
 *
 * Shapes checked (OpenAI chat completions API, as bifrost and the mock providers answer):
 * - non-streaming: a JSON object with a non-empty `choices` array and no `error`;
 * - streaming: server-sent events whose `data:` payloads are JSON chunks with a `choices`
 *   array (possibly empty, as in a final usage chunk) and no `error`, ending `data: [DONE]`.
 */

const DONE = '[DONE]'
const QUOTED_MESSAGE_CHARS = 160

/**
 * Why `body` is not a valid answer to a chat request, or undefined when it is one.
 * `truncated` says vegeta kept only the first max-body bytes, so the whole body is unknown.
 */
export function invalidChatResponseReason(
  body: string,
  stream: boolean,
  truncated: boolean,
  maxBodyBytes: number
): string | undefined {
  if (truncated) {
    return `the body is longer than max-body-bytes (${maxBodyBytes} bytes), so it cannot be checked; raise max-body-bytes`
  }
  const text = body.trim()
  if (text === '') return 'the body is empty'
  return stream ? invalidStreamReason(text) : invalidCompletionReason(text)
}

function invalidCompletionReason(text: string): string | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return text.startsWith('data:')
      ? 'the body is a server-sent event stream, but the request was not streaming'
      : 'the body is not JSON'
  }
  if (!isObject(parsed)) return 'the body is not a JSON object'
  if (parsed.error !== undefined && parsed.error !== null) {
    return `the body is an error object: ${errorText(parsed.error)}`
  }
  if (!Array.isArray(parsed.choices) || parsed.choices.length === 0) {
    return 'the body has no choices (not a chat completion)'
  }
  return undefined
}

function invalidStreamReason(text: string): string | undefined {
  if (text.startsWith('{') || text.startsWith('[')) {
    const asJson = invalidCompletionReason(text)
    const what = asJson?.startsWith('the body is an error object')
      ? `JSON (${asJson.slice('the body is '.length)})`
      : 'JSON'
    return `the answer to a streaming request is ${what}, not a server-sent event stream`
  }
  const payloads: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('data:')) payloads.push(line.slice(5).trim())
  }
  if (payloads.length === 0) return 'the body holds no server-sent event (no "data:" line)'
  for (const payload of payloads.slice(0, -1)) {
    const reason = invalidChunkReason(payload)
    if (reason !== undefined) return reason
  }
  const last = payloads.at(-1) as string
  if (last !== DONE) {
    return invalidChunkReason(last) ?? 'the stream does not end with "data: [DONE]"'
  }
  if (payloads.length === 1) return 'the stream holds no chunk before "data: [DONE]"'
  return undefined
}

function invalidChunkReason(payload: string): string | undefined {
  if (payload === DONE) return 'the stream sends events after "data: [DONE]"'
  let parsed: unknown
  try {
    parsed = JSON.parse(payload)
  } catch {
    return 'an event of the stream is not JSON'
  }
  if (!isObject(parsed)) return 'an event of the stream is not a JSON object'
  if (parsed.error !== undefined && parsed.error !== null) {
    return `the stream carries an error event: ${errorText(parsed.error)}`
  }
  if (!Array.isArray(parsed.choices)) return 'an event of the stream has no choices'
  return undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function errorText(error: unknown): string {
  const message = isObject(error) && typeof error.message === 'string' ? error.message : undefined
  const text = message ?? (typeof error === 'string' ? error : JSON.stringify(error))
  return text.length > QUOTED_MESSAGE_CHARS ? `${text.slice(0, QUOTED_MESSAGE_CHARS)}…` : text
}
