package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseConfigOfARealisticBifrostConfig(t *testing.T) {
	// Fields other than the openai provider's are ignored, as a real
	// bifrost config carries many of them.
	raw := `{
	  "$schema": "https://www.getbifrost.ai/schema",
	  "client": {"drop_excess_requests": false, "initial_pool_size": 300},
	  "config_store": {"enabled": false},
	  "logs_store": {"enabled": false},
	  "providers": {
	    "openai": {
	      "keys": [{"name": "mock", "value": "sk-mock", "weight": 1, "models": []}],
	      "network_config": {"base_url": "http://127.0.0.1:8000/", "default_request_timeout_in_seconds": 12},
	      "concurrency_and_buffer_size": {"concurrency": 1000, "buffer_size": 1500}
	    }
	  },
	  "plugins": []
	}`
	cfg, err := parseConfig([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := gatewayConfig{
		upstreamURL:    "http://127.0.0.1:8000/v1/chat/completions",
		authorization:  "Bearer sk-mock",
		requestTimeout: 12 * time.Second,
	}
	if cfg != want {
		t.Errorf("config = %+v, want %+v", cfg, want)
	}
}

func TestParseConfigDefaultsAndBearerPrefix(t *testing.T) {
	cfg, err := parseConfig([]byte(`{"providers":{"openai":{
	  "keys":[{"value":"Bearer sk-already"},{"value":"sk-second"}],
	  "network_config":{"base_url":"https://api.example.com"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.authorization != "Bearer sk-already" {
		t.Errorf("authorization = %q, want the first key as is", cfg.authorization)
	}
	if cfg.requestTimeout != defaultRequestTimeoutSeconds*time.Second {
		t.Errorf("timeout = %v, want the default", cfg.requestTimeout)
	}
}

func TestParseConfigErrorsNameTheField(t *testing.T) {
	cases := map[string]struct{ raw, wantInError string }{
		"not JSON":         {`{"providers":`, "invalid JSON"},
		"no openai":        {`{"providers":{"anthropic":{}}}`, "providers.openai"},
		"no keys":          {`{"providers":{"openai":{"keys":[]}}}`, "providers.openai.keys"},
		"empty key value":  {`{"providers":{"openai":{"keys":[{"name":"k"}]}}}`, "providers.openai.keys[0].value"},
		"no network":       {`{"providers":{"openai":{"keys":[{"value":"k"}]}}}`, "providers.openai.network_config.base_url"},
		"relative base":    {`{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"localhost:8000"}}}}`, "providers.openai.network_config.base_url"},
		"negative timeout": {`{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"http://h","default_request_timeout_in_seconds":-1}}}}`, "default_request_timeout_in_seconds"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := parseConfig([]byte(tc.raw))
			if err == nil || !strings.Contains(err.Error(), tc.wantInError) {
				t.Errorf("error = %v, want one mentioning %q", err, tc.wantInError)
			}
		})
	}
}

func TestLoadConfigErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")

	if _, err := loadConfig(dir); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("missing file: error = %v, want one naming %s", err, path)
	}

	if err := os.WriteFile(path, []byte(`{"providers":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := loadConfig(dir)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "providers.openai") {
		t.Errorf("missing field: error = %v, want one naming %s and providers.openai", err, path)
	}
}
