package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// upstreamCall is what the fake provider received.
type upstreamCall struct {
	path          string
	authorization string
	body          map[string]any
}

// fakeUpstream answers every request with status, contentType and body and
// records what it received.
func fakeUpstream(t *testing.T, status int, contentType, body string) (*httptest.Server, func() []upstreamCall) {
	t.Helper()
	var mu sync.Mutex
	var calls []upstreamCall
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		call := upstreamCall{path: r.URL.Path, authorization: r.Header.Get("Authorization")}
		if err := json.NewDecoder(r.Body).Decode(&call.body); err != nil {
			t.Errorf("upstream got invalid JSON: %v", err)
		}
		mu.Lock()
		calls = append(calls, call)
		mu.Unlock()
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []upstreamCall {
		mu.Lock()
		defer mu.Unlock()
		return calls
	}
}

// startGateway serves a gateway in front of upstreamURL (a base URL).
func startGateway(t *testing.T, upstreamURL string, hooks testHooks, exit func(int)) *httptest.Server {
	t.Helper()
	cfg := gatewayConfig{
		upstreamURL:    upstreamURL + "/v1/chat/completions",
		authorization:  "Bearer sk-test",
		requestTimeout: 5 * time.Second,
	}
	srv := httptest.NewServer(newGateway(cfg, hooks, newLogger(io.Discard, levelDebug), exit).routes())
	t.Cleanup(srv.Close)
	return srv
}

func noExit(t *testing.T) func(int) {
	return func(code int) { t.Errorf("gateway exited with %d", code) }
}

func postChat(t *testing.T, gatewayURL, body string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(gatewayURL+"/v1/chat/completions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(respBody)
}

func TestProxyRewritesModelAndRelaysResponse(t *testing.T) {
	const upstreamBody = `{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini"}`
	upstream, calls := fakeUpstream(t, http.StatusCreated, "application/json; charset=utf-8", upstreamBody)
	gw := startGateway(t, upstream.URL, testHooks{}, noExit(t))

	resp, body := postChat(t, gw.URL, `{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":0.5}`)

	if resp.StatusCode != http.StatusCreated || body != upstreamBody {
		t.Errorf("response = %d %s, want the upstream's 201 %s", resp.StatusCode, body, upstreamBody)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q, want the upstream's", ct)
	}
	got := calls()
	if len(got) != 1 {
		t.Fatalf("upstream got %d calls, want 1", len(got))
	}
	call := got[0]
	if call.path != "/v1/chat/completions" || call.authorization != "Bearer sk-test" {
		t.Errorf("upstream call path/auth = %q/%q", call.path, call.authorization)
	}
	if call.body["model"] != "gpt-4o-mini" {
		t.Errorf("upstream model = %v, want gpt-4o-mini", call.body["model"])
	}
	if call.body["temperature"] != 0.5 || call.body["messages"] == nil {
		t.Errorf("upstream body = %v, want the other fields kept", call.body)
	}
}

func TestProxyRelaysUpstreamErrors(t *testing.T) {
	upstream, _ := fakeUpstream(t, http.StatusTooManyRequests, "application/json", `{"error":{"message":"slow down"}}`)
	gw := startGateway(t, upstream.URL, testHooks{}, noExit(t))
	if resp, body := postChat(t, gw.URL, `{"model":"openai/m"}`); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "slow down") {
		t.Errorf("response = %d %s, want the upstream's 429", resp.StatusCode, body)
	}
}

func TestProxyStreamsEvents(t *testing.T) {
	const events = "data: {\"choices\":[]}\n\ndata: [DONE]\n\n"
	upstream, _ := fakeUpstream(t, http.StatusOK, "text/event-stream", events)
	gw := startGateway(t, upstream.URL, testHooks{}, noExit(t))
	resp, body := postChat(t, gw.URL, `{"model":"openai/m","stream":true}`)
	if resp.Header.Get("Content-Type") != "text/event-stream" || body != events {
		t.Errorf("response = %q %q, want the upstream's event stream", resp.Header.Get("Content-Type"), body)
	}
}

