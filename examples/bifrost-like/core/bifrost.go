// Package bifrost is bifrost-like's core: the request path between the HTTP
// transport and the provider, as github.com/maximhq/bifrost/core is bifrost's.
package bifrost

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/maximhq/bifrost/core/network"
	"github.com/maximhq/bifrost/core/providers"
	"github.com/maximhq/bifrost/core/schemas"
)

// addedLatency is slept in the request path of every chat completion before
// the provider is called. It is zero here; a test edits it in a copy of the
// checkout to show that the copy's own core is what a load test measures.
const addedLatency = 0 * time.Millisecond

// Environment variables core reads to misbehave on purpose (a real bifrost
// has none of them).
const (
	// EnvAddedLatencyMs adds this many milliseconds to addedLatency.
	EnvAddedLatencyMs = "BIFROST_LIKE_ADDED_LATENCY_MS"
	// EnvAddedLatencyUs adds this many microseconds to addedLatency.
	EnvAddedLatencyUs = "BIFROST_LIKE_ADDED_LATENCY_US"
	// EnvStaleConnections selects the provider client of maximhq/bifrost#4496.
	EnvStaleConnections = "BIFROST_LIKE_STALE_CONNECTIONS"
)

// Config is what Init needs: the providers of config.json, the plugins to
// run, and where to log. Getenv reads the misbehaviour knobs (os.Getenv).
type Config struct {
	Providers map[schemas.ModelProvider]schemas.ProviderConfig
	Plugins   []schemas.Plugin
	Logger    schemas.Logger
	Getenv    func(string) string
}

// Bifrost routes requests to providers.
type Bifrost struct {
	openai       *providers.OpenAIProvider
	plugins      []schemas.Plugin
	logger       schemas.Logger
	addedLatency time.Duration
	costs        *costs
}

// Init builds the providers. Knobs are parsed strictly: a typo must fail
// loudly rather than run a test against an unintended gateway.
func Init(cfg Config) (*Bifrost, error) {
	addedMs, err := parseAddedLatency(EnvAddedLatencyMs, cfg.Getenv(EnvAddedLatencyMs), time.Millisecond)
	if err != nil {
		return nil, err
	}
	addedUs, err := parseAddedLatency(EnvAddedLatencyUs, cfg.Getenv(EnvAddedLatencyUs), time.Microsecond)
	if err != nil {
		return nil, err
	}
	added := addedMs + addedUs
	requestCosts, err := parseCosts(cfg.Getenv)
	if err != nil {
		return nil, err
	}
	stale := false
	if v := cfg.Getenv(EnvStaleConnections); v != "" {
		if stale, err = strconv.ParseBool(v); err != nil {
			return nil, fmt.Errorf("invalid %s=%q: want 1 or 0", EnvStaleConnections, v)
		}
	}
	openaiConfig, ok := cfg.Providers[schemas.OpenAI]
	if !ok {
		return nil, fmt.Errorf("no %s provider configured", schemas.OpenAI)
	}
	client := network.NewClient(network.ClientConfig{
		MaxConnsPerHost:  openaiConfig.MaxConnsPerHost(),
		Timeout:          openaiConfig.RequestTimeout(),
		StaleConnections: stale,
	})
	openai, err := providers.NewOpenAIProvider(openaiConfig, client)
	if err != nil {
		return nil, err
	}
	if stale {
		cfg.Logger.Warn("%s is set: pooled provider connections are reused unchecked and a failed request is not retried", EnvStaleConnections)
	}
	return &Bifrost{openai: openai, plugins: cfg.Plugins, logger: cfg.Logger, addedLatency: addedLatency + added, costs: requestCosts}, nil
}

