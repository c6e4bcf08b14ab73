package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// maxRequestBodyBytes caps what a single request may upload; chat requests
// in load tests are tiny, so anything larger is a client bug.
const maxRequestBodyBytes = 1 << 20

// mockContent is the assistant reply; short enough that a completion stays
// around 300 bytes, like the upstream mocker's.
const mockContent = "This is a mocked response from the bifrost-load-test mocker."

// options configures the mock provider.
type options struct {
	latencyMs int
	jitterMs  int
	// streamChunks is how many content events a streamed completion has
	// (at least 1); streamInterval separates consecutive ones, the first
	// being sent once the latency has elapsed.
	streamChunks   int
	streamInterval time.Duration
	// idleTimeout closes keep-alive connections idle for longer.
	idleTimeout time.Duration
	// failurePercent of chat requests are answered at once with HTTP 500.
	failurePercent int
	// requestLog receives one line per request; nil disables it so that
	// the hot path does no logging under load.
	requestLog *log.Logger
}

type mocker struct {
	options
	completionCount atomic.Uint64 // makes completion ids unique
	requestCount    atomic.Uint64 // spreads failures evenly
}

// newHandler returns the routes of the mock provider. Method-qualified
// patterns make net/http answer 405 to other methods on these paths.
func newHandler(opts options) http.Handler {
	m := &mocker{options: opts}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", m.handleChatCompletions)
	mux.HandleFunc("POST /chat/completions", m.handleChatCompletions)
	mux.HandleFunc("GET /v1/models", handleModels)
	mux.HandleFunc("GET /health", handleHealth)
	if opts.requestLog == nil {
		return mux
	}
	return logRequests(opts.requestLog, mux)
}

type chatRequest struct {
	Model  string `json:"model"`
	Stream bool   `json:"stream"`
}

func (m *mocker) handleChatCompletions(w http.ResponseWriter, r *http.Request) {
	var req chatRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequestBodyBytes)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return
	}
	if m.shouldFail() {
		writeError(w, http.StatusInternalServerError, "The server had an error while processing your request. Sorry about that!")
		return
	}
	firstEventAt := time.Now().Add(m.delay())
	if !sleepUntil(r.Context(), firstEventAt) {
		return // the client gave up; nobody is left to answer
	}
	id := fmt.Sprintf("chatcmpl-mock-%d", m.completionCount.Add(1))
	created := time.Now().Unix()
	if req.Stream {
		m.streamCompletion(r.Context(), w, firstEventAt, completion{ID: id, Object: "chat.completion.chunk", Created: created, Model: req.Model})
		return
	}
	writeJSON(w, http.StatusOK, completion{
		ID:      id,
		Object:  "chat.completion",
		Created: created,
		Model:   req.Model,
		Choices: []choice{{
			Index:        0,
			Message:      &message{Role: "assistant", Content: mockContent},
			FinishReason: ptr("stop"),
		}},
		Usage: &usage{PromptTokens: 12, CompletionTokens: 13, TotalTokens: 25},
	})
}

// shouldFail fails failurePercent of requests, spread evenly by a Weyl
// sequence (request n fails when frac(n·φ) < p/100): deterministic, close to
// exactly p in any run of requests, and, unlike every k-th request, with no
// period that could line up with clients alternating between targets.
func (m *mocker) shouldFail() bool {
	if m.failurePercent <= 0 {
		return false
	}
	const goldenRatioConjugate = 0.6180339887498949
	n := float64(m.requestCount.Add(1))
	_, fraction := math.Modf(n * goldenRatioConjugate)
	return fraction < float64(m.failurePercent)/100
}

// delay is the latency plus a uniform random jitter in [-jitter, +jitter],
// never negative.
func (m *mocker) delay() time.Duration {
	delayMs := m.latencyMs
	if m.jitterMs > 0 {
		delayMs += rand.IntN(2*m.jitterMs+1) - m.jitterMs
	}
	return time.Duration(max(delayMs, 0)) * time.Millisecond
}

// preciseFor is the last stretch of a delay slept on the goroutine's own OS
// thread (sleepThread) rather than on a Go timer. Go's timers fire up to
// ~1 ms late when the runtime is idle in epoll_wait, whose timeout has
// millisecond resolution; that lateness would be a uniform ~1 ms spread in
// every measured latency, widening the percentiles' sampling error for both
// targets. The timer's own lateness is absorbed by this stretch.
const preciseFor = 2 * time.Millisecond