func TestAddedLatencyIsApplied(t *testing.T) {
	const addedLatency = 50 * time.Millisecond
	upstream, _ := fakeUpstream(t, http.StatusOK, "application/json", `{}`)
	gw := startGateway(t, upstream.URL, testHooks{addedLatency: addedLatency}, noExit(t))
	start := time.Now()
	postChat(t, gw.URL, `{"model":"openai/m"}`)
	if elapsed := time.Since(start); elapsed < addedLatency {
		t.Errorf("answered after %v, want at least %v", elapsed, addedLatency)
	}
}

func TestBadRequestsAre400(t *testing.T) {
	upstream, calls := fakeUpstream(t, http.StatusOK, "application/json", `{}`)
	gw := startGateway(t, upstream.URL, testHooks{}, noExit(t))
	for name, tc := range map[string]struct{ body, wantInError string }{
		"no provider":    {`{"model":"gpt-4o-mini"}`, "provider/model"},
		"other provider": {`{"model":"anthropic/claude"}`, "provider/model"},
		"no model name":  {`{"model":"openai/"}`, "provider/model"},
		"no model":       {`{"messages":[]}`, "provider/model"},
		"model number":   {`{"model":4}`, "model must be a string"},
		"not JSON":       {`{"model":`, "invalid JSON"},
	} {
		t.Run(name, func(t *testing.T) {
			resp, body := postChat(t, gw.URL, tc.body)
			var got struct {
				Error struct{ Message string } `json:"error"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(got.Error.Message, tc.wantInError) {
				t.Errorf("response = %d %s, want 400 mentioning %q", resp.StatusCode, body, tc.wantInError)
			}
		})
	}
	if n := len(calls()); n != 0 {
		t.Errorf("upstream got %d calls for bad requests, want 0", n)
	}
}

func TestUnreachableUpstreamIs502(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close() // its port now refuses connections
	gw := startGateway(t, closed.URL, testHooks{}, noExit(t))
	resp, body := postChat(t, gw.URL, `{"model":"openai/m"}`)
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(body, `"error"`) {
		t.Errorf("response = %d %s, want a 502 JSON error", resp.StatusCode, body)
	}
}

func TestHealth(t *testing.T) {
	for _, tc := range []struct {
		hooks      testHooks
		wantStatus int
		wantBody   string
	}{
		{testHooks{}, http.StatusOK, `{"status":"ok"}`},
		{testHooks{neverReady: true}, http.StatusServiceUnavailable, `{"status":"starting"}`},
	} {
		gw := startGateway(t, "http://127.0.0.1:1", tc.hooks, noExit(t))
		resp, err := http.Get(gw.URL + "/health")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.wantStatus || strings.TrimSpace(string(body)) != tc.wantBody {
			t.Errorf("hooks %+v: health = %d %s, want %d %s", tc.hooks, resp.StatusCode, body, tc.wantStatus, tc.wantBody)
		}
	}
}

func TestCrashAfterRequests(t *testing.T) {
	upstream, calls := fakeUpstream(t, http.StatusOK, "application/json", `{}`)
	exitCodes := make(chan int, 2)
	gw := startGateway(t, upstream.URL, testHooks{crashAfterRequests: 2}, func(code int) { exitCodes <- code })

	postChat(t, gw.URL, `{"model":"openai/m"}`)
	if len(exitCodes) != 0 {
		t.Fatalf("exited after the first request")
	}
	postChat(t, gw.URL, `{"model":"openai/m"}`)
	if len(exitCodes) != 1 {
		t.Fatalf("got %d exits after the second request, want 1", len(exitCodes))
	}
	if code := <-exitCodes; code != crashExitCode {
		t.Errorf("exit code = %d, want %d", code, crashExitCode)
	}
	if n := len(calls()); n != 1 {
		t.Errorf("upstream got %d calls, want only the first request", n)
	}
}
