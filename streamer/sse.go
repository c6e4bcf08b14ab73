package main

import (
	"bytes"
	"time"
)

const (
	// maxLineBytes caps one line of the stream kept across reads; a longer
	// line makes the stream invalid (no chat chunk is near this long).
	maxLineBytes = 1 << 20
	// maxJSONBodyBytes caps a JSON answer kept to name its error.
	maxJSONBodyBytes = 1 << 20
	// exampleBodyBytes of the body are kept for the example of an invalid
	// answer: results.ts quotes 600 characters out of 4 × 600 bytes.
	exampleBodyBytes = 2400
)

var (
	dataField = []byte("data:")
	doneEvent = []byte("[DONE]")
)

const reasonLongLine = "a line of the stream is longer than 1 MiB"

// streamParser follows the body of a streaming chat completion as it
// arrives, read by read, and records when its events came and whether it
// keeps validity.ts's rules for streams. Lines end with LF or CRLF (as
// validity.ts splits them; a lone CR does not end a line); a line may span
// reads. Only `data:` lines are events: comments (": …"), keep-alives
// (empty lines, bare comments) and other fields are skipped, as validity.ts
// skips them. A body that starts, after whitespace, with '{' or '[' is an
// answer in JSON rather than an event stream. Not safe for concurrent use.
type streamParser struct {
	started  bool   // a non-whitespace byte has arrived
	jsonBody []byte // the body from its first byte, when it is JSON
	isJSON   bool
	line     []byte    // the start of a line whose end has not arrived yet
	lineAt   time.Time // when its last byte arrived
	skipLine bool      // the current line is too long: drop it up to its end

	payloads     int  // `data:` lines seen
	lastWasDone  bool // the last of them was [DONE]
	invalid      string
	firstContent time.Time
	lastContent  time.Time
	done         time.Time // the first [DONE]
	gaps         []time.Duration
	bytes        int64
	head         []byte // the first exampleBodyBytes of the body
}

// feed takes the bytes of one read, which arrived at `at`. It keeps no
// reference to chunk.
func (p *streamParser) feed(chunk []byte, at time.Time) {
	if len(chunk) == 0 {
		return
	}
	p.bytes += int64(len(chunk))
	if room := exampleBodyBytes - len(p.head); room > 0 {
		p.head = append(p.head, chunk[:min(room, len(chunk))]...)
	}
	if !p.started {
		// validity.ts trims the body before looking at it.
		chunk = bytes.TrimLeft(chunk, " \t\r\n\v\f")
		if len(chunk) == 0 {
			return
		}
		p.started = true
		p.isJSON = chunk[0] == '{' || chunk[0] == '['
	}
	if p.isJSON {
		if room := maxJSONBodyBytes - len(p.jsonBody); room > 0 {
			p.jsonBody = append(p.jsonBody, chunk[:min(room, len(chunk))]...)
		}
		return
	}
	for len(chunk) > 0 {
		end := bytes.IndexByte(chunk, '\n')
		if end < 0 {
			p.carry(chunk, at)
			return
		}
		if p.skipLine {
			p.skipLine = false
		} else if len(p.line) > 0 {
			p.carry(chunk[:end], at)
			p.endLine(p.line, at)
			p.line = p.line[:0]
		} else {
			p.endLine(chunk[:end], at)
		}
		chunk = chunk[end+1:]
	}
}

// carry keeps the start of a line until its end arrives.
func (p *streamParser) carry(part []byte, at time.Time) {
	if p.skipLine {
		return
	}
	if len(p.line)+len(part) > maxLineBytes {
		p.fail(reasonLongLine)
		p.line = p.line[:0]
		p.skipLine = true
		return
	}
	p.line = append(p.line, part...)
	p.lineAt = at
}

// endLine handles one complete line (without its LF), which arrived at `at`.
func (p *streamParser) endLine(line []byte, at time.Time) {
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if !bytes.HasPrefix(line, dataField) {
		return
	}
	payload := bytes.TrimSpace(line[len(dataField):])
	if p.lastWasDone {
		p.fail(reasonAfterDone)
	}
	p.payloads++
	if bytes.Equal(payload, doneEvent) {
		p.lastWasDone = true
		if p.done.IsZero() {
			p.done = at
		}
		return
	}
	p.lastWasDone = false
	reason, content := inspectChunk(payload)
	if reason != "" {
		p.fail(reason)
	}
	if content {
		if p.firstContent.IsZero() {
			p.firstContent = at
		} else {
			p.gaps = append(p.gaps, at.Sub(p.lastContent))
		}
		p.lastContent = at
	}
}

// fail keeps the first reason, as validity.ts reports the first broken rule
// in the order of the stream.
func (p *streamParser) fail(reason string) {
	if p.invalid == "" {
		p.invalid = reason
	}
}

// finish is called once the body has ended, whole or cut: a last line
// without LF still counts (validity.ts splits the whole body), then the
// rules about the end of a stream apply. It returns the first broken rule,
// or "" for a valid stream.
func (p *streamParser) finish() string {
	if len(p.line) > 0 {
		p.endLine(p.line, p.lineAt)
		p.line = p.line[:0]
	}
	switch {
	case !p.started:
		return reasonEmpty
	case p.isJSON:
		return jsonAnswerReason(bytes.TrimRight(p.jsonBody, " \t\r\n\v\f"))
	case p.invalid != "":
		return p.invalid
	case p.payloads == 0:
		return reasonNoEvent
	case !p.lastWasDone:
		return reasonNoDone
	case p.payloads == 1:
		return reasonOnlyDone
	}
	return ""
}
