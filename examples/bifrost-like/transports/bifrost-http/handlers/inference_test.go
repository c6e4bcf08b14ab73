package handlers

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/core/schemas"
	"github.com/maximhq/bifrost/transports/bifrost-http/lib"
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
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []upstreamCall {
		mu.Lock()
		defer mu.Unlock()
		return calls
	}
}

// startGateway serves the routes in front of upstreamURL (a base URL).
func startGateway(t *testing.T, upstreamURL string, hooks lib.Hooks, exit func(int)) *httptest.Server {
	t.Helper()
	return startGatewayWithEnv(t, upstreamURL, hooks, exit, nil)
}

// startGatewayWithEnv is startGateway with core's knobs set from env.
func startGatewayWithEnv(t *testing.T, upstreamURL string, hooks lib.Hooks, exit func(int), env map[string]string) *httptest.Server {
	t.Helper()
	logger := bifrost.NewLogger(io.Discard, schemas.LogLevelDebug)
	client, err := bifrost.Init(bifrost.Config{
		Providers: map[schemas.ModelProvider]schemas.ProviderConfig{schemas.OpenAI: {
			Keys:          []schemas.Key{{Name: "k", Value: "sk-test"}},
			NetworkConfig: &schemas.NetworkConfig{BaseURL: upstreamURL},
		}},
		Logger: logger,
		Getenv: func(name string) string { return env[name] },
	})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	NewCompletionHandler(client, hooks, logger, exit).RegisterRoutes(mux)
	NewHealthHandler(hooks).RegisterRoutes(mux)
	srv := httptest.NewServer(mux)
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

func errorOf(t *testing.T, body string) (message, errType string) {
	t.Helper()
	var got struct {
		Error struct{ Message, Type string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	return got.Error.Message, got.Error.Type
}

func TestProxyRewritesModelAndRelaysResponse(t *testing.T) {
	const upstreamBody = `{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini"}`
	upstream, calls := fakeUpstream(t, http.StatusCreated, "application/json; charset=utf-8", upstreamBody)
	gw := startGateway(t, upstream.URL, lib.Hooks{}, noExit(t))

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
	if call.body["model"] != "gpt-4o-mini" || call.body["temperature"] != 0.5 || call.body["messages"] == nil {
		t.Errorf("upstream body = %v, want the model rewritten and the other fields kept", call.body)
	}
}

func TestProxyRelaysUpstreamErrors(t *testing.T) {
	upstream, _ := fakeUpstream(t, http.StatusTooManyRequests, "application/json", `{"error":{"message":"slow down"}}`)
	gw := startGateway(t, upstream.URL, lib.Hooks{}, noExit(t))
	if resp, body := postChat(t, gw.URL, `{"model":"openai/m"}`); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "slow down") {
		t.Errorf("response = %d %s, want the upstream's 429", resp.StatusCode, body)
	}
}

func TestStreamAsJSONAsksTheProviderForJSON(t *testing.T) {
	const completion = `{"object":"chat.completion"}`
	upstream, calls := fakeUpstream(t, http.StatusOK, "application/json", completion)
	gw := startGateway(t, upstream.URL, lib.Hooks{StreamAsJSON: true}, noExit(t))
	resp, body := postChat(t, gw.URL, `{"model":"openai/m","stream":true,"stream_options":{"include_usage":true}}`)
	if resp.Header.Get("Content-Type") != "application/json" || body != completion {
		t.Errorf("response = %q %q, want a JSON completion", resp.Header.Get("Content-Type"), body)
	}
	call := calls()[0]
	if call.body["stream"] != false || call.body["stream_options"] != nil {
		t.Errorf("upstream body = %v, want stream false and no stream_options", call.body)
	}
}

func TestErrorBodyAnswersAtOnceWith200(t *testing.T) {
	upstream, calls := fakeUpstream(t, http.StatusOK, "application/json", `{}`)
	gw := startGateway(t, upstream.URL, lib.Hooks{ErrorBody: true}, noExit(t))
	resp, body := postChat(t, gw.URL, `{"model":"openai/m"}`)
	if message, _ := errorOf(t, body); resp.StatusCode != http.StatusOK || !strings.Contains(message, lib.EnvErrorBody) {
		t.Errorf("response = %d %s, want 200 with an error body", resp.StatusCode, body)
	}
	if n := len(calls()); n != 0 {
		t.Errorf("upstream got %d calls, want none", n)
	}
}

func TestFailPercentFailsAnEvenShareAtOnce(t *testing.T) {
	upstream, calls := fakeUpstream(t, http.StatusOK, "application/json", `{}`)
	gw := startGateway(t, upstream.URL, lib.Hooks{FailBasisPoints: 2500}, noExit(t))
	var statuses []int
	for range 8 {
		resp, body := postChat(t, gw.URL, `{"model":"openai/m"}`)
		statuses = append(statuses, resp.StatusCode)
		if resp.StatusCode == http.StatusInternalServerError {
			if message, _ := errorOf(t, body); !strings.Contains(message, lib.EnvFailPercent) {
				t.Errorf("failure body = %s", body)
			}
		}
	}
	want := []int{200, 200, 200, 500, 200, 200, 200, 500}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", statuses, want)
		}
	}
	if n := len(calls()); n != 6 {
		t.Errorf("upstream got %d calls, want the 6 that did not fail", n)
	}
}

func TestBadRequestsAre400(t *testing.T) {
	upstream, calls := fakeUpstream(t, http.StatusOK, "application/json", `{}`)
	gw := startGateway(t, upstream.URL, lib.Hooks{}, noExit(t))
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
			if message, _ := errorOf(t, body); resp.StatusCode != http.StatusBadRequest || !strings.Contains(message, tc.wantInError) {
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
	gw := startGateway(t, closed.URL, lib.Hooks{}, noExit(t))
	resp, body := postChat(t, gw.URL, `{"model":"openai/m"}`)
	if _, errType := errorOf(t, body); resp.StatusCode != http.StatusBadGateway || errType != "upstream_error" {
		t.Errorf("response = %d %s, want a 502 JSON error", resp.StatusCode, body)
	}
}

func TestHealth(t *testing.T) {
	for _, tc := range []struct {
		hooks      lib.Hooks
		wantStatus int
		wantBody   string
	}{
		{lib.Hooks{}, http.StatusOK, `{"status":"ok"}`},
		{lib.Hooks{NeverReady: true}, http.StatusServiceUnavailable, `{"status":"starting"}`},
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
	gw := startGateway(t, upstream.URL, lib.Hooks{CrashAfterRequests: 2}, func(code int) { exitCodes <- code })

	postChat(t, gw.URL, `{"model":"openai/m"}`)
	if len(exitCodes) != 0 {
		t.Fatalf("exited after the first request")
	}
	postChat(t, gw.URL, `{"model":"openai/m"}`)
	if len(exitCodes) != 1 {
		t.Fatalf("got %d exits after the second request, want 1", len(exitCodes))
	}
	if code := <-exitCodes; code != CrashExitCode {
		t.Errorf("exit code = %d, want %d", code, CrashExitCode)
	}
	if n := len(calls()); n != 1 {
		t.Errorf("upstream got %d calls, want only the first request", n)
	}
}
