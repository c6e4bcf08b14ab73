package configstore

import (
	"strings"
	"testing"
	"time"

	"github.com/maximhq/bifrost/core/schemas"
)

func TestParseOfARealisticBifrostConfig(t *testing.T) {
	raw := `{
	  "$schema": "https://www.getbifrost.ai/schema",
	  "client": {"drop_excess_requests": false, "initial_pool_size": 700, "enable_logging": true},
	  "config_store": {"enabled": false},
	  "logs_store": {"enabled": false},
	  "governance": {"virtual_keys": []},
	  "providers": {
	    "openai": {
	      "keys": [{"name": "mock", "value": "sk-mock", "weight": 1, "models": ["*"]}],
	      "network_config": {"base_url": "http://127.0.0.1:8000/", "default_request_timeout_in_seconds": 12, "max_conns_per_host": 8000},
	      "concurrency_and_buffer_size": {"concurrency": 1000, "buffer_size": 1500}
	    },
	    "anthropic": {"keys": [{"name": "a", "value": "env.ANTHROPIC_API_KEY", "weight": 1, "models": ["*"]}]}
	  },
	  "plugins": [{"name": "logging", "enabled": true, "config": {}}]
	}`
	cfg, err := Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	openai := cfg.Providers[schemas.OpenAI]
	if openai.RequestTimeout() != 12*time.Second || openai.MaxConnsPerHost() != 8000 || openai.NetworkConfig.BaseURL != "http://127.0.0.1:8000/" {
		t.Errorf("openai = %+v", openai)
	}
	if cfg.Client.InitialPoolSize != 700 || len(cfg.Plugins) != 1 || cfg.Plugins[0].Name != "logging" || len(cfg.Providers) != 2 {
		t.Errorf("config = %+v", cfg)
	}
}

func TestParseAppliesBifrostsDefaults(t *testing.T) {
	cfg, err := Parse([]byte(`{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"https://api.example.com"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	openai := cfg.Providers[schemas.OpenAI]
	if openai.RequestTimeout() != schemas.DefaultRequestTimeoutInSeconds*time.Second || openai.MaxConnsPerHost() != schemas.DefaultMaxConnsPerHost || cfg.Client.InitialPoolSize != DefaultInitialPoolSize {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

func TestParseErrorsNameTheField(t *testing.T) {
	cases := map[string]struct{ raw, wantInError string }{
		"not JSON":          {`{"providers":`, "invalid JSON"},
		"no openai":         {`{"providers":{"anthropic":{}}}`, "providers.openai"},
		"no keys":           {`{"providers":{"openai":{"keys":[]}}}`, "providers.openai.keys"},
		"empty key value":   {`{"providers":{"openai":{"keys":[{"name":"k"}]}}}`, "providers.openai.keys[0].value"},
		"no network":        {`{"providers":{"openai":{"keys":[{"value":"k"}]}}}`, "providers.openai.network_config.base_url"},
		"relative base":     {`{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"localhost:8000"}}}}`, "providers.openai.network_config.base_url"},
		"negative timeout":  {`{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"http://h","default_request_timeout_in_seconds":-1}}}}`, "default_request_timeout_in_seconds"},
		"too many conns":    {`{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"http://h","max_conns_per_host":10001}}}}`, "max_conns_per_host 10001"},
		"negative conns":    {`{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"http://h","max_conns_per_host":-3}}}}`, "max_conns_per_host -3"},
		"wrong type plugin": {`{"plugins":{"name":"x"}}`, "invalid JSON"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.raw))
			if err == nil || !strings.Contains(err.Error(), tc.wantInError) {
				t.Errorf("error = %v, want one mentioning %q", err, tc.wantInError)
			}
		})
	}
}
