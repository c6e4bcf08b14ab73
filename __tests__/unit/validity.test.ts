import { describe, expect, it } from 'vitest'
import { invalidChatResponseReason } from '../../src/load/validity.js'

const completion = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }]
})
const chunk = (content: string): string =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`
const stream = `${chunk('Hel')}${chunk('lo')}data: [DONE]\n\n`

const check = (body: string, isStream = false, truncated = false): string | undefined =>
  invalidChatResponseReason(body, isStream, truncated, 65536)

describe('invalidChatResponseReason: non-streaming', () => {
  it('accepts a chat completion', () => {
    expect(check(completion)).toBeUndefined()
    expect(check(`  ${completion}\n`)).toBeUndefined()
  })

  it('names an error object and quotes its message', () => {
    expect(check('{"error":{"message":"rate limited","type":"rate_limit"}}')).toBe(
      'the body is an error object: rate limited'
    )
    expect(check('{"error":"no upstream"}')).toBe('the body is an error object: no upstream')
    // An error beside choices is still an error.
    expect(check('{"choices":[{}],"error":{"code":500}}')).toBe(
      'the body is an error object: {"code":500}'
    )
  })

  it('cuts a long error message', () => {
    const reason = check(JSON.stringify({ error: { message: 'x'.repeat(500) } }))
    expect(reason).toBe(`the body is an error object: ${'x'.repeat(160)}…`)
  })

  it('refuses what is not a completion', () => {
    expect(check('')).toBe('the body is empty')
    expect(check('OK')).toBe('the body is not JSON')
    expect(check('[1,2]')).toBe('the body is not a JSON object')
    expect(check('{"choices":[]}')).toBe('the body has no choices (not a chat completion)')
    expect(check('{"ok":true}')).toBe('the body has no choices (not a chat completion)')
    expect(check(stream)).toBe(
      'the body is a server-sent event stream, but the request was not streaming'
    )
  })

  it('refuses a body cut short at max-body, whatever it holds', () => {
    expect(check(completion.slice(0, 40), false, true)).toBe(
      'the body is longer than max-body-bytes (65536 bytes), so it cannot be checked; raise max-body-bytes'
    )
  })
})

describe('invalidChatResponseReason: streaming', () => {
  it('accepts server-sent chunks ending with [DONE], CRLF or LF, with comments and events', () => {
    expect(check(stream, true)).toBeUndefined()
    expect(check(stream.replaceAll('\n', '\r\n'), true)).toBeUndefined()
    expect(check(`: keep-alive\n\nevent: message\n${stream}`, true)).toBeUndefined()
    // A final usage chunk has an empty choices array.
    expect(
      check(
        `${chunk('Hi')}data: {"choices":[],"usage":{"total_tokens":3}}\n\ndata: [DONE]\n\n`,
        true
      )
    ).toBeUndefined()
  })

  it('names JSON sent to a streaming request, including an error object', () => {
    expect(check(completion, true)).toBe(
      'the answer to a streaming request is JSON, not a server-sent event stream'
    )
    expect(check('{"error":{"message":"stream unsupported"}}', true)).toBe(
      'the answer to a streaming request is JSON (an error object: stream unsupported), not a server-sent event stream'
    )
  })

  it('refuses a stream that is cut, empty, broken or carries an error', () => {
    expect(check(`${chunk('Hel')}${chunk('lo')}`, true)).toBe(
      'the stream does not end with "data: [DONE]"'
    )
    expect(check('data: [DONE]\n\n', true)).toBe('the stream holds no chunk before "data: [DONE]"')
    expect(check('event: ping\n\n', true)).toBe(
      'the body holds no server-sent event (no "data:" line)'
    )
    expect(check(`data: {"choices":[{"delta":{"con\n\ndata: [DONE]\n\n`, true)).toBe(
      'an event of the stream is not JSON'
    )
    expect(check(`${chunk('a')}data: {"error":{"message":"upstream reset"}}\n\n`, true)).toBe(
      'the stream carries an error event: upstream reset'
    )
    expect(check(`data: {"id":1}\n\ndata: [DONE]\n\n`, true)).toBe(
      'an event of the stream has no choices'
    )
    expect(check(`${chunk('a')}data: [DONE]\n\n${chunk('b')}`, true)).toBe(
      'the stream sends events after "data: [DONE]"'
    )
  })

  it('refuses a stream cut short at max-body', () => {
    expect(check(stream, true, true)).toMatch(/^the body is longer than max-body-bytes/)
  })
})
