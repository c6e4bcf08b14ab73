// Command transports is a minimal LLM gateway laid out and launched like
// bifrost's bifrost-http (built from a checkout's transports/ directory,
// same flags, same config.json, same ready log line). It lets the load
// tester be exercised end to end without a real bifrost.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after a stop signal.
const shutdownTimeout = 5 * time.Second

type options struct {
	appDir string
	host   string
	port   int
}

func main() {
	appDir := flag.String("app-dir", ".", "directory holding config.json")
	port := flag.Int("port", 8080, "port to listen on")
	host := flag.String("host", "localhost", "host to listen on")
	logLevelName := flag.String("log-level", "info", "log level: debug, info, warn or error")
	logStyle := flag.String("log-style", "json", "log style: json or pretty (accepted for compatibility; logs are always JSON)")
	flag.Parse()

	level, err := parseLogLevel(*logLevelName)
	if err == nil && *logStyle != "json" && *logStyle != "pretty" {
		err = fmt.Errorf("invalid -log-style %q: want json or pretty", *logStyle)
	}
	if err != nil {
		newLogger(os.Stdout, levelError).Error("%v", err)
		os.Exit(1)
	}

	log := newLogger(os.Stdout, level)
	if err := run(options{appDir: *appDir, host: *host, port: *port}, log); err != nil {
		log.Error("%v", err)
		os.Exit(1)
	}
}

// run serves until SIGINT or SIGTERM, then shuts down gracefully.
func run(opts options, log *logger) error {
	hooks, err := hooksFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(opts.appDir)
	if err != nil {
		return err
	}
	log.Info("loaded config from %s: openai requests go to %s", opts.appDir, cfg.upstreamURL)
	if hooks.neverReady {
		log.Warn("BIFROST_LIKE_NEVER_READY is set: /health answers 503 and the ready line is never logged")
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", net.JoinHostPort(opts.host, strconv.Itoa(opts.port)))
	if err != nil {
		return fmt.Errorf("failed to create listener: %w", err)
	}
	srv := &http.Server{
		Handler: newGateway(cfg, hooks, log, os.Exit).routes(),
		// No ReadTimeout or WriteTimeout: they would cut slow provider
		// responses, which the upstream request timeout already bounds.
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	// Logged only once the listener is bound: tools wait for this exact
	// line (as with bifrost) before sending traffic.
	if !hooks.neverReady {
		_, boundPort, _ := net.SplitHostPort(ln.Addr().String()) // differs from opts.port only for port 0
		log.Info("successfully started bifrost, serving UI on http://%s", net.JoinHostPort(opts.host, boundPort))
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}

	log.Info("received stop signal, shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}
