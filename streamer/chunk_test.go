package main

import (
	"encoding/json"
	"os"
	"testing"
)

// validityCase is one body of testdata/validity-cases.json and the reason
// validity.ts gives for it (null: valid). __tests__/unit/stream-validity-
// cases.test.ts checks validity.ts against the same file.
type validityCase struct {
	Name   string  `json:"name"`
	Body   string  `json:"body"`
	Reason *string `json:"reason"`
}

func loadValidityCases(t *testing.T) []validityCase {
	t.Helper()
	data, err := os.ReadFile("testdata/validity-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []validityCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// The parser gives validity.ts's reason for every case, whether the body
// comes in one read, a byte a read, or split at every position.
func TestValidityCasesAgreeWithValidityTS(t *testing.T) {
	for _, c := range loadValidityCases(t) {
		want := ""
		if c.Reason != nil {
			want = *c.Reason
		}
		whole := &streamParser{}
		whole.feed([]byte(c.Body), t0)
		if got := whole.finish(); got != want {
			t.Errorf("%s: got %q, want %q", c.Name, got, want)
			continue
		}
		bytewise := &streamParser{}
		for i := 0; i < len(c.Body); i++ {
			bytewise.feed([]byte{c.Body[i]}, t0)
		}
		if got := bytewise.finish(); got != want {
			t.Errorf("%s, a byte a read: got %q, want %q", c.Name, got, want)
		}
		for cut := 1; cut < len(c.Body); cut++ {
			split := &streamParser{}
			split.feed([]byte(c.Body[:cut]), t0)
			split.feed([]byte(c.Body[cut:]), t0)
			if got := split.finish(); got != want {
				t.Errorf("%s, cut at %d: got %q, want %q", c.Name, cut, got, want)
				break
			}
		}
	}
}

func TestContentIsANonEmptyStringDelta(t *testing.T) {
	for payload, want := range map[string]bool{
		chunkJSON("Hi"):                                           true,
		chunkJSON(""):                                             false, // the role chunk
		`{"choices":[{"delta":{"content":""}}]}`:                  false,
		`{"choices":[{"delta":{"content":null}}]}`:                false,
		`{"choices":[{"delta":{"content":7}}]}`:                   false,
		`{"choices":[]}`:                                          false,
		`{"choices":[1,{"delta":{"content":"x"}}]}`:               true,
		`{"choices":[{"delta":{}},{"delta":{"content":"x"}}]}`:    true,
		`{"choices":[{"delta":{"content":"x"}}],"usage":{"a":1}}`: true,
	} {
		reason, content := inspectChunk([]byte(payload))
		if reason != "" || content != want {
			t.Errorf("%s: reason %q, content %v; want content %v", payload, reason, content, want)
		}
	}
}
