package main

// These tests run the built binary, because what a load tester relies on
// is process behaviour: the ready log line, log levels, exit statuses and
// signals.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/transports/bifrost-http/handlers"
	"github.com/maximhq/bifrost/transports/bifrost-http/lib"
)

const readyLinePrefix = "successfully started bifrost, serving UI on http://"

var (
	buildOnce   sync.Once
	binaryDir   string
	binaryPath  string
	buildFailed error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// gatewayBinary builds this package once per test run as a clean checkout
// is built: in the Go workspace the test runs in (GOWORK), with ui/ filled
// by a placeholder through -overlay instead of a file in the checkout.
func gatewayBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	buildOnce.Do(func() {
		binaryDir, buildFailed = os.MkdirTemp("", "bifrost-like-test-")
		if buildFailed != nil {
			return
		}
		packageDir, err := os.Getwd()
		if err != nil {
			buildFailed = err
			return
		}
		empty := filepath.Join(binaryDir, "empty")
		overlay := filepath.Join(binaryDir, "overlay.json")
		replace, _ := json.Marshal(map[string]map[string]string{"Replace": {filepath.Join(packageDir, "ui", ".placeholder"): empty}})
		if buildFailed = os.WriteFile(empty, nil, 0o600); buildFailed != nil {
			return
		}
		if buildFailed = os.WriteFile(overlay, replace, 0o600); buildFailed != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "bifrost-http")
		if out, err := exec.Command("go", "build", "-overlay", overlay, "-o", binaryPath, ".").CombinedOutput(); err != nil {
			buildFailed = fmt.Errorf("go build (GOWORK=%s): %v\n%s", os.Getenv("GOWORK"), err, out)
		}
	})
	if buildFailed != nil {
		t.Fatal(buildFailed)
	}
	return binaryPath
}

// lockedBuffer collects process output written from exec's copying goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type gatewayProcess struct {
	cmd    *exec.Cmd
	output *lockedBuffer
	url    string
	done   chan struct{} // closed when the process has exited
}

type processOptions struct {
	env        []string
	args       []string
	config     string // config.json; default: openai pointing at the upstream
	withSchema bool   // copy config.schema.json into the app dir (the working directory)
}

// startProcess runs the binary on a free 127.0.0.1 port, in an app dir that
// is also its working directory. The process is killed at the end of the
// test if it is still running.
func startProcess(t *testing.T, upstreamURL string, opts processOptions) *gatewayProcess {
	t.Helper()
	binary := gatewayBinary(t)
	appDir := t.TempDir()
	config := opts.config
	if config == "" {
		config = fmt.Sprintf(`{"providers":{"openai":{"keys":[{"name":"k","value":"sk-test","weight":1}],"network_config":{"base_url":%q}}}}`, upstreamURL)
	}
	if err := os.WriteFile(filepath.Join(appDir, "config.json"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if opts.withSchema {
		schema, err := os.ReadFile("../config.schema.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(appDir, "config.schema.json"), schema, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	port := freePort(t)

	cmd := exec.Command(binary, append([]string{"-app-dir", appDir, "-host", "127.0.0.1", "-port", strconv.Itoa(port)}, opts.args...)...)
	cmd.Dir = appDir
	cmd.Env = append(os.Environ(), opts.env...)
	p := &gatewayProcess{cmd: cmd, output: &lockedBuffer{}, url: fmt.Sprintf("http://127.0.0.1:%d", port), done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.output, p.output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = cmd.Wait() // the exit status stays readable from cmd.ProcessState
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
	})
	return p
}

// freePort asks the kernel for a port that is free right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitFor polls cond until it holds, failing the test after a few seconds.
func (p *gatewayProcess) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s; output:\n%s", what, p.output.String())
}

func (p *gatewayProcess) waitForExit(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(10 * time.Second):
		t.Fatalf("process did not exit; output:\n%s", p.output.String())
		return 0
	}
}

func (p *gatewayProcess) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.waitForExit(t); code != 0 {
		t.Errorf("exit status after SIGTERM = %d, want 0; output:\n%s", code, p.output.String())
	}
}

