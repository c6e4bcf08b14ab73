package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func newTestServer(t *testing.T, opts options) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(newHandler(opts))
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, url, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestChatCompletionShape(t *testing.T) {
	srv := newTestServer(t, options{})
	for _, path := range []string{"/v1/chat/completions", "/chat/completions"} {
		t.Run(path, func(t *testing.T) {
			resp := post(t, srv.URL+path, `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}`)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			raw, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(raw); n < 200 || n > 500 {
				t.Errorf("body is %d bytes, want about 300", n)
			}
			var got completion
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatalf("decode %s: %v", raw, err)
			}
			if got.ID == "" || got.Object != "chat.completion" || got.Created == 0 {
				t.Errorf("id/object/created = %q/%q/%d", got.ID, got.Object, got.Created)
			}
			if got.Model != "gpt-4o-mini" {
				t.Errorf("model = %q, want the request's gpt-4o-mini", got.Model)
			}
			if len(got.Choices) != 1 {
				t.Fatalf("got %d choices, want 1", len(got.Choices))
			}
			c := got.Choices[0]
			if c.Message == nil || c.Message.Role != "assistant" || c.Message.Content == "" {
				t.Errorf("message = %+v, want a non-empty assistant message", c.Message)
			}
			if c.FinishReason == nil || *c.FinishReason != "stop" {
				t.Errorf("finish_reason = %v, want stop", c.FinishReason)
			}
			if got.Usage == nil || got.Usage.TotalTokens != got.Usage.PromptTokens+got.Usage.CompletionTokens {
				t.Errorf("usage = %+v, want consistent token counts", got.Usage)
			}
		})
	}
}

func TestCompletionIDsAreUnique(t *testing.T) {
	srv := newTestServer(t, options{})
	ids := map[string]bool{}
	for range 3 {
		var got completion
		if err := json.NewDecoder(post(t, srv.URL+"/v1/chat/completions", `{"model":"m"}`).Body).Decode(&got); err != nil {
			t.Fatal(err)
		}
		if ids[got.ID] {
			t.Fatalf("id %q repeated", got.ID)
		}
		ids[got.ID] = true
	}
}

func TestStreamingEndsWithDone(t *testing.T) {
	srv := newTestServer(t, options{})
	resp := post(t, srv.URL+"/v1/chat/completions", `{"model":"gpt-4o","stream":true}`)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type = %q, want text/event-stream", ct)
	}

	var events []string
	scanner := bufio.NewScanner(resp.Body)
	for scanner.Scan() {
		line := scanner.Text()
		if line == "" {
			continue
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			t.Fatalf("line %q is not an SSE data line", line)
		}
		events = append(events, data)
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}

	// defaultStreamChunks content events, a finish event, [DONE].
	if len(events) != defaultStreamChunks+2 || events[len(events)-1] != "[DONE]" {
		t.Fatalf("events = %q, want %d chunks then [DONE]", events, defaultStreamChunks+1)
	}
	var content strings.Builder
	for i, data := range events[:len(events)-1] {
		var chunk completion
		if err := json.Unmarshal([]byte(data), &chunk); err != nil {
			t.Fatalf("chunk %s: %v", data, err)
		}
		if chunk.Object != "chat.completion.chunk" || chunk.Model != "gpt-4o" {
			t.Errorf("chunk object/model = %q/%q", chunk.Object, chunk.Model)
		}
		delta, finish := chunk.Choices[0].Delta, chunk.Choices[0].FinishReason
		isLast := i == len(events)-2
		if wantRole := map[bool]string{true: "assistant", false: ""}[i == 0]; delta.Role != wantRole {
			t.Errorf("chunk %d role = %q, want %q", i, delta.Role, wantRole)
		}
		if (delta.Content == "") != isLast || (finish != nil) != isLast {
			t.Errorf("chunk %d = %s: want content in every chunk but the last, and a finish reason only in the last", i, data)
		}
		content.WriteString(delta.Content)
	}
	if content.String() != mockContent {
		t.Errorf("streamed content = %q, want %q", content.String(), mockContent)
	}
}

func TestDefaultStreamChunksIsOneEventPerWord(t *testing.T) {
	if words := len(strings.Fields(mockContent)); defaultStreamChunks != words {
		t.Errorf("defaultStreamChunks = %d, want the reply's %d words", defaultStreamChunks, words)
	}
}

func TestStreamPiecesRepeatTheReplysWords(t *testing.T) {
	for n, want := range map[int]string{
		1:  "This",
		3:  "This is a",
		11: mockContent + " This is",
	} {
		pieces := streamPieces(n)
		if len(pieces) != n || strings.Join(pieces, "") != want {
			t.Errorf("streamPieces(%d) = %q, want %d pieces making %q", n, pieces, n, want)
		}
	}
}

