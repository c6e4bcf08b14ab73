package providers

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
)

// DoneMarker is the payload of the data line that ends an OpenAI stream.
const DoneMarker = "[DONE]"

// IsEventStream reports whether resp is a server-sent event stream.
func IsEventStream(resp *http.Response) bool {
	return strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream")
}

// EventReader reads the data lines of a server-sent event stream one at a
// time, as bifrost's SSE data reader does; comments, blank lines and other
// fields are skipped.
type EventReader struct{ r *bufio.Reader }

// NewEventReader reads events from body.
func NewEventReader(body io.Reader) *EventReader { return &EventReader{r: bufio.NewReader(body)} }

// Next is the payload of the next data line, without "data:" and the spaces
// around it; io.EOF once the body ends.
func (e *EventReader) Next() ([]byte, error) {
	for {
		line, err := e.r.ReadBytes('\n')
		if payload, ok := bytes.CutPrefix(bytes.TrimRight(line, "\r\n"), []byte("data:")); ok {
			return bytes.TrimSpace(payload), nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) && len(bytes.TrimSpace(line)) > 0 {
				return nil, io.ErrUnexpectedEOF // a line cut before its end
			}
			return nil, err
		}
	}
}

// ChatChunk is the part of an OpenAI chat completion chunk bifrost-like
// reads and writes again, as bifrost decodes each chunk into its
// BifrostChatResponse and encodes it for the client.
type ChatChunk struct {
	ID          string            `json:"id"`
	Object      string            `json:"object"`
	Created     int64             `json:"created"`
	Model       string            `json:"model"`
	Choices     []ChatChunkChoice `json:"choices"`
	Usage       json.RawMessage   `json:"usage,omitempty"`
	ExtraFields *ChunkExtraFields `json:"extra_fields,omitempty"`
}

// ChatChunkChoice is one choice of a chunk.
type ChatChunkChoice struct {
	Index        int             `json:"index"`
	Delta        *ChatChunkDelta `json:"delta,omitempty"`
	FinishReason *string         `json:"finish_reason"`
}

// ChatChunkDelta is the part of a choice's delta bifrost-like keeps.
type ChatChunkDelta struct {
	Role      *string         `json:"role,omitempty"`
	Content   *string         `json:"content,omitempty"`
	Refusal   *string         `json:"refusal,omitempty"`
	ToolCalls json.RawMessage `json:"tool_calls,omitempty"`
}

// ChunkExtraFields is what bifrost adds to each chunk it relays
// (schemas.BifrostResponseExtraFields): latency in whole milliseconds since
// the chunk before (for the final chunk, since the provider was called).
type ChunkExtraFields struct {
	RequestType            string `json:"request_type"`
	Provider               string `json:"provider,omitempty"`
	OriginalModelRequested string `json:"original_model_requested,omitempty"`
	ResolvedModelUsed      string `json:"resolved_model_used,omitempty"`
	LatencyMs              int64  `json:"latency"`
	ChunkIndex             int    `json:"chunk_index"`
}

// ChatStream follows one chat completion stream as bifrost's
// HandleOpenAIChatCompletionStreaming does: which chunks are relayed, the
// finish reason and usage it holds back for a final chunk of its own.
type ChatStream struct {
	model        string
	id           string
	created      int64
	finishReason *string
	usage        json.RawMessage
	// finishRelayed: a relayed chunk already carried the finish reason.
	finishRelayed bool
}

// NewChatStream follows a stream for model (the provider-side name).
func NewChatStream(model string) *ChatStream { return &ChatStream{model: model} }

// Read decodes one data payload and reports whether it is relayed: a chunk
// whose first choice's delta has content, a role, a refusal or tool calls
// (bifrost's rule since maximhq/bifrost#6523; role-only openers included).
// Usage and a finish reason are kept for Final; usage is taken off the chunk.
func (s *ChatStream) Read(payload []byte) (chunk *ChatChunk, relay bool, err error) {
	chunk = &ChatChunk{}
	if err := json.Unmarshal(payload, chunk); err != nil {
		return nil, false, err
	}
	if len(chunk.Usage) > 0 && string(chunk.Usage) != "null" {
		s.usage, chunk.Usage = chunk.Usage, nil
	}
	if len(chunk.Choices) == 0 {
		return chunk, false, nil
	}
	if s.id == "" {
		s.id, s.created = chunk.ID, chunk.Created
	}
	choice := chunk.Choices[0]
	finishes := choice.FinishReason != nil && *choice.FinishReason != ""
	if finishes {
		s.finishReason = choice.FinishReason
	}
	delta := choice.Delta
	relay = delta != nil && ((delta.Content != nil && *delta.Content != "") || delta.Role != nil || delta.Refusal != nil || len(delta.ToolCalls) > 0)
	if relay && finishes {
		s.finishRelayed = true
	}
	return chunk, relay, nil
}

// Model is the provider-side model name the stream was asked for.
func (s *ChatStream) Model() string { return s.model }

// Finished reports whether the provider sent a finish reason.
func (s *ChatStream) Finished() bool { return s.finishReason != nil }

// Final is the chunk bifrost sends after the provider's last one
// (CreateBifrostChatCompletionChunkResponse): an empty delta with the finish
// reason (unless a relayed chunk carried it) and the usage, its index one
// past the last relayed chunk's, its latency the whole stream's.
func (s *ChatStream) Final(lastIndex int, sinceProviderCall time.Duration) *ChatChunk {
	finishReason := s.finishReason
	if s.finishRelayed {
		finishReason = nil
	}
	return &ChatChunk{
		ID: s.id, Object: "chat.completion.chunk", Created: s.created, Model: s.model,
		Choices:     []ChatChunkChoice{{Index: 0, Delta: &ChatChunkDelta{}, FinishReason: finishReason}},
		Usage:       s.usage,
		ExtraFields: s.ExtraFields(lastIndex+1, sinceProviderCall),
	}
}

// ExtraFields are the extra_fields of chunk index, latency after the chunk
// before it.
func (s *ChatStream) ExtraFields(index int, latency time.Duration) *ChunkExtraFields {
	return &ChunkExtraFields{
		RequestType: "chat_completion_stream", Provider: "openai",
		OriginalModelRequested: s.model, ResolvedModelUsed: s.model,
		LatencyMs: latency.Milliseconds(), ChunkIndex: index,
	}
}
