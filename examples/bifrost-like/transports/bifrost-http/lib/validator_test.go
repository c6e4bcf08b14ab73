package lib

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/core/schemas"
)

// schemaPath is the replica's schema, where upstream keeps it: transports/.
var schemaPath, _ = filepath.Abs("../../config.schema.json")

// inDirWithSchema runs the test in a fresh working directory holding a copy
// of the schema (as the load tester's app dir does), and logs to a buffer.
func inDirWithSchema(t *testing.T, withSchema bool) *bytes.Buffer {
	t.Helper()
	dir := t.TempDir()
	if withSchema {
		raw, err := os.ReadFile(schemaPath)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "config.schema.json"), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var out bytes.Buffer
	SetLogger(bifrost.NewLogger(&out, schemas.LogLevelDebug))
	t.Cleanup(func() { SetLogger(bifrost.NewLogger(io.Discard, schemas.LogLevelDebug)) })
	return &out
}

const validConfig = `{
  "$schema": "https://www.getbifrost.ai/schema",
  "client": {"initial_pool_size": 5000, "drop_excess_requests": false, "enable_logging": true},
  "config_store": {"enabled": false},
  "logs_store": {"enabled": false},
  "governance": {"budgets": []},
  "plugins": [{"name": "logging", "enabled": true, "config": {}}],
  "providers": {
    "openai": {
      "keys": [{"name": "k", "value": "sk", "weight": 1, "models": ["*"]}],
      "network_config": {"base_url": "http://127.0.0.1:8000", "default_request_timeout_in_seconds": 30, "max_conns_per_host": 10000},
      "concurrency_and_buffer_size": {"concurrency": 5000, "buffer_size": 10000}
    },
    "anthropic": {"keys": [{"name": "a", "value": "env.ANTHROPIC_API_KEY", "weight": 1, "models": ["*"]}]}
  }
}`

func TestValidConfigPassesTheSchema(t *testing.T) {
	out := inDirWithSchema(t, true)
	if err := ValidateConfigSchema([]byte(validConfig)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "valid against config.schema.json") {
		t.Errorf("log = %s", out)
	}
}

func TestSchemaProblemsNameThePath(t *testing.T) {
	inDirWithSchema(t, true)
	for name, tc := range map[string]struct{ from, to, want string }{
		"too many conns": {`"max_conns_per_host": 10000`, `"max_conns_per_host": 20000`, "at /providers/openai/network_config/max_conns_per_host: 20000 is above the maximum 10000"},
		"fractional":     {`"concurrency": 5000`, `"concurrency": 50.5`, "at /providers/openai/concurrency_and_buffer_size/concurrency: got number, want integer"},
		"other provider": {`"weight": 1, "models": ["*"]}]}`, `"weight": -1, "models": ["*"]}]}`, "at /providers/anthropic/keys/0/weight: -1 is below the minimum 0"},
		"plugin name":    {`{"name": "logging",`, `{`, "at /plugins/0: missing required property name"},
		"version":        {`"$schema"`, `"version": 3, "$schema"`, "at /version: 3 is not one of [1 2]"},
		"client type":    {`"drop_excess_requests": false`, `"drop_excess_requests": "no"`, "at /client/drop_excess_requests: got string, want boolean"},
	} {
		t.Run(name, func(t *testing.T) {
			config := strings.Replace(validConfig, tc.from, tc.to, 1)
			if config == validConfig {
				t.Fatalf("%q not in the config", tc.from)
			}
			err := ValidateConfigSchema([]byte(config))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one with %q", err, tc.want)
			}
		})
	}
}

func TestWithoutALocalSchemaItLogsThatBifrostWouldDownloadIt(t *testing.T) {
	out := inDirWithSchema(t, false)
	config := strings.Replace(validConfig, `"max_conns_per_host": 10000`, `"max_conns_per_host": 20000`, 1)
	if err := ValidateConfigSchema([]byte(config)); err != nil {
		t.Errorf("error = %v, want none (nothing to validate against)", err)
	}
	if want := "would download it from " + DefaultSchemaURL; !strings.Contains(out.String(), want) || !strings.Contains(out.String(), `"level":"warn"`) {
		t.Errorf("log lacks a warning %q: %s", want, out)
	}
}

func TestLoadConfigErrorsNameTheFile(t *testing.T) {
	inDirWithSchema(t, true)
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	if _, err := LoadConfig(dir); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("missing file: error = %v, want one naming %s", err, path)
	}
	for content, want := range map[string]string{
		`{"providers":{}}`: "providers.openai",
		`{"providers":{"openai":{"network_config":{"max_conns_per_host":0}}}}`: "below the minimum 1",
	} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadConfig(dir)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error = %v, want one naming %s and %q", content, err, path, want)
		}
	}
	if err := os.WriteFile(path, []byte(validConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, err := LoadConfig(dir); err != nil || len(cfg.Providers) != 2 {
		t.Errorf("valid config: %+v, %v", cfg, err)
	}
}

func TestMain(m *testing.M) {
	SetLogger(bifrost.NewLogger(io.Discard, schemas.LogLevelDebug))
	os.Exit(m.Run())
}
