package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// The reasons below are word for word those of src/load/validity.ts, which
// judges non-streaming answers (and streams in vegeta's bodies) in the
// TypeScript side: a request counts as valid or not by the same words
// whichever tool sent it. testdata/validity-cases.json holds cases both
// sides are tested against.
const (
	reasonEmpty        = "the body is empty"
	reasonNoEvent      = `the body holds no server-sent event (no "data:" line)`
	reasonAfterDone    = `the stream sends events after "data: [DONE]"`
	reasonNoDone       = `the stream does not end with "data: [DONE]"`
	reasonOnlyDone     = `the stream holds no chunk before "data: [DONE]"`
	reasonNotJSON      = "an event of the stream is not JSON"
	reasonNotObject    = "an event of the stream is not a JSON object"
	reasonErrorEvent   = "the stream carries an error event: "
	reasonNoChoices    = "an event of the stream has no choices"
	reasonJSONAnswer   = "the answer to a streaming request is JSON, not a server-sent event stream"
	reasonJSONErrorFmt = "the answer to a streaming request is JSON (an error object: %s), not a server-sent event stream"
	// quotedMessageUnits caps a quoted error message, in UTF-16 code units as
	// JavaScript counts a string's length (validity.ts QUOTED_MESSAGE_CHARS).
	quotedMessageUnits = 160
)

// chunkFields are the fields of a chat completion chunk the rules look at.
// encoding/json matches keys case-insensitively (an exact match preferred),
// where validity.ts reads exact keys: a chunk with only "Choices" would pass
// here and fail there. No OpenAI-compatible server sends such keys.
type chunkFields struct {
	Error   json.RawMessage `json:"error"`
	Choices json.RawMessage `json:"choices"`
}

// inspectChunk applies validity.ts's rules for one `data:` payload other
// than [DONE]: JSON, an object, no non-null "error", a "choices" array. It
// returns the reason the payload breaks them ("" when it does not) and
// whether it carries content: a choice whose delta has a non-empty string
// "content", as the first token a chat user sees (AIPerf's time to first
// token also waits for the first non-empty one).
func inspectChunk(payload []byte) (reason string, content bool) {
	var fields chunkFields
	if err := json.Unmarshal(payload, &fields); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return reasonNotJSON, false
		}
		return reasonNotObject, false // valid JSON of another type than an object
	}
	if payload[0] != '{' {
		return reasonNotObject, false // null unmarshals into a struct without error
	}
	if present(fields.Error) {
		return reasonErrorEvent + errorText(fields.Error), false
	}
	if len(fields.Choices) == 0 || fields.Choices[0] != '[' {
		return reasonNoChoices, false
	}
	return "", choicesCarryContent(fields.Choices)
}

// choicesCarryContent reports whether any choice's delta has a non-empty
// string content. Choices of another shape carry none (they are not invalid:
// validity.ts only asks for an array).
func choicesCarryContent(choices json.RawMessage) bool {
	var parsed []struct {
		Delta struct {
			Content json.RawMessage `json:"content"`
		} `json:"delta"`
	}
	// A type error still fills the elements that fit; they are looked at.
	_ = json.Unmarshal(choices, &parsed)
	for _, choice := range parsed {
		if c := choice.Delta.Content; len(c) > 2 && c[0] == '"' {
			return true
		}
	}
	return false
}

// jsonAnswerReason is validity.ts's reason for a streaming request answered
// with a JSON body (one starting with '{' or '['): it names the error when
// the body is an object with a non-null "error". A body cut at
// maxJSONBodyBytes cannot be parsed and gets the plain reason.
func jsonAnswerReason(body []byte) string {
	var fields chunkFields
	if json.Unmarshal(body, &fields) == nil && body[0] == '{' && present(fields.Error) {
		return fmt.Sprintf(reasonJSONErrorFmt, errorText(fields.Error))
	}
	return reasonJSONAnswer
}

func present(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
}

// errorText is validity.ts's errorText: an error object's string "message",
// else the error itself when it is a string, else its JSON; cut after 160
// UTF-16 code units with "…". The JSON is compacted, not re-serialised as
// JSON.stringify would, so escapes and number spellings stay as sent.
func errorText(raw json.RawMessage) string {
	var text string
	var object struct {
		Message json.RawMessage `json:"message"`
	}
	switch {
	case raw[0] == '{' && json.Unmarshal(raw, &object) == nil && len(object.Message) > 0 &&
		object.Message[0] == '"' && json.Unmarshal(object.Message, &text) == nil:
	case raw[0] == '"' && json.Unmarshal(raw, &text) == nil:
	default:
		var compact bytes.Buffer
		if json.Compact(&compact, raw) == nil {
			text = compact.String()
		} else {
			text = string(raw)
		}
	}
	return truncateUTF16(text, quotedMessageUnits)
}

// truncateUTF16 cuts text after limit UTF-16 code units, adding "…", as
// `text.slice(0, limit) + '…'` does in JavaScript, where a character outside
// the Basic Multilingual Plane counts 2 (one that straddles the limit is
// dropped here, halved there).
func truncateUTF16(text string, limit int) string {
	units := 0
	for index, r := range text {
		width := 1
		if r >= 0x10000 {
			width = 2
		}
		if units+width > limit {
			return text[:index] + "…"
		}
		units += width
	}
	return text
}
