package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

const (
	// maxRequestBodyBytes caps a chat request; load-test prompts are tiny.
	maxRequestBodyBytes = 10 << 20
	// crashExitCode is what BIFROST_LIKE_CRASH_AFTER_REQUESTS exits with,
	// distinct from the 1 of a startup error.
	crashExitCode = 3
	// modelProvider is the only provider this gateway routes to.
	modelProvider = "openai"
)

// gateway proxies OpenAI chat completions the way bifrost does for a
// provider-prefixed model ("openai/gpt-4o-mini").
type gateway struct {
	cfg    gatewayConfig
	hooks  testHooks
	client *http.Client
	log    *logger
	// exit ends the process on a BIFROST_LIKE_CRASH_AFTER_REQUESTS crash;
	// tests replace os.Exit to observe it.
	exit func(code int)
	// requestsSeen counts chat requests, only while a crash is configured.
	requestsSeen atomic.Uint64
}

func newGateway(cfg gatewayConfig, hooks testHooks, log *logger, exit func(int)) *gateway {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	// Keep a connection per in-flight request: with Go's default of 2 idle
	// connections per host, 2000 concurrent requests would churn through
	// new connections (and ephemeral ports) instead of reusing them.
	transport.MaxIdleConns = 0 // no global cap
	transport.MaxIdleConnsPerHost = 20000
	transport.MaxConnsPerHost = 0
	return &gateway{
		cfg:    cfg,
		hooks:  hooks,
		client: &http.Client{Transport: transport, Timeout: cfg.requestTimeout},
		log:    log,
		exit:   exit,
	}
}

// routes uses method-qualified patterns so that net/http answers 405 to
// other methods.
func (g *gateway) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", g.handleChatCompletions)
	mux.HandleFunc("GET /health", g.handleHealth)
	return mux
}

func (g *gateway) handleHealth(w http.ResponseWriter, _ *http.Request) {
	if g.hooks.neverReady {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (g *gateway) handleChatCompletions(w http.ResponseWriter, r *http.Request) {
	if g.hooks.crashAfterRequests > 0 && g.requestsSeen.Add(1) == g.hooks.crashAfterRequests {
		g.log.Error("crashing after %d requests (%s)", g.hooks.crashAfterRequests, envCrashAfterRequests)
		g.exit(crashExitCode)
		return
	}

	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBodyBytes))
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read request body: "+err.Error())
		return
	}
	body, model, err := rewriteModel(raw)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if !sleep(r.Context(), g.hooks.addedLatency) {
		return // the client gave up; nobody is left to answer
	}

	start := time.Now()
	status := g.forward(r.Context(), w, body)
	g.log.Debug("proxied chat completion for model %s: status %d in %dms", model, status, time.Since(start).Milliseconds())
}

// rewriteModel turns "openai/<name>" into "<name>", as bifrost does before
// calling the provider, and keeps every other field of the request as is.
// It returns the new body and the provider-side model name.
func rewriteModel(raw []byte) ([]byte, string, error) {
	var req map[string]json.RawMessage
	if err := json.Unmarshal(raw, &req); err != nil {
		return nil, "", fmt.Errorf("invalid JSON body: %w", err)
	}
	var model string
	if rawModel, ok := req["model"]; ok {
		if err := json.Unmarshal(rawModel, &model); err != nil {
			return nil, "", fmt.Errorf("field model must be a string: %w", err)
		}
	}
	name, ok := strings.CutPrefix(model, modelProvider+"/")
	if !ok || name == "" {
		return nil, "", fmt.Errorf("model %q must be in provider/model form, e.g. %q (configured provider: %s)", model, modelProvider+"/gpt-4o-mini", modelProvider)
	}
	req["model"], _ = json.Marshal(name) // a string always marshals
	body, err := json.Marshal(req)
	return body, name, err
}

// forward sends body to the provider and relays its status, content type
// and body. It returns the status sent to the client.
func (g *gateway) forward(ctx context.Context, w http.ResponseWriter, body []byte) int {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.cfg.upstreamURL, bytes.NewReader(body))
	if err != nil {
		writeError(w, http.StatusInternalServerError, "could not build upstream request: "+err.Error())
		return http.StatusInternalServerError
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", g.cfg.authorization)

	resp, err := g.client.Do(req)
	if err != nil {
		// A client that disconnected cancels ctx; that is not the
		// provider's fault and, under load, not worth a log line each.
		if !errors.Is(ctx.Err(), context.Canceled) {
			g.log.Warn("upstream request to %s failed: %v", g.cfg.upstreamURL, err)
		}
		writeError(w, http.StatusBadGateway, "upstream provider request failed: "+err.Error())
		return http.StatusBadGateway
	}
	defer resp.Body.Close()

	contentType := resp.Header.Get("Content-Type")
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(resp.StatusCode)
	if strings.HasPrefix(contentType, "text/event-stream") {
		copyFlushing(w, resp.Body)
	} else {
		_, _ = io.Copy(w, resp.Body) // a failed copy means the client left
	}
	return resp.StatusCode
}

// copyFlushing relays a server-sent event stream chunk by chunk, so that
// clients see each event (and the time to first token) as the provider
// sends it rather than when the stream ends.
func copyFlushing(w http.ResponseWriter, body io.Reader) {
	rc := http.NewResponseController(w)
	buf := make([]byte, 32<<10)
	for {
		n, readErr := body.Read(buf)
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
		if readErr != nil {
			return
		}
	}
}

// sleep waits for d unless ctx ends first, so that a disconnected client
// frees its goroutine at once. It reports whether the full delay elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// writeError answers with an OpenAI-style error body.
func writeError(w http.ResponseWriter, status int, msg string) {
	type apiError struct {
		Message string `json:"message"`
		Type    string `json:"type"`
	}
	errType := "invalid_request_error"
	if status >= 500 {
		errType = "upstream_error"
	}
	writeJSON(w, status, struct {
		Error apiError `json:"error"`
	}{apiError{Message: msg, Type: errType}})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // an error here means the client left
}
