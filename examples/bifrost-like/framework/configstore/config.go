// Package configstore is the model of bifrost's config.json that the
// transport loads at start: client settings, providers and plugins, with
// bifrost's defaults and limits.
package configstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/maximhq/bifrost/core/schemas"
)

// DefaultInitialPoolSize is bifrost's client.initial_pool_size default.
const DefaultInitialPoolSize = 300

// ClientConfig is config.json's client section (the fields bifrost-like reads).
type ClientConfig struct {
	InitialPoolSize       int   `json:"initial_pool_size"`
	DropExcessRequests    bool  `json:"drop_excess_requests"`
	EnableLogging         *bool `json:"enable_logging"`
	DisableContentLogging bool  `json:"disable_content_logging"`
}

// PluginConfig is one entry of config.json's plugins.
type PluginConfig struct {
	Name    string          `json:"name"`
	Enabled bool            `json:"enabled"`
	Config  json.RawMessage `json:"config,omitempty"`
}

// Config is config.json as bifrost-like uses it; other sections (stores,
// governance, mcp…) are accepted and ignored.
type Config struct {
	Client    ClientConfig                                     `json:"client"`
	Providers map[schemas.ModelProvider]schemas.ProviderConfig `json:"providers"`
	Plugins   []PluginConfig                                   `json:"plugins"`
}

// Parse reads config.json and checks what the openai provider needs. Errors
// name the field at fault, so a broken setup is fixed from the log line alone.
func Parse(raw []byte) (*Config, error) {
	var cfg Config
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if cfg.Client.InitialPoolSize == 0 {
		cfg.Client.InitialPoolSize = DefaultInitialPoolSize
	}
	openai, ok := cfg.Providers[schemas.OpenAI]
	if !ok {
		return nil, errors.New("missing field providers.openai")
	}
	if len(openai.Keys) == 0 {
		return nil, errors.New("missing field providers.openai.keys (need at least one key)")
	}
	if openai.Keys[0].Value == "" {
		return nil, errors.New("missing field providers.openai.keys[0].value")
	}
	network := openai.NetworkConfig
	if network == nil || network.BaseURL == "" {
		return nil, errors.New("missing field providers.openai.network_config.base_url")
	}
	baseURL, err := url.Parse(network.BaseURL)
	if err != nil || (baseURL.Scheme != "http" && baseURL.Scheme != "https") || baseURL.Host == "" {
		return nil, fmt.Errorf("invalid providers.openai.network_config.base_url %q: want an http(s) URL such as http://127.0.0.1:8000", network.BaseURL)
	}
	if network.DefaultRequestTimeoutInSeconds < 0 {
		return nil, fmt.Errorf("invalid providers.openai.network_config.default_request_timeout_in_seconds %d: must be positive", network.DefaultRequestTimeoutInSeconds)
	}
	if n := network.MaxConnsPerHost; n < 0 || n > schemas.MaxConnsPerHostLimit {
		return nil, fmt.Errorf("invalid providers.openai.network_config.max_conns_per_host %d: must be from 1 to %d", n, schemas.MaxConnsPerHostLimit)
	}
	return &cfg, nil
}
