package network

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// providerClosingIdleConnections answers "ok" and closes a keep-alive
// connection once it has been idle for idle, as vLLM does after 5 s.
func providerClosingIdleConnections(t *testing.T, idle time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, "ok")
	}))
	srv.Config.IdleTimeout = idle
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, client Doer, url string) (string, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"model":"m"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

func TestPoolClientFailsOnAConnectionClosedWhileIdle(t *testing.T) {
	provider := providerClosingIdleConnections(t, 50*time.Millisecond)
	client := NewPoolClient(10, 5*time.Second)
	if body, err := post(t, client, provider.URL); err != nil || body != "ok" {
		t.Fatalf("first request: %q, %v", body, err)
	}
	if client.Idle() != 1 {
		t.Fatalf("idle connections = %d, want the first request's", client.Idle())
	}
	time.Sleep(300 * time.Millisecond) // the provider closes the idle connection
	_, err := post(t, client, provider.URL)
	if !errors.Is(err, ErrClosedBeforeResponse) {
		t.Fatalf("request on the stale connection: error = %v, want %v", err, ErrClosedBeforeResponse)
	}
	// The failed connection is gone; the next request dials a new one.
	if body, err := post(t, client, provider.URL); err != nil || body != "ok" {
		t.Errorf("request after the failure: %q, %v", body, err)
	}
}

func TestGoTransportRecoversFromAConnectionClosedWhileIdle(t *testing.T) {
	provider := providerClosingIdleConnections(t, 50*time.Millisecond)
	client := NewClient(ClientConfig{MaxConnsPerHost: 10, Timeout: 5 * time.Second})
	for i := range 2 {
		if body, err := post(t, client, provider.URL); err != nil || body != "ok" {
			t.Fatalf("request %d: %q, %v", i, body, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

func TestPoolClientReusesConnectionsFirstInFirstOut(t *testing.T) {
	var connections atomic.Int32
	provider := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	provider.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			connections.Add(1)
		}
	}
	provider.Start()
	defer provider.Close()
	client := NewPoolClient(10, 5*time.Second)
	for range 5 {
		if _, err := post(t, client, provider.URL); err != nil {
			t.Fatal(err)
		}
	}
	if n := connections.Load(); n != 1 {
		t.Errorf("sequential requests opened %d connections, want 1", n)
	}
}

// TestConnectionCapMakesRequestsWait checks both clients: with one
// connection allowed, a second request waits for the first to finish.
func TestConnectionCapMakesRequestsWait(t *testing.T) {
	const providerLatency = 100 * time.Millisecond
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(providerLatency)
		_, _ = io.WriteString(w, "ok")
	}))
	defer provider.Close()
	for name, client := range map[string]Doer{
		"go transport": NewClient(ClientConfig{MaxConnsPerHost: 1, Timeout: 5 * time.Second}),
		"pool client":  NewClient(ClientConfig{MaxConnsPerHost: 1, Timeout: 5 * time.Second, StaleConnections: true}),
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			done := make(chan error, 2)
			for range 2 {
				go func() {
					_, err := post(t, client, provider.URL)
					done <- err
				}()
			}
			for range 2 {
				if err := <-done; err != nil {
					t.Fatal(err)
				}
			}
			if elapsed := time.Since(start); elapsed < 2*providerLatency {
				t.Errorf("two requests over one connection took %v, want at least %v", elapsed, 2*providerLatency)
			}
		})
	}
}

func TestPoolClientWaitEndsAtTheTimeout(t *testing.T) {
	release := make(chan struct{})
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		<-release
	}))
	defer provider.Close()
	defer close(release)
	client := NewPoolClient(1, 200*time.Millisecond)
	req, _ := http.NewRequest(http.MethodPost, provider.URL, strings.NewReader("{}"))
	held, err := client.Do(req) // its unread body holds the only connection
	if err != nil {
		t.Fatal(err)
	}
	defer held.Body.Close()
	_, err = post(t, client, provider.URL)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "no free connection") {
		t.Errorf("error = %v, want the request timeout while waiting for a connection", err)
	}
}
