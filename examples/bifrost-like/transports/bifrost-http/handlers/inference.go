package handlers

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

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/core/providers"
	"github.com/maximhq/bifrost/core/schemas"
	"github.com/maximhq/bifrost/transports/bifrost-http/lib"
)

const (
	// maxRequestBodyBytes caps a chat request; load-test prompts are tiny.
	maxRequestBodyBytes = 10 << 20
	// CrashExitCode is what BIFROST_LIKE_CRASH_AFTER_REQUESTS exits with,
	// distinct from the 1 of a startup error.
	CrashExitCode = 3
)

// CompletionHandler serves POST /v1/chat/completions for "openai/<model>",
// rewriting the model to "<model>" before core sends it to the provider.
type CompletionHandler struct {
	client *bifrost.Bifrost
	hooks  lib.Hooks
	logger schemas.Logger
	// exit ends the process on a BIFROST_LIKE_CRASH_AFTER_REQUESTS crash;
	// tests replace os.Exit to observe it.
	exit func(code int)
	// requestsSeen counts chat requests, for the crash; validRequests counts
	// those that parsed, for BIFROST_LIKE_FAIL_PERCENT.
	requestsSeen, validRequests atomic.Uint64
}

func NewCompletionHandler(client *bifrost.Bifrost, hooks lib.Hooks, logger schemas.Logger, exit func(int)) *CompletionHandler {
	return &CompletionHandler{client: client, hooks: hooks, logger: logger, exit: exit}
}

func (h *CompletionHandler) RegisterRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/chat/completions", h.chatCompletion)
}

func (h *CompletionHandler) chatCompletion(w http.ResponseWriter, r *http.Request) {
	if h.hooks.CrashAfterRequests > 0 && h.requestsSeen.Add(1) == h.hooks.CrashAfterRequests {
		h.logger.Error("crashing after %d requests (%s)", h.hooks.CrashAfterRequests, lib.EnvCrashAfterRequests)
		h.exit(CrashExitCode)
		return
	}
	start := time.Now()
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBodyBytes))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "could not read request body: "+err.Error())
		return
	}
	req, err := parseChatRequest(raw)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", err.Error())
		return
	}
	status := h.answer(r.Context(), w, req, h.validRequests.Add(1))
	// One line per request at info, as bifrost logs; none at warn.
	h.logger.Info("chat completion for %s/%s (stream %t): status %d in %d µs", req.provider, req.model, req.stream, status, time.Since(start).Microseconds())
}

// answer sends the response of the n-th valid request and returns its status.
func (h *CompletionHandler) answer(ctx context.Context, w http.ResponseWriter, req chatRequest, n uint64) int {
	if h.hooks.ErrorBody {
		writeError(w, http.StatusOK, "bifrost_like_error_body", fmt.Sprintf("%s is set: an error body with status 200", lib.EnvErrorBody))
		return http.StatusOK
	}
	if h.hooks.FailsRequest(n) {
		writeError(w, http.StatusInternalServerError, "bifrost_like_failure", fmt.Sprintf("%s: request %d fails on purpose", lib.EnvFailPercent, n))
		return http.StatusInternalServerError
	}
	if req.stream && !h.hooks.StreamAsJSON {
		return h.stream(ctx, w, req)
	}
	body := req.body
	if req.stream {
		body = req.withoutStream()
	}
	resp, err := h.client.ChatCompletion(ctx, req.provider, body)
	if err != nil {
		return h.providerFailed(ctx, w, err)
	}
	return relay(w, resp)
}

// providerFailed answers 502 when the provider could not be called.
func (h *CompletionHandler) providerFailed(ctx context.Context, w http.ResponseWriter, err error) int {
	// A client that disconnected cancels ctx; that is not the provider's
	// fault and, under load, not worth a log line each.
	if !errors.Is(ctx.Err(), context.Canceled) {
		h.logger.Warn("provider request to %s failed: %v", h.client.ProviderURL(), err)
	}
	writeError(w, http.StatusBadGateway, "upstream_error", "failed to execute HTTP request to provider API: "+err.Error())
	return http.StatusBadGateway
}

