// Package schemas holds the types shared by bifrost-like's modules, as
// bifrost's core/schemas does: provider configuration, log levels and the
// logger and plugin interfaces.
package schemas

import (
	"fmt"
	"time"
)

// ModelProvider names a provider, as the prefix of a model ("openai/gpt-4o-mini").
type ModelProvider string

// OpenAI is the only provider bifrost-like can call.
const OpenAI ModelProvider = "openai"

// Connection limits of a provider's HTTP client, as bifrost documents them for
// network_config.max_conns_per_host.
const (
	DefaultMaxConnsPerHost = 5000
	MaxConnsPerHostLimit   = 10000
)

// DefaultRequestTimeoutInSeconds is bifrost's default provider request timeout.
const DefaultRequestTimeoutInSeconds = 30

// Key is one API key of a provider.
type Key struct {
	Name   string   `json:"name"`
	Value  string   `json:"value"`
	Weight float64  `json:"weight"`
	Models []string `json:"models"`
}

// NetworkConfig is a provider's network_config.
type NetworkConfig struct {
	BaseURL                        string `json:"base_url"`
	DefaultRequestTimeoutInSeconds int    `json:"default_request_timeout_in_seconds"`
	MaxConnsPerHost                int    `json:"max_conns_per_host"`
}

// ConcurrencyAndBufferSize is a provider's concurrency_and_buffer_size.
type ConcurrencyAndBufferSize struct {
	Concurrency int `json:"concurrency"`
	BufferSize  int `json:"buffer_size"`
}

// ProviderConfig is one entry of config.json's providers.
type ProviderConfig struct {
	Keys                     []Key                     `json:"keys"`
	NetworkConfig            *NetworkConfig            `json:"network_config,omitempty"`
	ConcurrencyAndBufferSize *ConcurrencyAndBufferSize `json:"concurrency_and_buffer_size,omitempty"`
}

// RequestTimeout is the provider's request timeout, defaults applied.
func (p ProviderConfig) RequestTimeout() time.Duration {
	if p.NetworkConfig != nil && p.NetworkConfig.DefaultRequestTimeoutInSeconds > 0 {
		return time.Duration(p.NetworkConfig.DefaultRequestTimeoutInSeconds) * time.Second
	}
	return DefaultRequestTimeoutInSeconds * time.Second
}

// MaxConnsPerHost is the provider's connection cap, defaults applied.
func (p ProviderConfig) MaxConnsPerHost() int {
	if p.NetworkConfig != nil && p.NetworkConfig.MaxConnsPerHost > 0 {
		return p.NetworkConfig.MaxConnsPerHost
	}
	return DefaultMaxConnsPerHost
}

// LogLevel is one of bifrost's log levels.
type LogLevel string

const (
	LogLevelDebug LogLevel = "debug"
	LogLevelInfo  LogLevel = "info"
	LogLevelWarn  LogLevel = "warn"
	LogLevelError LogLevel = "error"
)

// ParseLogLevel accepts exactly the levels bifrost-http's -log-level takes.
func ParseLogLevel(name string) (LogLevel, error) {
	switch level := LogLevel(name); level {
	case LogLevelDebug, LogLevelInfo, LogLevelWarn, LogLevelError:
		return level, nil
	}
	return "", fmt.Errorf("invalid -log-level %q: want debug, info, warn or error", name)
}

// Logger is what every module logs through.
type Logger interface {
	Debug(format string, args ...any)
	Info(format string, args ...any)
	Warn(format string, args ...any)
	Error(format string, args ...any)
}

// Plugin observes each request that goes through core, as bifrost's plugins
// do with their pre and post hooks. PostHook gets the time spent in the
// request path and the part of it spent waiting on the provider.
type Plugin interface {
	Name() string
	PostHook(total, provider time.Duration, status int)
}

// StreamPlugin is a Plugin that also sees each chunk core relays from a
// provider's stream, as bifrost's plugins see each chunk in PostLLMHook:
// index counts the relayed chunks from 0, and latency is the time since the
// chunk before (for chunk 0, since the provider was called).
type StreamPlugin interface {
	Plugin
	StreamChunkHook(provider ModelProvider, model string, index int, latency time.Duration)
}

// StreamChunk is one server-sent event core hands to the transport: the
// JSON of a data line.
type StreamChunk struct {
	Data []byte
}
