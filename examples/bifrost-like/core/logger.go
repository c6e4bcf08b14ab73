package bifrost

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/maximhq/bifrost/core/schemas"
)

var levelRank = map[schemas.LogLevel]int{
	schemas.LogLevelDebug: 0,
	schemas.LogLevelInfo:  1,
	schemas.LogLevelWarn:  2,
	schemas.LogLevelError: 3,
}

// DefaultLogger writes one JSON object per line in the shape of bifrost's
// zerolog output ({"level","time","message"}), because tools that drive
// bifrost match on those lines.
type DefaultLogger struct {
	mu    sync.Mutex // keeps concurrent lines whole
	out   io.Writer
	level schemas.LogLevel
}

// NewDefaultLogger logs to stdout at level and above, as bifrost's does.
func NewDefaultLogger(level schemas.LogLevel) *DefaultLogger {
	return NewLogger(os.Stdout, level)
}

// NewLogger logs to out at level and above.
func NewLogger(out io.Writer, level schemas.LogLevel) *DefaultLogger {
	return &DefaultLogger{out: out, level: level}
}

// SetLevel changes the lowest level written.
func (l *DefaultLogger) SetLevel(level schemas.LogLevel) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.level = level
}

func (l *DefaultLogger) Debug(format string, args ...any) {
	l.log(schemas.LogLevelDebug, format, args...)
}
func (l *DefaultLogger) Info(format string, args ...any) {
	l.log(schemas.LogLevelInfo, format, args...)
}
func (l *DefaultLogger) Warn(format string, args ...any) {
	l.log(schemas.LogLevelWarn, format, args...)
}
func (l *DefaultLogger) Error(format string, args ...any) {
	l.log(schemas.LogLevelError, format, args...)
}

func (l *DefaultLogger) log(level schemas.LogLevel, format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if levelRank[level] < levelRank[l.level] {
		return
	}
	line, _ := json.Marshal(struct { // strings always marshal
		Level   string `json:"level"`
		Time    string `json:"time"`
		Message string `json:"message"`
	}{string(level), time.Now().Format(time.RFC3339), fmt.Sprintf(format, args...)})
	_, _ = l.out.Write(append(line, '\n'))
}
