package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// runMainEnv makes the test binary run the command itself, so that a test
// can start it as a process and signal it.
const runMainEnv = "STREAMER_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// writeTargets writes a vegeta JSON targets file, one POST a URL.
func writeTargets(t *testing.T, urls ...string) string {
	t.Helper()
	body := base64.StdEncoding.EncodeToString([]byte(`{"model":"gpt-4o-mini","stream":true}`))
	var lines strings.Builder
	for _, url := range urls {
		fmt.Fprintf(&lines, `{"method":"POST","url":%q,"header":{"Content-Type":["application/json"]},"body":%q}`+"\n", url, body)
	}
	path := filepath.Join(t.TempDir(), "targets.json")
	if err := os.WriteFile(path, []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestInvalidFlagsExitWith2(t *testing.T) {
	targets := writeTargets(t, "http://127.0.0.1:1/v1/chat/completions")
	empty := filepath.Join(t.TempDir(), "empty.json")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-rate", "10"}, "-targets is required"},
		{[]string{"-targets", targets}, "-rate must be a positive number"},
		{[]string{"-targets", targets, "-rate", "10", "-timeout", "0s"}, "-timeout must be positive"},
		{[]string{"-targets", targets, "-rate", "10", "-duration", "-1s"}, "-duration must not be negative"},
		{[]string{"-targets", targets, "-rate", "10", "-max-workers", "0"}, "-max-workers must be at least 1"},
		{[]string{"-targets", targets, "-rate", "10", "extra"}, `unexpected argument "extra"`},
		{[]string{"-targets", "/nonexistent/targets.json", "-rate", "10"}, "/nonexistent/targets.json"},
		{[]string{"-targets", empty, "-rate", "10"}, "no targets"},
		{[]string{"-rate", "ten"}, `invalid value "ten" for flag -rate`},
	} {
		var stdout, stderr bytes.Buffer
		if status := run(c.args, &stdout, &stderr); status != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, status, stderr.String(), c.want)
		}
		if stdout.Len() > 0 {
			t.Errorf("%v: wrote to stdout: %q", c.args, stdout.String())
		}
	}
}

// SIGTERM stops the attack: streams in flight are cancelled and reported,
// the end line is written, the process exits 0 at once and leaves no
// connection open.
func TestSIGTERMStopsFlushesAndExits(t *testing.T) {
	var open atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		open.Add(1)
		defer open.Add(-1)
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprintf(w, "data: %s\n\n", chunkJSON("Hi"))
		_ = http.NewResponseController(w).Flush()
		<-r.Context().Done() // a stream that never ends
	}))
	defer server.Close()
	cmd := exec.Command(os.Args[0], "-targets", writeTargets(t, server.URL), "-rate", "20", "-duration", "30s", "-max-workers", "100")
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for open.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if open.Load() < 3 {
		_ = cmd.Process.Kill()
		t.Fatalf("no streams opened; stderr: %s", stderr.String())
	}
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("still running 5 s after SIGTERM")
	}
	if took := time.Since(signalled); took > 2*time.Second {
		t.Errorf("exited %v after SIGTERM", took)
	}
	_, results, end := decodeOutput(t, stdout.Bytes())
	if !end.Stopped || end.Requests != len(results) || len(results) < 3 {
		t.Errorf("end line %+v with %d results", end, len(results))
	}
	for _, r := range results {
		if r.Error == "" {
			t.Errorf("seq %d: a stream cut by the stop has no error", r.Seq)
		}
	}
	for open.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := open.Load(); n != 0 {
		t.Errorf("%d streams still open after the streamer exited", n)
	}
}
