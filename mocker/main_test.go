package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// An idle keep-alive connection is closed by the server after -idle-timeout,
// which is what makes a gateway's pooled connections go stale.
func TestIdleTimeoutClosesIdleConnections(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(options{idleTimeout: 150 * time.Millisecond})
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	reader := bufio.NewReader(conn)
	request := "GET /health HTTP/1.1\r\nHost: mocker\r\n\r\n"
	for round := 0; round < 2; round++ {
		// Within the idle timeout, the same connection serves a second request.
		if _, err := io.WriteString(conn, request); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(reader, nil)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		time.Sleep(50 * time.Millisecond)
	}

	start := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = reader.ReadByte()
	if !errors.Is(err, io.EOF) {
		t.Fatalf("read on an idle connection = %v, want EOF (closed by the server)", err)
	}
	if waited := time.Since(start); waited < 50*time.Millisecond || waited > 2*time.Second {
		t.Fatalf("closed after %s, want about the 150ms idle timeout", waited)
	}
}
