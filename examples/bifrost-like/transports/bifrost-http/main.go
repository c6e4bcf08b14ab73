// Command bifrost-http is bifrost-like's gateway, laid out, built and
// launched like bifrost's transports/bifrost-http: the same flags, the same
// config.json, the same ready log line, and a web UI embedded from ui/,
// which a clean checkout does not have (build it with a placeholder file in
// ui/, as bifrost's Makefile and load-test script do).
package main

import (
	"context"
	"embed"
	"flag"
	"os"
	"strings"

	bifrost "github.com/maximhq/bifrost/core"
	"github.com/maximhq/bifrost/core/schemas"
	"github.com/maximhq/bifrost/transports/bifrost-http/lib"
	bifrostServer "github.com/maximhq/bifrost/transports/bifrost-http/server"
)

//go:embed all:ui
var uiContent embed.FS

// Version is set with -ldflags "-X main.Version=…" by release builds.
var Version string

var logger = bifrost.NewDefaultLogger(schemas.LogLevelInfo)
var server *bifrostServer.BifrostHTTPServer

// init declares the flags (parsed in main), with bifrost-http's names,
// defaults and environment overrides (BIFROST_HOST, LOG_LEVEL).
func init() {
	if Version == "" {
		Version = "v1.0.0-bifrost-like"
	}
	defaultHost := os.Getenv("BIFROST_HOST")
	if defaultHost == "" {
		defaultHost = bifrostServer.DefaultHost
	}
	defaultLogLevel := strings.ToLower(os.Getenv("LOG_LEVEL"))
	if defaultLogLevel == "" {
		defaultLogLevel = bifrostServer.DefaultLogLevel
	}
	server = bifrostServer.NewBifrostHTTPServer(Version, uiContent)
	flag.StringVar(&server.Port, "port", bifrostServer.DefaultPort, "Port to run the server on")
	flag.StringVar(&server.Host, "host", defaultHost, "Host to bind the server to (default: localhost, override with BIFROST_HOST env var)")
	flag.StringVar(&server.AppDir, "app-dir", bifrostServer.DefaultAppDir, "Application data directory (contains config.json)")
	flag.StringVar(&server.LogLevel, "log-level", defaultLogLevel, "Logger level (debug, info, warn, error). Default is info.")
	flag.StringVar(&server.LogOutputStyle, "log-style", bifrostServer.DefaultLogOutputStyle, "Logger output type (json or pretty; bifrost-like always writes JSON).")
}

func main() {
	flag.Parse()
	level, err := schemas.ParseLogLevel(server.LogLevel)
	if err != nil {
		logger.Error("%v", err)
		os.Exit(1)
	}
	logger.SetLevel(level)
	lib.SetLogger(logger)
	bifrostServer.SetLogger(logger)

	if err := server.Bootstrap(context.Background()); err != nil {
		logger.Error("failed to bootstrap server: %v", err)
		os.Exit(1)
	}
	if err := server.Start(); err != nil {
		logger.Error("failed to start server: %v", err)
		os.Exit(1)
	}
}
