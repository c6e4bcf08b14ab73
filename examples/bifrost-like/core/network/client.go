// Package network builds the HTTP clients bifrost-like's providers use. Like
// bifrost's provider clients they cap the connections per host
// (network_config.max_conns_per_host): a request beyond the cap waits for a
// free connection, up to its timeout.
package network

import (
	"net/http"
	"time"
)

// Doer sends one request, as *http.Client does.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// ClientConfig sizes a provider's client.
type ClientConfig struct {
	// MaxConnsPerHost caps open connections; requests beyond it wait.
	MaxConnsPerHost int
	// Timeout bounds a request from the wait for a connection to the end of
	// its response body.
	Timeout time.Duration
	// StaleConnections selects PoolClient, which reuses pooled connections
	// without checking them and never retries (maximhq/bifrost#4496).
	StaleConnections bool
}

// NewClient returns Go's transport with the connection cap, or PoolClient
// when cfg.StaleConnections is set.
func NewClient(cfg ClientConfig) Doer {
	if cfg.StaleConnections {
		return NewPoolClient(cfg.MaxConnsPerHost, cfg.Timeout)
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxConnsPerHost = cfg.MaxConnsPerHost
	// Keep every connection idle between requests: with Go's default of 2
	// idle connections per host, a load would churn through new connections.
	transport.MaxIdleConns = 0
	transport.MaxIdleConnsPerHost = cfg.MaxConnsPerHost
	return &http.Client{Transport: transport, Timeout: cfg.Timeout}
}
