package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// defaultRequestTimeoutSeconds matches bifrost's default for providers.
const defaultRequestTimeoutSeconds = 30

// gatewayConfig is what the gateway needs from a bifrost config.json.
type gatewayConfig struct {
	upstreamURL    string // full URL of the provider's chat completions endpoint
	authorization  string // Authorization header sent upstream
	requestTimeout time.Duration
}

// configFile mirrors the few fields of bifrost's config.json that are used.
// A real config has many more (client, config_store, logs_store, plugins…);
// encoding/json ignores them.
type configFile struct {
	Providers struct {
		OpenAI *struct {
			Keys []struct {
				Value string `json:"value"`
			} `json:"keys"`
			NetworkConfig *struct {
				BaseURL                        string `json:"base_url"`
				DefaultRequestTimeoutInSeconds *int   `json:"default_request_timeout_in_seconds"`
			} `json:"network_config"`
		} `json:"openai"`
	} `json:"providers"`
}

// loadConfig reads <appDir>/config.json. Errors name the file and the field
// at fault so that a broken setup is fixed from the log line alone.
func loadConfig(appDir string) (gatewayConfig, error) {
	path := filepath.Join(appDir, "config.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return gatewayConfig{}, fmt.Errorf("config %s: %w", path, err)
	}
	cfg, err := parseConfig(raw)
	if err != nil {
		return gatewayConfig{}, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

func parseConfig(raw []byte) (gatewayConfig, error) {
	var file configFile
	if err := json.Unmarshal(raw, &file); err != nil {
		return gatewayConfig{}, fmt.Errorf("invalid JSON: %w", err)
	}
	openai := file.Providers.OpenAI
	if openai == nil {
		return gatewayConfig{}, errors.New("missing field providers.openai")
	}
	if len(openai.Keys) == 0 {
		return gatewayConfig{}, errors.New("missing field providers.openai.keys (need at least one key)")
	}
	key := openai.Keys[0].Value
	if key == "" {
		return gatewayConfig{}, errors.New("missing field providers.openai.keys[0].value")
	}
	network := openai.NetworkConfig
	if network == nil || network.BaseURL == "" {
		return gatewayConfig{}, errors.New("missing field providers.openai.network_config.base_url")
	}
	baseURL, err := url.Parse(network.BaseURL)
	if err != nil || (baseURL.Scheme != "http" && baseURL.Scheme != "https") || baseURL.Host == "" {
		return gatewayConfig{}, fmt.Errorf("invalid providers.openai.network_config.base_url %q: want an http(s) URL such as http://127.0.0.1:8000", network.BaseURL)
	}
	timeoutSeconds := defaultRequestTimeoutSeconds
	if network.DefaultRequestTimeoutInSeconds != nil {
		timeoutSeconds = *network.DefaultRequestTimeoutInSeconds
		if timeoutSeconds <= 0 {
			return gatewayConfig{}, fmt.Errorf("invalid providers.openai.network_config.default_request_timeout_in_seconds %d: must be positive", timeoutSeconds)
		}
	}

	authorization := key
	if !strings.HasPrefix(key, "Bearer ") {
		authorization = "Bearer " + key
	}
	return gatewayConfig{
		// Like bifrost's OpenAI provider: base_url has no /v1, the path does.
		upstreamURL:    strings.TrimSuffix(network.BaseURL, "/") + "/v1/chat/completions",
		authorization:  authorization,
		requestTimeout: time.Duration(timeoutSeconds) * time.Second,
	}, nil
}