// sseArrival is when one "data:" line of a stream arrived, after the request was sent.
type sseArrival struct {
	data  string
	after time.Duration
}

// streamArrivals sends a streaming request over real HTTP and times each
// event's arrival from just before the request is sent.
func streamArrivals(t *testing.T, url string) []sseArrival {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/v1/chat/completions", strings.NewReader(`{"model":"m","stream":true}`))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var arrivals []sseArrival
	reader := bufio.NewReader(resp.Body)
	for {
		line, err := reader.ReadString('\n')
		if data, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			arrivals = append(arrivals, sseArrival{data: data, after: time.Since(start)})
		}
		if err == io.EOF {
			return arrivals
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func median(values []time.Duration) time.Duration {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

// A paced stream, measured from outside over real HTTP: the first content
// event after the latency, then one every interval, each flushed on its own.
// Medians keep a busy 2-core machine's scheduling hiccups out of the verdict.
func TestStreamIsPacedAtLatencyAndInterval(t *testing.T) {
	const (
		latency  = 30 * time.Millisecond
		interval = 15 * time.Millisecond
		chunks   = 12
		streams  = 7
		slack    = time.Millisecond
	)
	srv := newTestServer(t, options{latencyMs: 30, streamChunks: chunks, streamInterval: interval})
	var firstLateness, lastLateness, gapErrors, tailGaps []time.Duration
	for range streams {
		arrivals := streamArrivals(t, srv.URL)
		if len(arrivals) != chunks+2 || arrivals[len(arrivals)-1].data != "[DONE]" {
			t.Fatalf("got %d events, want %d content events, a finish event and [DONE]", len(arrivals), chunks)
		}
		content := arrivals[:chunks]
		firstLateness = append(firstLateness, content[0].after-latency)
		lastLateness = append(lastLateness, content[chunks-1].after-latency-(chunks-1)*interval)
		for i := 1; i < chunks; i++ {
			gapErrors = append(gapErrors, content[i].after-content[i-1].after-interval)
		}
		tailGaps = append(tailGaps, arrivals[len(arrivals)-1].after-content[chunks-1].after)
	}
	t.Logf("first events %v; medians: first event %v late, gaps %v off, last event %v late, [DONE] %v after the last", firstLateness, median(firstLateness), median(gapErrors), median(lastLateness), median(tailGaps))
	if m := median(firstLateness); m < 0 || m > slack {
		t.Errorf("first content event: median %v after the %v latency, want within [0, %v] (all: %v)", m, latency, slack, firstLateness)
	}
	if m := median(gapErrors); m < -slack || m > slack {
		t.Errorf("gaps between content events: median %v off the %v interval, want within ±%v", m, interval, slack)
	}
	// Deadlines are counted from the first event: lateness does not add up.
	if m := median(lastLateness); m < 0 || m > slack {
		t.Errorf("last content event: median %v after latency + %d intervals, want within [0, %v] (all: %v)", m, chunks-1, slack, lastLateness)
	}
	if m := median(tailGaps); m > slack {
		t.Errorf("finish event and [DONE]: median %v after the last content event, want at once (≤ %v)", m, slack)
	}
}

func TestLatencyIsApplied(t *testing.T) {
	const latencyMs = 50
	srv := newTestServer(t, options{latencyMs: latencyMs})
	start := time.Now()
	post(t, srv.URL+"/v1/chat/completions", `{"model":"m"}`)
	if elapsed := time.Since(start); elapsed < latencyMs*time.Millisecond {
		t.Errorf("answered after %v, want at least %dms", elapsed, latencyMs)
	}
}

func TestDelayStaysWithinJitter(t *testing.T) {
	m := &mocker{options: options{latencyMs: 10, jitterMs: 30}}
	for range 1000 {
		d := m.delay()
		if d < 0 || d > 40*time.Millisecond {
			t.Fatalf("delay %v outside [0, 40ms]", d)
		}
	}
}

func TestHealthHasNoLatency(t *testing.T) {
	srv := newTestServer(t, options{latencyMs: 5000})
	start := time.Now()
	resp, err := http.Get(srv.URL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("health took %v, want no latency", elapsed)
	}
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Errorf("health = %d %s", resp.StatusCode, body)
	}
}

func TestBadJSONIs400(t *testing.T) {
	srv := newTestServer(t, options{latencyMs: 5000}) // bad requests skip the latency
	resp := post(t, srv.URL+"/v1/chat/completions", `{"model":`)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status = %d, want 400", resp.StatusCode)
	}
	var body struct {
		Error struct {
			Message string `json:"message"`
			Type    string `json:"type"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.Error.Message == "" || body.Error.Type != "invalid_request_error" {
		t.Errorf("error = %+v, want an OpenAI-style error", body.Error)
	}
}

func TestOtherMethodsAre405(t *testing.T) {
	srv := newTestServer(t, options{})
	resp, err := http.Get(srv.URL + "/v1/chat/completions")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET status = %d, want 405", resp.StatusCode)
	}
}

func TestModelsList(t *testing.T) {
	srv := newTestServer(t, options{})
	resp, err := http.Get(srv.URL + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Object string `json:"object"`
		Data   []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.Object != "list" || len(body.Data) == 0 || body.Data[0].ID == "" {
		t.Errorf("models = %+v", body)
	}
}

func TestDisconnectCancelsSleep(t *testing.T) {
	m := &mocker{options: options{latencyMs: 10_000}}
	req := httptest.NewRequest(http.MethodPost, "/v1/chat/completions", strings.NewReader(`{"model":"m"}`))
	ctx, cancel := context.WithCancel(req.Context())
	cancel() // as net/http does when the client disconnects
	rec := httptest.NewRecorder()

	start := time.Now()
	m.handleChatCompletions(rec, req.WithContext(ctx))
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("handler slept %v after the client left", elapsed)
	}
	if rec.Body.Len() != 0 {
		t.Errorf("wrote %q to a departed client", rec.Body.String())
	}
}

// A Go timer alone fires up to ~1 ms late (median ~0.5 ms) when the runtime
// idles in epoll_wait; the mocker's latency must not carry that spread.
func TestSleepIsPrecise(t *testing.T) {
	const (
		delay    = 5 * time.Millisecond
		sleepers = 200
	)
	lateness := make([]time.Duration, sleepers)
	var wg sync.WaitGroup
	for i := range sleepers {
		time.Sleep(2 * time.Millisecond) // staggered, as under a paced load
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			if !sleepUntil(context.Background(), start.Add(delay)) {
				t.Error("sleep reported a cancellation")
			}
			lateness[i] = time.Since(start) - delay
		}()
	}
	wg.Wait()
	slices.Sort(lateness)
	if lateness[0] < 0 {
		t.Errorf("woke %v early", -lateness[0])
	}
	if median := lateness[sleepers/2]; median > 300*time.Microsecond {
		t.Errorf("median lateness %v, want ≤ 300µs (p90 %v)", median, lateness[sleepers*9/10])
	}
}

func TestRequestLogging(t *testing.T) {
	var out strings.Builder
	srv := newTestServer(t, options{requestLog: log.New(&out, "", 0)})
	post(t, srv.URL+"/v1/chat/completions", `{"model":"m","stream":true}`)
	srv.Close() // waits for the handler, and so for its log line
	if got := out.String(); !strings.HasPrefix(got, "POST /v1/chat/completions 200 ") {
		t.Errorf("log = %q, want one line for the request", got)
	}
}

func TestFailurePercentFailsThatShareAtOnce(t *testing.T) {
	srv := newTestServer(t, options{failurePercent: 5, latencyMs: 300})
	const requests = 200
	type outcome struct {
		status  int
		elapsed time.Duration
		message string
	}
	outcomes := make(chan outcome, requests)
	for i := 0; i < requests; i++ {
		go func() {
			start := time.Now()
			resp, err := http.Post(srv.URL+"/v1/chat/completions", "application/json", strings.NewReader(`{"model":"gpt-4o-mini","messages":[]}`))
			if err != nil {
				outcomes <- outcome{status: -1, message: err.Error()}
				return
			}
			defer resp.Body.Close()
			var body struct {
				Error struct{ Message string } `json:"error"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&body)
			outcomes <- outcome{status: resp.StatusCode, elapsed: time.Since(start), message: body.Error.Message}
		}()
	}
	failed := 0
	for i := 0; i < requests; i++ {
		o := <-outcomes
		switch o.status {
		case http.StatusOK:
		case http.StatusInternalServerError:
			failed++
			if o.elapsed > 200*time.Millisecond {
				t.Errorf("a failure took %s; it should come at once, before the 300ms latency", o.elapsed)
			}
			if o.message == "" {
				t.Errorf("a failure has no error message")
			}
		default:
			t.Fatalf("status %d (%s), want 200 or 500", o.status, o.message)
		}
	}
	if failed < 9 || failed > 11 {
		t.Fatalf("%d of %d requests failed, want 10 (5%%, evenly spread)", failed, requests)
	}
}

// Failures must not line up with a client alternating between two targets.
func TestFailuresSpreadOverAlternateRequests(t *testing.T) {
	m := &mocker{options: options{failurePercent: 5}}
	var odd, even int
	for n := 1; n <= 2000; n++ {
		if m.shouldFail() {
			if n%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	if odd < 40 || even < 40 || odd+even < 95 || odd+even > 105 {
		t.Fatalf("failures on odd requests %d, even %d; want about 50 each", odd, even)
	}
}
