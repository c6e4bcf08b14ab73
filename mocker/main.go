// Command mocker is a mock OpenAI-compatible provider that answers chat
// completions after a configurable delay. It stands in for the real provider
// so that load tests measure only the latency a gateway adds on top of it.
//
// Its flags are compatible with the mocker of bifrost-benchmarking.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after a stop signal; requests sleeping longer are cut off.
const shutdownTimeout = 5 * time.Second

func main() {
	host := flag.String("host", "localhost", "host to listen on")
	port := flag.Int("port", 8000, "port to listen on")
	latencyMs := flag.Int("latency", 0, "latency added to every chat completion, in milliseconds")
	jitterMs := flag.Int("jitter", 0, "uniform random jitter (±) added to the latency, in milliseconds")
	logRequests := flag.Bool("log-requests", false, "log one line per request")
	streamChunks := flag.Int("stream-chunks", defaultStreamChunks, "content events in a streamed completion (\"stream\": true), at least 1")
	streamIntervalMs := flag.Int("stream-interval-ms", 0, "milliseconds between consecutive content events of a stream; the first is sent after the latency")
	idleTimeout := flag.Duration("idle-timeout", 120*time.Second, "how long an idle keep-alive connection is kept open before the server closes it")
	// Named and defaulted from the environment as in bifrost-benchmarking's mocker.
	failurePercent := flag.Int("failure-percent", envInt("MOCKER_FAILURE_PERCENT", 0), "percent of chat requests (0-100) answered at once with HTTP 500, spread evenly (env MOCKER_FAILURE_PERCENT)")
	flag.Parse()

	if *latencyMs < 0 || *jitterMs < 0 {
		fmt.Fprintln(os.Stderr, "mocker: -latency and -jitter must not be negative")
		os.Exit(2)
	}
	if *streamChunks < 1 {
		fmt.Fprintf(os.Stderr, "mocker: -stream-chunks %d: must be at least 1\n", *streamChunks)
		os.Exit(2)
	}
	if *streamIntervalMs < 0 {
		fmt.Fprintf(os.Stderr, "mocker: -stream-interval-ms %d: must not be negative\n", *streamIntervalMs)
		os.Exit(2)
	}
	if *failurePercent < 0 || *failurePercent > 100 {
		fmt.Fprintln(os.Stderr, "mocker: -failure-percent must be within 0..100")
		os.Exit(2)
	}
	if *idleTimeout <= 0 {
		fmt.Fprintln(os.Stderr, "mocker: -idle-timeout must be positive")
		os.Exit(2)
	}

	opts := options{
		latencyMs: *latencyMs, jitterMs: *jitterMs,
		streamChunks: *streamChunks, streamInterval: time.Duration(*streamIntervalMs) * time.Millisecond,
		idleTimeout: *idleTimeout, failurePercent: *failurePercent,
	}
	if *logRequests {
		opts.requestLog = log.New(os.Stdout, "", log.LstdFlags|log.Lmicroseconds)
	}
	if err := run(net.JoinHostPort(*host, strconv.Itoa(*port)), opts); err != nil {
		fmt.Fprintln(os.Stderr, "mocker:", err)
		os.Exit(1)
	}
}

// envInt reads an integer default from the environment; an unset or
// malformed value gives fallback.
func envInt(name string, fallback int) int {
	value, err := strconv.Atoi(os.Getenv(name))
	if err != nil {
		return fallback
	}
	return value
}

// newServer is the mock provider's HTTP server, not yet listening.
func newServer(opts options) *http.Server {
	return &http.Server{
		Handler: newHandler(opts),
		// No ReadTimeout or WriteTimeout: they would cut (or cancel the
		// context of) requests that deliberately sleep for a long time.
		ReadHeaderTimeout: 10 * time.Second,
		// A load test sets this below its idle period between stress runs, so
		// that pooled connections go stale as a real provider's would.
		IdleTimeout: opts.idleTimeout,
	}
}

// run serves until SIGINT or SIGTERM, then shuts down gracefully.
func run(addr string, opts options) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// Bind before announcing, so that whoever waits for the log line can
	// connect as soon as it appears.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := newServer(opts)
	fmt.Printf("mocker listening on http://%s (latency %dms ±%dms, streams of %d chunks %s apart, idle timeout %s)\n", ln.Addr(), opts.latencyMs, opts.jitterMs, opts.streamChunks, opts.streamInterval, opts.idleTimeout)

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}

	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	// Requests still sleeping after the timeout are dropped: a stopped mock
	// provider has nothing left to prove.
	return nil
}