// relay sends the provider's response on as is, and closes it.
func relay(w http.ResponseWriter, resp *http.Response) int {
	defer resp.Body.Close()
	if contentType := resp.Header.Get("Content-Type"); contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body) // a failed copy means the client left
	return resp.StatusCode
}

// stream answers a streaming request as bifrost's handleStreamingResponse
// does: server-sent events, one data line per chunk core hands on, each
// written and flushed as it arrives (bifrost writes one HTTP chunk per
// event), then data: [DONE]. With BIFROST_LIKE_BUFFER_STREAM every event is
// held back and the whole stream is written at once at its end.
func (h *CompletionHandler) stream(ctx context.Context, w http.ResponseWriter, req chatRequest) int {
	stream, err := h.client.ChatCompletionStream(ctx, req.provider, req.model, req.body)
	if err != nil {
		return h.providerFailed(ctx, w, err)
	}
	if stream.Response != nil {
		return relay(w, stream.Response)
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Connection", "keep-alive")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	var held bytes.Buffer
	send := func(data []byte) bool {
		event := append(append([]byte("data: "), data...), '\n', '\n')
		if h.hooks.BufferStream {
			held.Write(event)
			return true
		}
		if _, err := w.Write(event); err != nil {
			return false // the client left; returning cancels ctx, which stops core's relay
		}
		return rc.Flush() == nil
	}
	for chunk := range stream.Chunks {
		if !send(chunk.Data) {
			return http.StatusOK
		}
	}
	if ctx.Err() != nil || !send([]byte(providers.DoneMarker)) {
		return http.StatusOK // the client left
	}
	if h.hooks.BufferStream {
		_, _ = w.Write(held.Bytes()) // a failed write means the client left
		_ = rc.Flush()
	}
	return http.StatusOK
}

// chatRequest is a parsed chat request: its provider, its provider-side
// model, and its body with that model.
type chatRequest struct {
	provider schemas.ModelProvider
	model    string
	stream   bool
	fields   map[string]json.RawMessage
	body     []byte
}

// parseChatRequest turns "openai/<name>" into "<name>", as bifrost does
// before calling the provider, and keeps every other field as is.
func parseChatRequest(raw []byte) (chatRequest, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return chatRequest{}, fmt.Errorf("invalid JSON body: %w", err)
	}
	var model string
	if rawModel, ok := fields["model"]; ok {
		if err := json.Unmarshal(rawModel, &model); err != nil {
			return chatRequest{}, fmt.Errorf("field model must be a string: %w", err)
		}
	}
	provider, name, ok := strings.Cut(model, "/")
	if !ok || schemas.ModelProvider(provider) != schemas.OpenAI || name == "" {
		return chatRequest{}, fmt.Errorf("model %q must be in provider/model form, e.g. %q (configured provider: %s)", model, "openai/gpt-4o-mini", schemas.OpenAI)
	}
	var stream bool
	if rawStream, ok := fields["stream"]; ok {
		_ = json.Unmarshal(rawStream, &stream) // not a boolean: not a stream
	}
	fields["model"], _ = json.Marshal(name) // a string always marshals
	body, err := json.Marshal(fields)
	if err != nil {
		return chatRequest{}, err
	}
	return chatRequest{provider: schemas.ModelProvider(provider), model: name, stream: stream, fields: fields, body: body}, nil
}

// withoutStream is the body with "stream": false, for BIFROST_LIKE_STREAM_AS_JSON.
func (r chatRequest) withoutStream() []byte {
	fields := make(map[string]json.RawMessage, len(r.fields))
	for name, value := range r.fields {
		fields[name] = value
	}
	fields["stream"] = json.RawMessage("false")
	delete(fields, "stream_options")
	body, _ := json.Marshal(fields) // re-marshalling parsed JSON cannot fail
	return body
}
