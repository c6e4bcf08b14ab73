// Package server bootstraps and runs bifrost-http: config, plugins, core,
// routes, the listener and the ready line.
package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/core/schemas"
	"github.com/maximhq/bifrost/plugins/telemetry"
	"github.com/maximhq/bifrost/transports/bifrost-http/handlers"
	"github.com/maximhq/bifrost/transports/bifrost-http/lib"
)

// bifrost-http's flag defaults.
const (
	DefaultHost           = "localhost"
	DefaultPort           = "8080"
	DefaultAppDir         = "."
	DefaultLogLevel       = "info"
	DefaultLogOutputStyle = "json"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after a stop signal.
const shutdownTimeout = 5 * time.Second

// startupCallTimeout bounds the GET /v1/models call at start.
const startupCallTimeout = 10 * time.Second

var logger schemas.Logger

// SetLogger sets the package's logger, as bifrost-http's server.SetLogger does.
func SetLogger(l schemas.Logger) { logger = l }

// BifrostHTTPServer holds the flags and what Bootstrap builds from them.
type BifrostHTTPServer struct {
	Version        string
	UIContent      fs.FS
	Port           string
	Host           string
	AppDir         string
	LogLevel       string
	LogOutputStyle string

	// Getenv reads the misbehaviour knobs; Exit ends the process on a crash.
	Getenv func(string) string
	Exit   func(int)

	hooks   lib.Hooks
	handler http.Handler
}

// NewBifrostHTTPServer has bifrost-http's defaults; flags then override them.
func NewBifrostHTTPServer(version string, uiContent fs.FS) *BifrostHTTPServer {
	return &BifrostHTTPServer{
		Version: version, UIContent: uiContent,
		Port: DefaultPort, Host: DefaultHost, AppDir: DefaultAppDir,
		LogLevel: DefaultLogLevel, LogOutputStyle: DefaultLogOutputStyle,
		Getenv: os.Getenv, Exit: os.Exit,
	}
}

// Bootstrap loads the config, starts the plugins and core, calls the
// provider's model list, and builds the routes. Routes exist before the
// listener opens, as in bifrost.
func (s *BifrostHTTPServer) Bootstrap(ctx context.Context) error {
	if s.LogOutputStyle != "json" && s.LogOutputStyle != "pretty" {
		return fmt.Errorf("invalid -log-style %q: want json or pretty", s.LogOutputStyle)
	}
	hooks, err := lib.HooksFromEnv(s.Getenv)
	if err != nil {
		return err
	}
	s.hooks = hooks
	cfg, err := lib.LoadConfig(s.AppDir)
	if err != nil {
		return err
	}
	// Telemetry is on whether listed or not, as in bifrost; other plugins
	// are accepted and not run.
	metrics := telemetry.Init()
	metrics.RecordDelay = hooks.TelemetryDelay
	for _, plugin := range cfg.Plugins {
		if plugin.Name != telemetry.PluginName && plugin.Enabled {
			logger.Info("plugin %s is enabled in config.json; bifrost-like does not implement it", plugin.Name)
		}
	}
	for provider := range cfg.Providers {
		if provider != schemas.OpenAI {
			logger.Info("provider %s is configured; bifrost-like routes only %s", provider, schemas.OpenAI)
		}
	}
	client, err := bifrost.Init(bifrost.Config{
		Providers: cfg.Providers,
		Plugins:   []schemas.Plugin{metrics},
		Logger:    logger,
		Getenv:    s.Getenv,
	})
	if err != nil {
		return err
	}
	logger.Info("loaded config from %s: openai requests go to %s", s.AppDir, client.ProviderURL())
	listCtx, cancel := context.WithTimeout(ctx, startupCallTimeout)
	defer cancel()
	if err := client.ListModels(listCtx); err != nil {
		logger.Warn("failed to list models of provider %s: %v", schemas.OpenAI, err)
	}
	if hooks.NeverReady {
		logger.Warn("%s is set: /health answers 503 and the ready line is never logged", lib.EnvNeverReady)
	}

	mux := http.NewServeMux()
	handlers.NewHealthHandler(hooks).RegisterRoutes(mux)
	handlers.NewCompletionHandler(client, hooks, logger, s.Exit).RegisterRoutes(mux)
	mux.Handle("GET /metrics", metrics)
	if ui, err := fs.Sub(s.UIContent, "ui"); err == nil {
		mux.Handle("GET /", http.FileServerFS(ui))
	}
	s.handler = mux
	return nil
}

// Start serves until SIGINT or SIGTERM, then shuts down gracefully.
func (s *BifrostHTTPServer) Start() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", net.JoinHostPort(s.Host, s.Port))
	if err != nil {
		return fmt.Errorf("failed to create listener: %w", err)
	}
	srv := &http.Server{
		Handler: s.handler,
		// No ReadTimeout or WriteTimeout: they would cut slow provider
		// responses, which the provider request timeout already bounds.
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	// Logged only once the listener is bound: tools wait for this exact
	// line (as with bifrost) before sending traffic.
	if !s.hooks.NeverReady {
		_, boundPort, _ := net.SplitHostPort(ln.Addr().String()) // differs from s.Port only for port 0
		logger.Info("successfully started bifrost, serving UI on http://%s", net.JoinHostPort(s.Host, boundPort))
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	logger.Info("received stop signal, shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}
