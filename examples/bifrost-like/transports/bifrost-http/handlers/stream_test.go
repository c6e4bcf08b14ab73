package handlers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/transports/bifrost-http/lib"
)

// streamingUpstream answers every request with events, sending event i
// (after the first) gap after the one before, each flushed, then [DONE]
// unless cut; it records whether the request asked to stream.
func streamingUpstream(t *testing.T, events []string, gap time.Duration, cut bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Stream bool `json:"stream"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || !body.Stream {
			t.Errorf("upstream got a request that does not stream (%v)", err)
		}
		w.Header().Set("Content-Type", "text/event-stream")
		rc := http.NewResponseController(w)
		for i, event := range events {
			if i > 0 {
				time.Sleep(gap)
			}
			fmt.Fprintf(w, "data: %s\n\n", event)
			_ = rc.Flush()
		}
		if !cut {
			fmt.Fprint(w, "data: [DONE]\n\n")
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// chunkEvent is an OpenAI chunk whose delta is delta's JSON.
func chunkEvent(delta, finishReason string) string {
	return `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":` + delta + `,"finish_reason":` + finishReason + `}]}`
}

// contentEvents are n content chunks ("w0 ", "w1 ", …; the role in the
// first) and a finish chunk, as the mock provider streams.
func contentEvents(n int) []string {
	events := make([]string, 0, n+1)
	for i := range n {
		role := ""
		if i == 0 {
			role = `"role":"assistant",`
		}
		events = append(events, chunkEvent(fmt.Sprintf(`{%s"content":"w%d "}`, role, i), "null"))
	}
	return append(events, chunkEvent(`{}`, `"stop"`))
}

// arrival is one data line of a stream and when it arrived after the
// request was sent.
type arrival struct {
	data  string
	after time.Duration
}

