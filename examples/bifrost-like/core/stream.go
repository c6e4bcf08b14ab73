package bifrost

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"time"

	"github.com/maximhq/bifrost/core/providers"
	"github.com/maximhq/bifrost/core/schemas"
)

// streamBufferChunks is how many chunks core may read ahead of the
// transport: bifrost's response channel is buffered too
// (schemas.DefaultStreamBufferSize); the size here is ours.
const streamBufferChunks = 16

// Stream is a chat completion stream on its way to the client.
type Stream struct {
	// Chunks yields the events to send, in order, as core reads them from
	// the provider, and closes after the last; the transport then sends
	// data: [DONE]. Nil when Response is set.
	Chunks <-chan schemas.StreamChunk
	// Response is the provider's own answer when its status is not 200:
	// the transport relays it as is and closes its body.
	Response *http.Response
}

// ChatCompletionStream sends body (a chat request with "stream": true and
// the provider-side model name) to provider and relays the provider's
// events as bifrost does (core/providers/openai HandleOpenAIChatCompletionStreaming):
// each data line decoded, the chunks that carry something re-encoded with
// extra_fields and handed on one by one as they arrive, the finish reason
// and usage held back for a final chunk of core's own. A stream that fails
// or ends without [DONE] or a finish reason ends with an error event.
// Stream plugins see each relayed chunk; all plugins see the request when
// the stream ends, the time blocked on the provider (its response headers
// and every read of its body) counted as provider time.
func (b *Bifrost) ChatCompletionStream(ctx context.Context, provider schemas.ModelProvider, model string, body []byte) (Stream, error) {
	start := time.Now()
	held, err := b.beforeProvider(ctx, provider)
	if err != nil {
		return Stream{}, err
	}
	providerStart := time.Now()
	resp, err := b.openai.ChatCompletion(ctx, body)
	providerTime := time.Since(providerStart)
	if err != nil {
		b.postHooks(time.Since(start), providerTime, http.StatusBadGateway)
		return Stream{}, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body = &holdingBody{ReadCloser: resp.Body, held: held}
		b.postHooks(time.Since(start), providerTime, resp.StatusCode)
		return Stream{Response: resp}, nil
	}
	chunks := make(chan schemas.StreamChunk, streamBufferChunks)
	relay := &streamRelay{b: b, ctx: ctx, out: chunks, provider: provider, stream: providers.NewChatStream(model), start: start, providerStart: providerStart, providerTime: providerTime}
	go func() {
		defer runtime.KeepAlive(held) // the request's extra allocation lives until its stream ends
		defer close(chunks)
		defer resp.Body.Close()
		relay.run(resp)
	}()
	return Stream{Chunks: chunks}, nil
}

// streamRelay is one stream being relayed from the provider to the transport.
type streamRelay struct {
	b             *Bifrost
	ctx           context.Context
	out           chan<- schemas.StreamChunk
	provider      schemas.ModelProvider
	stream        *providers.ChatStream
	start         time.Time
	providerStart time.Time
	// providerTime is the time blocked on the provider so far.
	providerTime time.Duration
}

// run reads resp's events and hands on what the client gets, then tells the
// plugins about the request.
func (r *streamRelay) run(resp *http.Response) {
	status := r.relay(resp)
	r.b.postHooks(time.Since(r.start), r.providerTime, status)
}

// statusClientClosedRequest is what the plugins see for a stream whose
// client left (nginx's 499; nothing is sent).
const statusClientClosedRequest = 499

// relay returns the request's status for the plugins: 200 once the final
// chunk is handed on, 502 when the provider's stream failed,
// statusClientClosedRequest when the client left.
func (r *streamRelay) relay(resp *http.Response) int {
	if !providers.IsEventStream(resp) {
		return r.fail("provider returned non-SSE response for streaming request")
	}
	events := providers.NewEventReader(resp.Body)
	index := -1
	lastChunk := r.providerStart
	sawDone := false
	for {
		readStart := time.Now()
		payload, err := events.Next()
		r.providerTime += time.Since(readStart)
		if r.ctx.Err() != nil {
			return statusClientClosedRequest
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return r.fail("error reading the provider's stream: " + err.Error())
		}
		if sawDone = string(payload) == providers.DoneMarker; sawDone {
			break
		}
		chunk, relayed, err := r.stream.Read(payload)
		if err != nil {
			r.b.logger.Warn("failed to parse stream response: %v", err)
			continue
		}
		if !relayed {
			continue
		}
		index++
		now := time.Now()
		latency := now.Sub(lastChunk)
		lastChunk = now
		chunk.ExtraFields = r.stream.ExtraFields(index, latency)
		r.onChunk(index, latency)
		if !r.send(chunk) {
			return statusClientClosedRequest
		}
	}
	// As bifrost: without [DONE] or a finish reason the stream was cut.
	if !sawDone && !r.stream.Finished() {
		return r.fail("the provider's stream ended before data: [DONE] or a finish reason")
	}
	if !r.send(r.stream.Final(index, time.Since(r.providerStart))) {
		return statusClientClosedRequest
	}
	return http.StatusOK
}

// onChunk is the work done for each relayed chunk: the per-chunk cost
// (BIFROST_LIKE_ADDED_CHUNK_US), then the stream plugins.
func (r *streamRelay) onChunk(index int, latency time.Duration) {
	r.b.costs.spendPerChunk()
	for _, plugin := range r.b.plugins {
		if streamPlugin, ok := plugin.(schemas.StreamPlugin); ok {
			streamPlugin.StreamChunkHook(r.provider, r.stream.Model(), index, latency)
		}
	}
}

// send hands one event on to the transport, unless the client left.
func (r *streamRelay) send(event any) bool {
	data, err := json.Marshal(event)
	if err != nil {
		r.b.logger.Warn("failed to marshal streaming response: %v", err)
		return true
	}
	select {
	case r.out <- schemas.StreamChunk{Data: data}:
		return true
	case <-r.ctx.Done():
		return false
	}
}

// fail hands on an error event, as bifrost ends a stream that failed.
func (r *streamRelay) fail(message string) int {
	type streamError struct {
		Message string `json:"message"`
		Type    string `json:"type"`
	}
	if !r.send(struct {
		Error streamError `json:"error"`
	}{streamError{Message: message, Type: "upstream_error"}}) {
		return statusClientClosedRequest
	}
	return http.StatusBadGateway
}
