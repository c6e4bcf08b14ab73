package lib

import (
	"strings"
	"testing"
	"time"
)

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestHooksFromEnv(t *testing.T) {
	hooks, err := HooksFromEnv(envOf(map[string]string{
		EnvNeverReady:         "1",
		EnvCrashAfterRequests: "7",
		EnvErrorBody:          "true",
		EnvFailPercent:        "12.5",
		EnvStreamAsJSON:       "1",
		EnvTelemetryDelayMs:   "250",
		EnvBufferStream:       "1",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := Hooks{NeverReady: true, CrashAfterRequests: 7, ErrorBody: true, FailBasisPoints: 1250, StreamAsJSON: true, TelemetryDelay: 250 * time.Millisecond, BufferStream: true}
	if hooks != want {
		t.Errorf("hooks = %+v, want %+v", hooks, want)
	}
	if hooks, err = HooksFromEnv(envOf(nil)); err != nil || hooks != (Hooks{}) {
		t.Errorf("unset env: hooks = %+v, err = %v; want no hooks", hooks, err)
	}
}

func TestHooksFromEnvRejectsInvalidValues(t *testing.T) {
	for name, value := range map[string]string{
		EnvNeverReady:         "yes please",
		EnvCrashAfterRequests: "0",
		EnvErrorBody:          "2",
		EnvFailPercent:        "101",
		EnvStreamAsJSON:       "on",
		EnvTelemetryDelayMs:   "-1",
		EnvBufferStream:       "all",
	} {
		_, err := HooksFromEnv(envOf(map[string]string{name: value}))
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: error = %v, want one naming it", name, value, err)
		}
	}
	if _, err := HooksFromEnv(envOf(map[string]string{EnvFailPercent: "-5"})); err == nil {
		t.Error("a negative percentage was accepted")
	}
}

func TestFailsRequestSpreadsTheShareEvenly(t *testing.T) {
	for _, tc := range []struct {
		percent string
		first8  string // x = failed
		per1000 int
	}{
		{"25", "...x...x", 250},
		{"50", ".x.x.x.x", 500},
		{"100", "xxxxxxxx", 1000},
		{"0", "........", 0},
		{"0.5", "........", 5},
	} {
		hooks, err := HooksFromEnv(envOf(map[string]string{EnvFailPercent: tc.percent}))
		if err != nil {
			t.Fatal(err)
		}
		var pattern strings.Builder
		failed := 0
		for n := uint64(1); n <= 1000; n++ {
			fails := hooks.FailsRequest(n)
			if n <= 8 {
				pattern.WriteString(map[bool]string{true: "x", false: "."}[fails])
			}
			if fails {
				failed++
			}
		}
		if pattern.String() != tc.first8 || failed != tc.per1000 {
			t.Errorf("%s%%: first 8 = %s, failed %d of 1000; want %s and %d", tc.percent, pattern.String(), failed, tc.first8, tc.per1000)
		}
	}
}