// streamThrough sends a streaming chat request to the gateway over real HTTP
// and times each event's arrival.
func streamThrough(t *testing.T, gatewayURL string) (*http.Response, []arrival) {
	t.Helper()
	start := time.Now()
	resp, err := http.Post(gatewayURL+"/v1/chat/completions", "application/json", strings.NewReader(`{"model":"openai/m","stream":true}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var arrivals []arrival
	reader := bufio.NewReader(resp.Body)
	for {
		line, err := reader.ReadString('\n')
		if data, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			arrivals = append(arrivals, arrival{data: data, after: time.Since(start)})
		}
		if err == io.EOF {
			return resp, arrivals
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// relayedChunk is what the tests read of a chunk the gateway sent.
type relayedChunk struct {
	Choices []struct {
		Delta struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	ExtraFields struct {
		ChunkIndex int   `json:"chunk_index"`
		LatencyMs  int64 `json:"latency"`
	} `json:"extra_fields"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

func decodeChunk(t *testing.T, data string) relayedChunk {
	t.Helper()
	var chunk relayedChunk
	if err := json.Unmarshal([]byte(data), &chunk); err != nil {
		t.Fatalf("event %s: %v", data, err)
	}
	return chunk
}

func gaps(arrivals []arrival) []time.Duration {
	out := make([]time.Duration, 0, len(arrivals))
	for i := 1; i < len(arrivals); i++ {
		out = append(out, arrivals[i].after-arrivals[i-1].after)
	}
	return out
}

func median(values []time.Duration) time.Duration {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

// As bifrost: each chunk decoded, relayed with extra_fields as it arrives,
// the provider's finish chunk replaced by a final chunk of core's own.
func TestStreamRelaysEachChunkAsItArrives(t *testing.T) {
	const chunks, gap = 4, 40 * time.Millisecond
	upstream := streamingUpstream(t, contentEvents(chunks), gap, false)
	gw := startGateway(t, upstream.URL, lib.Hooks{}, noExit(t))
	resp, arrivals := streamThrough(t, gw.URL)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("response = %d %q, want 200 text/event-stream", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if len(arrivals) != chunks+2 || arrivals[len(arrivals)-1].data != "[DONE]" {
		t.Fatalf("events = %v, want %d chunks, a final chunk and [DONE]", arrivals, chunks)
	}
	var content strings.Builder
	for i, a := range arrivals[:chunks] {
		chunk := decodeChunk(t, a.data)
		if chunk.ExtraFields.ChunkIndex != i || chunk.Choices[0].FinishReason != nil {
			t.Errorf("chunk %d = %s, want chunk_index %d and no finish reason", i, a.data, i)
		}
		if (chunk.Choices[0].Delta.Role == "assistant") != (i == 0) {
			t.Errorf("chunk %d = %s: want the role in the first chunk only", i, a.data)
		}
		if i > 0 && (chunk.ExtraFields.LatencyMs < 30 || chunk.ExtraFields.LatencyMs > 200) {
			t.Errorf("chunk %d latency = %d ms, want about the %v between chunks", i, chunk.ExtraFields.LatencyMs, gap)
		}
		content.WriteString(chunk.Choices[0].Delta.Content)
	}
	if content.String() != "w0 w1 w2 w3 " {
		t.Errorf("content = %q", content.String())
	}
	final := decodeChunk(t, arrivals[chunks].data)
	if final.ExtraFields.ChunkIndex != chunks || final.Choices[0].FinishReason == nil || *final.Choices[0].FinishReason != "stop" {
		t.Errorf("final chunk = %s, want chunk_index %d and finish_reason stop", arrivals[chunks].data, chunks)
	}
	// Each chunk is on the client's side about when the provider sent it.
	if m := median(gaps(arrivals[:chunks])); m < gap-10*time.Millisecond || m > gap+30*time.Millisecond {
		t.Errorf("median gap between chunks = %v, want about the provider's %v", m, gap)
	}
}

func TestBufferStreamSendsTheWholeStreamAtItsEnd(t *testing.T) {
	const chunks, gap = 4, 40 * time.Millisecond
	upstream := streamingUpstream(t, contentEvents(chunks), gap, false)
	gw := startGateway(t, upstream.URL, lib.Hooks{BufferStream: true}, noExit(t))
	_, arrivals := streamThrough(t, gw.URL)
	if len(arrivals) != chunks+2 || arrivals[len(arrivals)-1].data != "[DONE]" {
		t.Fatalf("events = %v, want %d chunks, a final chunk and [DONE]", arrivals, chunks)
	}
	providerDuration := (chunks) * gap // the finish chunk follows the last content chunk after a gap
	first, last := arrivals[0].after, arrivals[len(arrivals)-1].after
	if first < providerDuration || last-first > 5*time.Millisecond {
		t.Errorf("first event after %v, last after %v: want all at once, after the provider's %v", first, last, providerDuration)
	}
}

// Work per chunk is done before the chunk is handed on: chunks that arrive
// together leave the gateway that far apart.
func TestAddedChunkCPUIsSpentOnEachChunk(t *testing.T) {
	const chunks = 20
	upstream := streamingUpstream(t, contentEvents(chunks), 0, false)
	for _, tc := range []struct {
		chunkUs        string
		minGap, maxGap time.Duration
	}{
		{"", 0, time.Millisecond},
		{"2000", 2 * time.Millisecond, 4 * time.Millisecond},
	} {
		gw := startGatewayWithEnv(t, upstream.URL, lib.Hooks{}, noExit(t), map[string]string{bifrost.EnvAddedChunkUs: tc.chunkUs})
		_, arrivals := streamThrough(t, gw.URL)
		if len(arrivals) != chunks+2 {
			t.Fatalf("got %d events, want %d", len(arrivals), chunks+2)
		}
		if m := median(gaps(arrivals[:chunks])); m < tc.minGap || m > tc.maxGap {
			t.Errorf("%s=%q: median gap between chunks sent together = %v, want %v … %v", bifrost.EnvAddedChunkUs, tc.chunkUs, m, tc.minGap, tc.maxGap)
		}
	}
}

// As bifrost: a stream that ends without [DONE] or a finish reason, or that
// is not an event stream at all, ends with an error event, then [DONE].
func TestBrokenStreamsEndWithAnErrorEvent(t *testing.T) {
	cut := streamingUpstream(t, contentEvents(2)[:1], 0, true)
	notSSE, _ := fakeUpstream(t, http.StatusOK, "application/json", `{"object":"chat.completion"}`)
	for name, tc := range map[string]struct {
		upstreamURL string
		wantChunks  int
		wantMessage string
	}{
		"cut before [DONE]": {cut.URL, 1, "ended before data: [DONE]"},
		"JSON":              {notSSE.URL, 0, "non-SSE response"},
	} {
		t.Run(name, func(t *testing.T) {
			gw := startGateway(t, tc.upstreamURL, lib.Hooks{}, noExit(t))
			resp, arrivals := streamThrough(t, gw.URL)
			if resp.StatusCode != http.StatusOK || len(arrivals) != tc.wantChunks+2 || arrivals[len(arrivals)-1].data != "[DONE]" {
				t.Fatalf("response %d with events %v, want 200, %d chunks, an error event and [DONE]", resp.StatusCode, arrivals, tc.wantChunks)
			}
			if chunk := decodeChunk(t, arrivals[tc.wantChunks].data); chunk.Error == nil || !strings.Contains(chunk.Error.Message, tc.wantMessage) {
				t.Errorf("event %s, want an error mentioning %q", arrivals[tc.wantChunks].data, tc.wantMessage)
			}
		})
	}
}

func TestStreamingRequestsRelayAnUpstreamErrorStatusAsIs(t *testing.T) {
	upstream, _ := fakeUpstream(t, http.StatusTooManyRequests, "application/json", `{"error":{"message":"slow down"}}`)
	gw := startGateway(t, upstream.URL, lib.Hooks{}, noExit(t))
	if resp, body := postChat(t, gw.URL, `{"model":"openai/m","stream":true}`); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "slow down") {
		t.Errorf("response = %d %s, want the upstream's 429", resp.StatusCode, body)
	}
}