func (p *gatewayProcess) healthStatus() int {
	resp, err := http.Get(p.url + "/health")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func postChat(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Post(url+"/v1/chat/completions", "application/json", strings.NewReader(`{"model":"openai/m"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// provider is a fake OpenAI provider; it counts GET /v1/models calls.
func provider(t *testing.T) (*httptest.Server, func() int) {
	t.Helper()
	var mu sync.Mutex
	modelCalls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/v1/models" {
			mu.Lock()
			modelCalls++
			mu.Unlock()
			_, _ = io.WriteString(w, `{"object":"list","data":[]}`)
			return
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	return srv, func() int {
		mu.Lock()
		defer mu.Unlock()
		return modelCalls
	}
}

func TestProcessLogsReadyLineOnceAndStopsOnSIGTERM(t *testing.T) {
	upstream, modelCalls := provider(t)
	p := startProcess(t, upstream.URL, processOptions{withSchema: true})
	wantMessage := `"message":"` + readyLinePrefix + strings.TrimPrefix(p.url, "http://") + `"}`
	p.waitFor(t, "the ready line", func() bool { return strings.Contains(p.output.String(), wantMessage) })
	if n := modelCalls(); n != 1 {
		t.Errorf("GET /v1/models calls at start = %d, want 1", n)
	}

	if status, body := postChat(t, p.url); status != http.StatusOK || body != `{"ok":true}` {
		t.Errorf("chat through the process = %d %s", status, body)
	}
	p.stop(t)

	output := p.output.String()
	if n := strings.Count(output, readyLinePrefix); n != 1 {
		t.Errorf("ready line logged %d times, want once; output:\n%s", n, output)
	}
	if !strings.Contains(output, `{"level":"info","time":`) {
		t.Errorf("ready line is not a JSON info line; output:\n%s", output)
	}
	if strings.Contains(output, "would download") {
		t.Errorf("the schema in the working directory was not used; output:\n%s", output)
	}
}

func TestProcessLogsEachRequestAtInfoAndNoneAtWarn(t *testing.T) {
	upstream, _ := provider(t)
	for level, wantLines := range map[string]int{"info": 3, "warn": 0} {
		t.Run(level, func(t *testing.T) {
			p := startProcess(t, upstream.URL, processOptions{args: []string{"-log-level", level}, withSchema: true})
			p.waitFor(t, "an answer on /health", func() bool { return p.healthStatus() == http.StatusOK })
			for range 3 {
				postChat(t, p.url)
			}
			p.stop(t)
			if n := strings.Count(p.output.String(), "chat completion for openai/m"); n != wantLines {
				t.Errorf("per-request lines = %d, want %d; output:\n%s", n, wantLines, p.output.String())
			}
		})
	}
}

func TestProcessWithoutReadyLine(t *testing.T) {
	upstream, _ := provider(t)
	for name, tc := range map[string]struct {
		opts       processOptions
		wantHealth int
	}{
		"never ready":     {processOptions{env: []string{lib.EnvNeverReady + "=1"}}, http.StatusServiceUnavailable},
		"log level warn":  {processOptions{args: []string{"-log-level", "warn"}}, http.StatusOK},
		"log level error": {processOptions{args: []string{"-log-level", "error"}}, http.StatusOK},
	} {
		t.Run(name, func(t *testing.T) {
			p := startProcess(t, upstream.URL, tc.opts)
			p.waitFor(t, "an answer on /health", func() bool { return p.healthStatus() != 0 })
			if status := p.healthStatus(); status != tc.wantHealth {
				t.Errorf("health status = %d, want %d", status, tc.wantHealth)
			}
			p.stop(t)
			if output := p.output.String(); strings.Contains(output, readyLinePrefix) {
				t.Errorf("ready line logged; output:\n%s", output)
			}
		})
	}
}

func TestProcessStartsWhenTheProviderIsDown(t *testing.T) {
	// GET /v1/models fails at start: a warning, not an exit.
	p := startProcess(t, "http://127.0.0.1:1", processOptions{args: []string{"-log-level", "warn"}})
	p.waitFor(t, "an answer on /health", func() bool { return p.healthStatus() == http.StatusOK })
	p.stop(t)
	output := p.output.String()
	for _, want := range []string{"failed to list models of provider openai", "would download it from " + lib.DefaultSchemaURL} {
		if !strings.Contains(output, want) {
			t.Errorf("output lacks %q:\n%s", want, output)
		}
	}
}

func TestProcessWithStaleConnectionsFailsAfterTheProviderClosedAnIdleConnection(t *testing.T) {
	provider := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	provider.Config.IdleTimeout = 100 * time.Millisecond // vLLM closes idle connections after 5 s
	provider.Start()
	t.Cleanup(provider.Close)
	for knob, wantSecond := range map[string]int{"1": http.StatusBadGateway, "0": http.StatusOK} {
		t.Run(bifrost.EnvStaleConnections+"="+knob, func(t *testing.T) {
			p := startProcess(t, provider.URL, processOptions{env: []string{bifrost.EnvStaleConnections + "=" + knob}})
			p.waitFor(t, "an answer on /health", func() bool { return p.healthStatus() == http.StatusOK })
			time.Sleep(400 * time.Millisecond) // the provider closes the start-up GET /v1/models connection
			if status, body := postChat(t, p.url); status != wantSecond {
				t.Errorf("chat on a connection closed while idle = %d %s, want %d", status, body, wantSecond)
			} else if status == http.StatusBadGateway && !strings.Contains(body, "the server closed connection before returning the first response byte") {
				t.Errorf("502 body = %s, want the closed-connection error", body)
			}
			if status, body := postChat(t, p.url); status != http.StatusOK {
				t.Errorf("next chat = %d %s, want 200 on a new connection", status, body)
			}
			p.stop(t)
		})
	}
}

func TestProcessCrashesAfterRequests(t *testing.T) {
	upstream, _ := provider(t)
	p := startProcess(t, upstream.URL, processOptions{env: []string{lib.EnvCrashAfterRequests + "=2"}})
	p.waitFor(t, "the ready line", func() bool { return strings.Contains(p.output.String(), readyLinePrefix) })

	postChat(t, p.url)
	_, err := http.Post(p.url+"/v1/chat/completions", "application/json", strings.NewReader(`{"model":"openai/m"}`))
	if err == nil {
		t.Error("the crashing request got a response")
	}
	if code := p.waitForExit(t); code != handlers.CrashExitCode {
		t.Errorf("exit status = %d, want %d", code, handlers.CrashExitCode)
	}
	if want := "crashing after 2 requests (" + lib.EnvCrashAfterRequests + ")"; !strings.Contains(p.output.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, p.output.String())
	}
}

func TestProcessStartupErrorsExit1(t *testing.T) {
	const tooManyConns = `{"providers":{"openai":{"keys":[{"value":"k"}],"network_config":{"base_url":"http://127.0.0.1:1","max_conns_per_host":20000}}}}`
	for name, tc := range map[string]struct {
		opts         processOptions
		wantInOutput string
	}{
		"missing config":          {processOptions{args: []string{"-app-dir", "/nonexistent"}}, "/nonexistent/config.json"},
		"invalid added latency":   {processOptions{env: []string{bifrost.EnvAddedLatencyMs + "=fast"}}, bifrost.EnvAddedLatencyMs},
		"invalid stale knob":      {processOptions{env: []string{bifrost.EnvStaleConnections + "=maybe"}}, bifrost.EnvStaleConnections},
		"invalid log level":       {processOptions{args: []string{"-log-level", "verbose"}}, "-log-level"},
		"invalid log style":       {processOptions{args: []string{"-log-style", "xml"}}, "-log-style"},
		"invalid crash requests":  {processOptions{env: []string{lib.EnvCrashAfterRequests + "=-1"}}, lib.EnvCrashAfterRequests},
		"invalid fail percent":    {processOptions{env: []string{lib.EnvFailPercent + "=all"}}, lib.EnvFailPercent},
		"invalid added CPU":       {processOptions{env: []string{bifrost.EnvAddedCPUUs + "=10us"}}, bifrost.EnvAddedCPUUs},
		"invalid buffer knob":     {processOptions{env: []string{lib.EnvBufferStream + "=sometimes"}}, lib.EnvBufferStream},
		"schema: too many conns":  {processOptions{config: tooManyConns, withSchema: true}, "max_conns_per_host: 20000 is above the maximum 10000"},
		"no schema: too many con": {processOptions{config: tooManyConns}, "max_conns_per_host 20000: must be from 1 to 10000"},
	} {
		t.Run(name, func(t *testing.T) {
			// Each case breaks exactly one thing (a later -app-dir
			// overrides the one startProcess passes).
			p := startProcess(t, "http://127.0.0.1:1", tc.opts)
			if code := p.waitForExit(t); code != 1 {
				t.Errorf("exit status = %d, want 1", code)
			}
			if output := p.output.String(); !strings.Contains(output, `"level":"error"`) || !strings.Contains(output, tc.wantInOutput) {
				t.Errorf("output lacks an error naming %q:\n%s", tc.wantInOutput, output)
			}
		})
	}
}