// sleepUntil waits until deadline unless ctx ends first, so that a
// disconnected client frees its goroutine at once (up to preciseFor later).
// It reports whether the deadline was reached.
func sleepUntil(ctx context.Context, deadline time.Time) bool {
	d := time.Until(deadline)
	if d <= 0 {
		return true
	}
	if d > preciseFor {
		timer := time.NewTimer(d - preciseFor)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-ctx.Done():
			return false
		}
	}
	if remaining := time.Until(deadline); remaining > 0 {
		sleepThread(remaining)
	}
	return ctx.Err() == nil
}

// defaultStreamChunks is one content event per word of mockContent, as the
// mocker streamed before its streams were paced.
const defaultStreamChunks = 9

// streamCompletion answers as OpenAI does with "stream": true, paced like a
// model: streamChunks content events (defaultStreamChunks when 0), the first
// at firstEventAt (once the latency has elapsed) and each next one
// streamInterval after the one before, then at once a finish event and the
// [DONE] sentinel; template holds the fields every event shares. Deadlines
// are counted from firstEventAt, so a late wake-up shortens the next gap
// instead of delaying every later event. Each event is flushed on its own.
// The first content event also carries the assistant role, as the mocker of
// bifrost-benchmarking sends it, so that the first event has content.
func (m *mocker) streamCompletion(ctx context.Context, w http.ResponseWriter, firstEventAt time.Time, template completion) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)

	rc := http.NewResponseController(w)
	send := func(payload []byte) bool {
		if _, err := fmt.Fprintf(w, "data: %s\n\n", payload); err != nil {
			return false // the client went away
		}
		// Flush each event so that clients can measure when each arrives.
		return rc.Flush() == nil
	}
	sendChunk := func(delta message, finishReason *string) bool {
		chunk := template
		chunk.Choices = []choice{{Index: 0, Delta: &delta, FinishReason: finishReason}}
		data, _ := json.Marshal(chunk) // plain structs always marshal
		return send(data)
	}

	chunks := m.streamChunks
	if chunks <= 0 {
		chunks = defaultStreamChunks
	}
	pieces := streamPieces(chunks)
	for i, piece := range pieces {
		delta := message{Content: piece}
		if i == 0 {
			delta.Role = "assistant"
		} else if !sleepUntil(ctx, firstEventAt.Add(time.Duration(i)*m.streamInterval)) {
			return
		}
		if !sendChunk(delta, nil) {
			return
		}
	}
	if sendChunk(message{}, ptr("stop")) {
		send([]byte("[DONE]"))
	}
}

// streamPieces splits the reply into n content pieces, one word each (words
// with their trailing space), repeating the reply's words when n exceeds
// them; at the reply's own word count they concatenate to mockContent.
func streamPieces(n int) []string {
	words := strings.Fields(mockContent)
	pieces := make([]string, n)
	for i := range pieces {
		pieces[i] = words[i%len(words)]
		if i < n-1 {
			pieces[i] += " "
		}
	}
	return pieces
}

func handleModels(w http.ResponseWriter, _ *http.Request) {
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	const created = 1700000000 // fixed, so the list is the same on every call
	writeJSON(w, http.StatusOK, struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{
		Object: "list",
		Data: []model{
			{ID: "gpt-4o-mini", Object: "model", Created: created, OwnedBy: "mocker"},
			{ID: "gpt-4o", Object: "model", Created: created, OwnedBy: "mocker"},
		},
	})
}

// handleHealth answers at once: readiness probes must not pay the latency.
func handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// writeError answers with an OpenAI-style error body.
func writeError(w http.ResponseWriter, status int, msg string) {
	type apiError struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	}
	writeJSON(w, status, struct {
		Error apiError `json:"error"`
	}{apiError{Message: msg, Type: "invalid_request_error"}})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// An encoding error can only mean the client is gone; nothing to do.
	_ = json.NewEncoder(w).Encode(body)
}

// logRequests logs method, path, status and duration of every request.
func logRequests(logger *log.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.Printf("%s %s %d %dms", r.Method, r.URL.Path, rec.status, time.Since(start).Milliseconds())
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the real writer to flush.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func ptr[T any](v T) *T { return &v }
