package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"
)

type logLevel int

const (
	levelDebug logLevel = iota
	levelInfo
	levelWarn
	levelError
)

var logLevelNames = [...]string{
	levelDebug: "debug",
	levelInfo:  "info",
	levelWarn:  "warn",
	levelError: "error",
}

func parseLogLevel(name string) (logLevel, error) {
	for level, n := range logLevelNames {
		if n == name {
			return logLevel(level), nil
		}
	}
	return 0, fmt.Errorf("invalid -log-level %q: want debug, info, warn or error", name)
}

func (l logLevel) String() string { return logLevelNames[l] }

// logger writes one JSON object per line in the shape bifrost's zerolog
// output has ({"level","time","message"}), because tools that drive bifrost
// match on those lines.
type logger struct {
	mu       sync.Mutex // keeps concurrent lines whole
	out      io.Writer
	minLevel logLevel
}

func newLogger(out io.Writer, minLevel logLevel) *logger {
	return &logger{out: out, minLevel: minLevel}
}

func (l *logger) Debug(format string, args ...any) { l.log(levelDebug, format, args...) }
func (l *logger) Info(format string, args ...any)  { l.log(levelInfo, format, args...) }
func (l *logger) Warn(format string, args ...any)  { l.log(levelWarn, format, args...) }
func (l *logger) Error(format string, args ...any) { l.log(levelError, format, args...) }

func (l *logger) log(level logLevel, format string, args ...any) {
	if level < l.minLevel {
		return
	}
	line, _ := json.Marshal(struct { // strings always marshal
		Level   string `json:"level"`
		Time    string `json:"time"`
		Message string `json:"message"`
	}{level.String(), time.Now().Format(time.RFC3339), fmt.Sprintf(format, args...)})
	l.mu.Lock()
	defer l.mu.Unlock()
	l.out.Write(append(line, '\n'))
}
