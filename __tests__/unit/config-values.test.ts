import { describe, expect, it } from 'vitest'

import { formatSeconds } from '../../src/report/format.js'
import {
  parseCommand,
  parseDecimal,
  parseDurationS,
  parseHeaders,
  parseInteger,
  parseRegex,
  parseUrlPath,
  parseVersion
} from '../../src/config/values.js'

describe('parseInteger', () => {
  it.each([
    ['42', 42],
    ['  42 ', 42],
    ['1', 1],
    ['100', 100],
    ['007', 7]
  ])('accepts %j as %d', (text, value) => {
    expect(parseInteger(text, 1, 100)).toEqual({ ok: true, value })
  })

  it.each(['0', '101', '1.5', '-3', '', '  ', '1e2', '0x10', 'ten', '5 5', '+5'])(
    'refuses %j, naming the range',
    (text) => {
      expect(parseInteger(text, 1, 100)).toEqual({
        ok: false,
        allowed: 'a whole number from 1 to 100'
      })
    }
  )
})

describe('parseDecimal', () => {
  it.each([
    ['0', 0],
    ['99.5', 99.5],
    [' 100 ', 100],
    ['100.0', 100],
    ['0.001', 0.001]
  ])('accepts %j as %d', (text, value) => {
    expect(parseDecimal(text, 0, 100)).toEqual({ ok: true, value })
  })

  it.each(['100.01', '-1', '.5', '5.', '1e1', 'NaN', 'Infinity', '', '50%'])(
    'refuses %j, naming the range',
    (text) => {
      expect(parseDecimal(text, 0, 100)).toEqual({ ok: false, allowed: 'a number from 0 to 100' })
    }
  )
})

describe('parseDurationS', () => {
  it.each([
    ['30', 30],
    ['30s', 30],
    ['1.5s', 1.5],
    ['500ms', 0.5],
    ['2m', 120],
    ['1h', 3600],
    [' 45s ', 45],
    ['0', 0],
    ['0s', 0],
    // Compound, as Go's time.Duration and our reports print durations.
    ['1m30s', 90],
    ['2h5m', 7500],
    ['1h0m5s', 3605],
    ['1m0.5s', 60.5],
    ['1s500ms', 1.5],
    ['2m30.1s', 150.1]
  ])('reads %j as %d seconds', (text, seconds) => {
    expect(parseDurationS(text, 0, 86400)).toEqual({ ok: true, value: seconds })
  })

  const allowed =
    'a duration from 1s to 3600s, such as 30s, 500ms, 2m or 1m30s (a bare number is seconds)'

  it.each([
    ...['0.5s', '999ms', '0', '61m', '2h', '3601', '30 s', '-5s', '5d', '30S', 'abc', '', 's'],
    // Compound: units largest first, each once, no spaces, no bare number inside.
    ...['30s1m', '1m1m', '1m 30s', '1m30', '1.m', 'm30s', '1h2h', '1ms1s', '59m60m1s']
  ])('refuses %j outside 1s..3600s or malformed', (text) => {
    expect(parseDurationS(text, 1, 3600)).toEqual({ ok: false, allowed })
  })

  it.each([0.5, 1, 30, 59.999, 60, 90, 90.5, 125.25, 3600, 7505])(
    'reads back %d s as the reports print it',
    (seconds) => {
      expect(parseDurationS(formatSeconds(seconds), 0, 86400)).toEqual({ ok: true, value: seconds })
    }
  )

  it('accepts both ends of the range exactly', () => {
    expect(parseDurationS('1000ms', 1, 3600)).toEqual({ ok: true, value: 1 })
    expect(parseDurationS('60m', 1, 3600)).toEqual({ ok: true, value: 3600 })
  })
})

describe('parseVersion', () => {
  it.each([
    ['12.13.0', '12.13.0'],
    ['v12.13.0', '12.13.0'],
    [' 1.0.10 ', '1.0.10']
  ])('accepts %j as %j', (text, version) => {
    expect(parseVersion(text)).toEqual({ ok: true, value: version })
  })

  it.each(['12.13', '12.13.0-rc1', 'latest', '', 'vv1.2.3', '1.2.3.4'])('refuses %j', (text) => {
    expect(parseVersion(text)).toEqual({ ok: false, allowed: 'a version X.Y.Z, such as 12.13.0' })
  })
})

describe('parseUrlPath', () => {
  it.each(['/health', '/', '/v1/chat/completions', '/v1/chat?api-version=2024-02-01'])(
    'accepts %j',
    (text) => {
      expect(parseUrlPath(text, false)).toEqual({ ok: true, value: text })
    }
  )

  it('trims surrounding spaces', () => {
    expect(parseUrlPath('  /health ', false)).toEqual({ ok: true, value: '/health' })
  })

  it.each(['health', 'http://x/health', '/a b', '/a#frag', '/a?b#c', ''])(
    'refuses %j when a path is required',
    (text) => {
      expect(parseUrlPath(text, false)).toEqual({ ok: false, allowed: 'a path starting with /' })
    }
  )

  it('accepts empty only when allowed, and says so when refusing', () => {
    expect(parseUrlPath('', true)).toEqual({ ok: true, value: '' })
    expect(parseUrlPath('   ', true)).toEqual({ ok: true, value: '' })
    expect(parseUrlPath('health', true)).toEqual({
      ok: false,
      allowed: 'a path starting with /, or empty'
    })
  })
})

