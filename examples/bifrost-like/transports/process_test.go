package main

// These tests run the built binary, because what a load tester relies on
// is process behaviour: the ready log line, exit statuses and signals.

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
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

// gatewayBinary builds the package once per test run, like a bifrost
// checkout is built: `go build` in transports/.
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
		binaryPath = filepath.Join(binaryDir, "bifrost-http")
		if out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput(); err != nil {
			buildFailed = fmt.Errorf("go build: %v\n%s", err, out)
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

// startProcess runs the binary on a free 127.0.0.1 port with a config.json
// pointing at upstreamURL. The process is killed at the end of the test if
// it is still running.
func startProcess(t *testing.T, upstreamURL string, env []string, args ...string) *gatewayProcess {
	t.Helper()
	binary := gatewayBinary(t)
	appDir := t.TempDir()
	config := fmt.Sprintf(`{"providers":{"openai":{"keys":[{"name":"k","value":"sk-test","weight":1}],"network_config":{"base_url":%q}}}}`, upstreamURL)
	if err := os.WriteFile(filepath.Join(appDir, "config.json"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)

	cmd := exec.Command(binary, append([]string{"-app-dir", appDir, "-host", "127.0.0.1", "-port", strconv.Itoa(port)}, args...)...)
	cmd.Env = append(os.Environ(), env...)
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

func TestProcessLogsReadyLineOnceAndStopsOnSIGTERM(t *testing.T) {
	upstream, _ := fakeUpstream(t, http.StatusOK, "application/json", `{"ok":true}`)
	p := startProcess(t, upstream.URL, nil)
	wantMessage := `"message":"` + readyLinePrefix + strings.TrimPrefix(p.url, "http://") + `"}`
	p.waitFor(t, "the ready line", func() bool { return strings.Contains(p.output.String(), wantMessage) })

	resp, body := postChat(t, p.url, `{"model":"openai/m"}`)
	if resp.StatusCode != http.StatusOK || body != `{"ok":true}` {
		t.Errorf("chat through the process = %d %s", resp.StatusCode, body)
	}
	p.stop(t)

	output := p.output.String()
	if n := strings.Count(output, readyLinePrefix); n != 1 {
		t.Errorf("ready line logged %d times, want once; output:\n%s", n, output)
	}
	if !strings.Contains(output, `{"level":"info","time":`) {
		t.Errorf("ready line is not a JSON info line; output:\n%s", output)
	}
}

func TestProcessWithoutReadyLine(t *testing.T) {
	for name, tc := range map[string]struct {
		env        []string
		args       []string
		wantHealth int
	}{
		"never ready":     {[]string{envNeverReady + "=1"}, nil, http.StatusServiceUnavailable},
		"log level warn":  {nil, []string{"-log-level", "warn"}, http.StatusOK},
		"log level error": {nil, []string{"-log-level", "error"}, http.StatusOK},
	} {
		t.Run(name, func(t *testing.T) {
			p := startProcess(t, "http://127.0.0.1:1", tc.env, tc.args...)
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

func TestProcessCrashesAfterRequests(t *testing.T) {
	upstream, _ := fakeUpstream(t, http.StatusOK, "application/json", `{}`)
	p := startProcess(t, upstream.URL, []string{envCrashAfterRequests + "=2"})
	p.waitFor(t, "the ready line", func() bool { return strings.Contains(p.output.String(), readyLinePrefix) })

	postChat(t, p.url, `{"model":"openai/m"}`)
	_, err := http.Post(p.url+"/v1/chat/completions", "application/json", strings.NewReader(`{"model":"openai/m"}`))
	if err == nil {
		t.Error("the crashing request got a response")
	}
	if code := p.waitForExit(t); code != crashExitCode {
		t.Errorf("exit status = %d, want %d", code, crashExitCode)
	}
	if want := "crashing after 2 requests (" + envCrashAfterRequests + ")"; !strings.Contains(p.output.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, p.output.String())
	}
}

func TestProcessStartupErrorsExit1(t *testing.T) {
	for name, tc := range map[string]struct {
		env          []string
		args         []string
		wantInOutput string
	}{
		"missing config":         {nil, []string{"-app-dir", "/nonexistent"}, "/nonexistent/config.json"},
		"invalid added latency":  {[]string{envAddedLatencyMs + "=fast"}, nil, envAddedLatencyMs},
		"invalid log level":      {nil, []string{"-log-level", "verbose"}, "-log-level"},
		"invalid log style":      {nil, []string{"-log-style", "xml"}, "-log-style"},
		"invalid crash requests": {[]string{envCrashAfterRequests + "=-1"}, nil, envCrashAfterRequests},
	} {
		t.Run(name, func(t *testing.T) {
			// The config is valid: each case breaks exactly one thing
			// (a later -app-dir overrides the one startProcess passes).
			p := startProcess(t, "http://127.0.0.1:1", tc.env, tc.args...)
			if code := p.waitForExit(t); code != 1 {
				t.Errorf("exit status = %d, want 1", code)
			}
			if output := p.output.String(); !strings.Contains(output, `"level":"error"`) || !strings.Contains(output, tc.wantInOutput) {
				t.Errorf("output lacks an error naming %q:\n%s", tc.wantInOutput, output)
			}
		})
	}
}