func parseAddedLatency(name, v string, unit time.Duration) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	// Capping at 31 bits keeps the conversion to Duration from overflowing.
	n, err := strconv.ParseUint(v, 10, 31)
	if err != nil {
		return 0, fmt.Errorf("invalid %s=%q: want a non-negative integer number of %s", name, v, map[time.Duration]string{time.Millisecond: "milliseconds", time.Microsecond: "microseconds"}[unit])
	}
	return time.Duration(n) * unit, nil
}

// AddedLatency is the delay each chat completion gets before the provider call.
func (b *Bifrost) AddedLatency() time.Duration { return b.addedLatency }

// ChatCompletion sends body (a chat request with the provider-side model
// name) to provider and returns its response, which the caller closes.
// Plugins see the time spent in core and the part spent on the provider.
// The request's extra allocation (BIFROST_LIKE_ADDED_ALLOC_BYTES) lives
// until the caller closes the response body.
func (b *Bifrost) ChatCompletion(ctx context.Context, provider schemas.ModelProvider, body []byte) (*http.Response, error) {
	start := time.Now()
	held, err := b.beforeProvider(ctx, provider)
	if err != nil {
		return nil, err
	}
	providerStart := time.Now()
	resp, err := b.openai.ChatCompletion(ctx, body)
	providerTime := time.Since(providerStart)
	status := http.StatusBadGateway
	if err == nil {
		status = resp.StatusCode
		resp.Body = &holdingBody{ReadCloser: resp.Body, held: held}
	}
	b.postHooks(time.Since(start), providerTime, status)
	return resp, err
}

// beforeProvider is the request path before the provider is called: the
// provider check, the per-request costs, then the added latency. It returns
// the request's extra allocation, which the caller keeps alive until the
// request ends.
func (b *Bifrost) beforeProvider(ctx context.Context, provider schemas.ModelProvider) ([]byte, error) {
	if provider != schemas.OpenAI {
		return nil, fmt.Errorf("provider %q is not configured", provider)
	}
	held := b.costs.spendPerRequest()
	if !wait(ctx, b.addedLatency) {
		return nil, ctx.Err()
	}
	return held, nil
}

// postHooks tells every plugin about a finished request.
func (b *Bifrost) postHooks(total, provider time.Duration, status int) {
	for _, plugin := range b.plugins {
		plugin.PostHook(total, provider, status)
	}
}

// holdingBody keeps a request's extra allocation reachable until the
// response body is closed, the end of the request.
type holdingBody struct {
	io.ReadCloser
	held []byte
}

func (h *holdingBody) Close() error {
	runtime.KeepAlive(h.held)
	return h.ReadCloser.Close()
}

// ListModels asks each provider for its models, as bifrost does at start.
func (b *Bifrost) ListModels(ctx context.Context) error { return b.openai.ListModels(ctx) }

// ProviderURL is where chat completions are sent, for log lines.
func (b *Bifrost) ProviderURL() string { return b.openai.ChatCompletionURL() }

// spinFor is how much of a wait is spent spinning rather than sleeping: the
// sleep wakes up to a few hundred µs late on a busy machine, so a sleep alone
// would add more latency than configured, and a load test reading it back
// would look wrong; spinning longer would add CPU work the measurement would
// then see as contention.
const spinFor = 250 * time.Microsecond

// preciseUpTo is the longest wait slept on the goroutine's own thread
// (sleepThread); longer ones use a timer, whose lateness no longer matters.
const preciseUpTo = 50 * time.Millisecond

// wait holds for exactly d (a precise sleep, then a spin through the last
// spinFor) unless ctx ends first, so that a disconnected client frees its
// goroutine. It reports whether the full delay elapsed.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	deadline := time.Now().Add(d)
	if d > spinFor {
		if d <= preciseUpTo {
			sleepThread(d - spinFor)
		} else {
			timer := time.NewTimer(d - spinFor)
			defer timer.Stop()
			select {
			case <-timer.C:
			case <-ctx.Done():
				return false
			}
		}
	}
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			return false
		}
		runtime.Gosched()
	}
	return ctx.Err() == nil
}