describe('parseRegex', () => {
  it('accepts a valid pattern as given', () => {
    expect(parseRegex('listening on :\\d+')).toEqual({ ok: true, value: 'listening on :\\d+' })
  })

  it.each(['(', '[a-', '*x'])('refuses %j with the engine message', (text) => {
    const parsed = parseRegex(text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.allowed).toMatch(
      /^a valid regular expression \(Invalid regular expression: .+\)$/
    )
  })
})

describe('parseHeaders', () => {
  const allowed = '"Name: value" lines, or a JSON object such as {"Authorization": "Bearer x"}'

  it('reads "Name: value" lines, trimming names and values', () => {
    expect(parseHeaders('Authorization: Bearer abc\n  X-Trace :  1  ')).toEqual({
      ok: true,
      value: { Authorization: 'Bearer abc', 'X-Trace': '1' }
    })
  })

  it('keeps colons after the first in the value, skips blank lines, takes CRLF', () => {
    expect(parseHeaders('X-Upstream: http://127.0.0.1:8080\r\n\r\nX-Empty:\r\n')).toEqual({
      ok: true,
      value: { 'X-Upstream': 'http://127.0.0.1:8080', 'X-Empty': '' }
    })
  })

  it('reads a JSON object of names to strings', () => {
    expect(parseHeaders('{"Authorization": "Bearer x", "X-Id": "7"}')).toEqual({
      ok: true,
      value: { Authorization: 'Bearer x', 'X-Id': '7' }
    })
    expect(parseHeaders('{}')).toEqual({ ok: true, value: {} })
  })

  it('gives no headers for empty text', () => {
    expect(parseHeaders('')).toEqual({ ok: true, value: {} })
    expect(parseHeaders(' \n ')).toEqual({ ok: true, value: {} })
  })

  it.each([
    'no colon here',
    ': value without name',
    'Bad Name: spaces in the name',
    'X-Ok: 1\nbroken',
    '{"X-Id": 7}',
    '{"bad name": "v"}',
    '{"X-Id": "7"',
    '{"X-Id": null}',
    '["X-Id: 7"]'
  ])('refuses %j', (text) => {
    expect(parseHeaders(text)).toEqual({ ok: false, allowed })
  })
})

describe('parseCommand', () => {
  const allowed = 'a command line, or a JSON array of strings'

  it.each<[string, string[]]>([
    ['node server.js --port {port}', ['node', 'server.js', '--port', '{port}']],
    ['  a   b\tc  ', ['a', 'b', 'c']],
    // Single quotes keep everything, backslashes and double quotes included.
    [`sh -c 'echo $HOME  "x" \\n'`, ['sh', '-c', 'echo $HOME  "x" \\n']],
    // Double quotes: \" \\ \$ \` are escapes, any other backslash stays.
    [
      `echo "a b" "c\\"d" "e\\\\f" "g\\nh" "\\$HOME" "\\\`x\\\`"`,
      ['echo', 'a b', 'c"d', 'e\\f', 'g\\nh', '$HOME', '`x`']
    ],
    // Outside quotes a backslash takes the next character literally.
    ['gw --name my\\ gateway \\"q\\" it\\\'s', ['gw', '--name', 'my gateway', '"q"', "it's"]],
    // Quoted pieces join the word they touch.
    [`pre"mid"'post' next`, ['premidpost', 'next']],
    // Empty quotes are an empty word, not nothing.
    [`a '' b ""`, ['a', '', 'b', '']],
    // Nothing is expanded: the result is argv, never run by a shell.
    ['$HOME ~ *.go $(id) a;b a|b', ['$HOME', '~', '*.go', '$(id)', 'a;b', 'a|b']],
    // A trailing backslash has nothing to escape and stays.
    ['run \\', ['run', '\\']]
  ])('splits %j', (text, argv) => {
    expect(parseCommand(text)).toEqual({ ok: true, value: argv })
  })

  it('takes a JSON array of strings as argv as it is', () => {
    expect(parseCommand(' ["node", "gw.js", "--listen", "127.0.0.1:{port}", "a b"] ')).toEqual({
      ok: true,
      value: ['node', 'gw.js', '--listen', '127.0.0.1:{port}', 'a b']
    })
  })

  it.each(['[]', '["node", 1]', '[not json', '[["nested"]]', '[null]'])(
    'refuses the JSON-looking %j',
    (text) => {
      expect(parseCommand(text)).toEqual({ ok: false, allowed })
    }
  )

  it('refuses an unclosed single quote, naming the quote', () => {
    expect(parseCommand("node 'server.js --port {port}")).toEqual({
      ok: false,
      allowed: `${allowed} (a ' quote is not closed)`
    })
  })

  it('refuses an unclosed double quote, naming the quote', () => {
    expect(parseCommand('node "server.js')).toEqual({
      ok: false,
      allowed: `${allowed} (a " quote is not closed)`
    })
  })

  it('does not close a double quote with an escaped one', () => {
    expect(parseCommand('echo "a\\"')).toEqual({
      ok: false,
      allowed: `${allowed} (a " quote is not closed)`
    })
  })

  it.each(['', '   ', '\t\n'])('refuses the empty command %j', (text) => {
    expect(parseCommand(text)).toEqual({ ok: false, allowed })
  })
})
