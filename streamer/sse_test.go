package main

import (
	"strings"
	"testing"
	"time"
)

// chunkJSON is a chat completion chunk as OpenAI streams it; content "" is
// the role chunk that opens a stream.
func chunkJSON(content string) string {
	delta := `{"role":"assistant"}`
	if content != "" {
		delta = `{"content":"` + content + `"}`
	}
	return `{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":` + delta + `,"finish_reason":null}]}`
}

var t0 = time.Unix(1_700_000_000, 0)

// at is t0 plus ms milliseconds.
func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

// read is one read of the body: its bytes and when they arrived.
type read struct {
	data string
	ms   int
}

func parse(reads ...read) (*streamParser, string) {
	p := &streamParser{}
	for _, r := range reads {
		p.feed([]byte(r.data), at(r.ms))
	}
	return p, p.finish()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func TestEventTimesAndGaps(t *testing.T) {
	p, invalid := parse(
		read{"data: " + chunkJSON("") + "\n\n", 10}, // role chunk: no content
		read{"data: " + chunkJSON("Hello") + "\n\n", 30},
		read{"data: " + chunkJSON(" there") + "\n\n", 50},
		read{"data: " + chunkJSON("!") + "\n\ndata: [DONE]\n\n", 75},
	)
	if invalid != "" {
		t.Fatalf("invalid: %s", invalid)
	}
	if !p.firstContent.Equal(at(30)) {
		t.Errorf("first content at %v ms, want 30", ms(p.firstContent.Sub(t0)))
	}
	if !p.done.Equal(at(75)) {
		t.Errorf("[DONE] at %v ms, want 75", ms(p.done.Sub(t0)))
	}
	want := []time.Duration{20 * time.Millisecond, 25 * time.Millisecond}
	if len(p.gaps) != len(want) || p.gaps[0] != want[0] || p.gaps[1] != want[1] {
		t.Errorf("gaps %v, want %v", p.gaps, want)
	}
}

// An event split anywhere across reads is timed when its line ends.
func TestEventSplitAcrossReadsAtEveryByte(t *testing.T) {
	body := "data: " + chunkJSON("Hi") + "\r\n\r\ndata: [DONE]\r\n\r\n"
	for cut := 1; cut < len(body); cut++ {
		p, invalid := parse(read{body[:cut], 5}, read{body[cut:], 9})
		if invalid != "" {
			t.Fatalf("cut at %d: invalid: %s", cut, invalid)
		}
		firstLineEnd := strings.Index(body, "\n") + 1
		wantContent := 9
		if cut >= firstLineEnd {
			wantContent = 5
		}
		if !p.firstContent.Equal(at(wantContent)) {
			t.Errorf("cut at %d: content at %v ms, want %d", cut, ms(p.firstContent.Sub(t0)), wantContent)
		}
		if !p.done.Equal(at(9)) && cut < len(body)-len("\r\n\r\n") {
			t.Errorf("cut at %d: [DONE] at %v ms, want 9", cut, ms(p.done.Sub(t0)))
		}
		if p.bytes != int64(len(body)) {
			t.Errorf("cut at %d: %d bytes, want %d", cut, p.bytes, len(body))
		}
	}
}

func TestOneByteReads(t *testing.T) {
	body := ": keep-alive\n\ndata: " + chunkJSON("a") + "\n\ndata: " + chunkJSON("b") + "\n\ndata: [DONE]\n\n"
	p := &streamParser{}
	for i := 0; i < len(body); i++ {
		p.feed([]byte{body[i]}, at(i))
	}
	if invalid := p.finish(); invalid != "" {
		t.Fatalf("invalid: %s", invalid)
	}
	// Each event is timed at the read that brought its LF.
	secondLF := strings.Index(body, `"a"}`)
	secondLF += strings.Index(body[secondLF:], "\n")
	if !p.firstContent.Equal(at(secondLF)) {
		t.Errorf("content at %v ms, want %d", ms(p.firstContent.Sub(t0)), secondLF)
	}
	if len(p.gaps) != 1 {
		t.Fatalf("gaps %v, want one", p.gaps)
	}
}

// Comments, keep-alives and other fields are no events, and do not move the
// times of the events around them.
func TestCommentsAndKeepAlivesAreSkipped(t *testing.T) {
	p, invalid := parse(
		read{": ping\n\n", 1},
		read{"\n\n:\n", 2},
		read{"event: message\nid: 7\nretry: 100\ndata: " + chunkJSON("x") + "\n\n", 40},
		read{": still here\r\n\r\n", 60},
		read{"data: " + chunkJSON("y") + "\n\n", 70},
		read{"data: [DONE]\n\n", 71},
	)
	if invalid != "" {
		t.Fatalf("invalid: %s", invalid)
	}
	if p.payloads != 3 {
		t.Errorf("%d data events, want 3", p.payloads)
	}
	if !p.firstContent.Equal(at(40)) || len(p.gaps) != 1 || p.gaps[0] != 30*time.Millisecond {
		t.Errorf("content at %v ms, gaps %v; want 40 ms and [30ms]", ms(p.firstContent.Sub(t0)), p.gaps)
	}
}

func TestStreamCutBeforeDone(t *testing.T) {
	p, invalid := parse(read{"data: " + chunkJSON("a") + "\n\ndata: " + chunkJSON("b") + "\n\n", 3})
	if invalid != reasonNoDone {
		t.Errorf("invalid %q, want %q", invalid, reasonNoDone)
	}
	if !p.done.IsZero() {
		t.Error("a stream cut before [DONE] has a [DONE] time")
	}
	if p.firstContent.IsZero() {
		t.Error("the content that did arrive is not timed")
	}
}

// A stream cut in the middle of an event: its partial line is judged as
// validity.ts judges the last line of a body.
func TestStreamCutInsideAnEvent(t *testing.T) {
	_, invalid := parse(read{"data: " + chunkJSON("a") + "\n\ndata: {\"choi", 3})
	if invalid != reasonNotJSON {
		t.Errorf("invalid %q, want %q", invalid, reasonNotJSON)
	}
}

// A last line without LF is still an event, timed by its last byte.
func TestLastLineWithoutNewline(t *testing.T) {
	p, invalid := parse(read{"data: " + chunkJSON("a") + "\n\ndata: [DO", 3}, read{"NE]", 8})
	if invalid != "" {
		t.Fatalf("invalid: %s", invalid)
	}
	if !p.done.Equal(at(8)) {
		t.Errorf("[DONE] at %v ms, want 8", ms(p.done.Sub(t0)))
	}
}

func TestLeadingWhitespaceIsTrimmed(t *testing.T) {
	p, invalid := parse(read{" \r\n\t", 1}, read{"\n data: " + chunkJSON("a") + "\n\ndata: [DONE]\n", 2})
	if invalid != "" || p.firstContent.IsZero() {
		t.Errorf("invalid %q, content %v", invalid, p.firstContent)
	}
}

func TestLineLongerThanTheCap(t *testing.T) {
	long := "data: " + strings.Repeat("x", maxLineBytes)
	p, invalid := parse(read{long[:maxLineBytes/2], 1}, read{long[maxLineBytes/2:], 2},
		read{"\ndata: " + chunkJSON("a") + "\n\ndata: [DONE]\n\n", 3})
	if invalid != reasonLongLine {
		t.Errorf("invalid %q, want %q", invalid, reasonLongLine)
	}
	if !p.firstContent.Equal(at(3)) {
		t.Error("the events after a dropped line are not timed")
	}
}

func TestJSONAnswerIsKeptAcrossReads(t *testing.T) {
	_, invalid := parse(read{"  {\"error\": {\"mess", 1}, read{"age\": \"rate limited\"}}\n", 2})
	want := "the answer to a streaming request is JSON (an error object: rate limited), not a server-sent event stream"
	if invalid != want {
		t.Errorf("invalid %q, want %q", invalid, want)
	}
}

func TestHeadKeepsTheStartOfTheBody(t *testing.T) {
	body := strings.Repeat("y", exampleBodyBytes+100)
	p, _ := parse(read{body[:10], 1}, read{body[10:], 2})
	if string(p.head) != body[:exampleBodyBytes] {
		t.Errorf("head holds %d bytes, want the first %d", len(p.head), exampleBodyBytes)
	}
}

func TestErrorTextIsCutAt160UTF16Units(t *testing.T) {
	long := strings.Repeat("é", 159) + "😀" // 159 + 2 units
	if got := truncateUTF16(long, 160); got != strings.Repeat("é", 159)+"…" {
		t.Errorf("got %q", got)
	}
	exact := strings.Repeat("a", 160)
	if got := truncateUTF16(exact, 160); got != exact {
		t.Errorf("a 160-unit text was cut: %q", got)
	}
}

func BenchmarkParseStream(b *testing.B) {
	var body strings.Builder
	body.WriteString("data: " + chunkJSON("") + "\n\n")
	for range 20 {
		body.WriteString("data: " + chunkJSON("word ") + "\n\n")
	}
	body.WriteString("data: [DONE]\n\n")
	data := []byte(body.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p := &streamParser{}
		for i := 0; i < len(data); i += 300 {
			p.feed(data[i:min(i+300, len(data))], t0)
		}
		p.finish()
	}
}
