package main

import (
	"strings"
	"testing"
	"time"
)

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestHooksFromEnv(t *testing.T) {
	hooks, err := hooksFromEnv(envOf(map[string]string{
		envAddedLatencyMs:     "250",
		envNeverReady:         "1",
		envCrashAfterRequests: "7",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := testHooks{addedLatency: 250 * time.Millisecond, neverReady: true, crashAfterRequests: 7}
	if hooks != want {
		t.Errorf("hooks = %+v, want %+v", hooks, want)
	}

	hooks, err = hooksFromEnv(envOf(nil))
	if err != nil || hooks != (testHooks{}) {
		t.Errorf("unset env: hooks = %+v, err = %v; want no hooks", hooks, err)
	}
}

func TestHooksFromEnvRejectsInvalidValues(t *testing.T) {
	for name, value := range map[string]string{
		envAddedLatencyMs:     "20ms",
		envNeverReady:         "yes please",
		envCrashAfterRequests: "0",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := hooksFromEnv(envOf(map[string]string{name: value}))
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("error = %v, want one naming %s", err, name)
			}
		})
	}
	if _, err := hooksFromEnv(envOf(map[string]string{envAddedLatencyMs: "-5"})); err == nil {
		t.Error("negative latency accepted")
	}
}
