package main

import (
	"encoding/json"
	"strconv"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The output is newline-delimited JSON, one object a line, each with a
// "type": one "start" line, one "result" line per request in the order the
// results come in, one "end" line. Times are integers in ns; a result's
// times count from its send (vegeta's Result.Timestamp), the send and
// schedule from the attack's start. README.md lists every field.

// resultContext is what a result line needs besides the result.
type resultContext struct {
	began time.Time
	pacer vegeta.Pacer
	urls  []string
}

func appendStartLine(b []byte, opts attackOptions, urls []string) []byte {
	b = append(b, `{"type":"start","targets":[`...)
	for i, url := range urls {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, url)
	}
	b = append(b, `],"rate":`...)
	b = strconv.AppendInt(b, int64(opts.rate), 10)
	b = appendUintField(b, "durationNs", uint64(opts.duration))
	b = appendUintField(b, "timeoutNs", uint64(opts.timeout))
	b = appendUintField(b, "workers", opts.workers)
	b = appendUintField(b, "maxWorkers", opts.maxWorkers)
	return append(b, "}\n"...)
}

// appendResultLine writes one request's line. ex is nil for a request that
// never reached the transport (vegeta could not build it).
func appendResultLine(b []byte, res *vegeta.Result, ex *exchange, ctx resultContext) []byte {
	scheduled, _ := ctx.pacer.Pace(0, res.Seq)
	b = append(b, `{"type":"result","seq":`...)
	b = strconv.AppendUint(b, res.Seq, 10)
	b = append(b, `,"target":`...)
	b = strconv.AppendInt(b, int64(indexOf(ctx.urls, res.URL)), 10)
	b = appendIntField(b, "scheduledNs", int64(scheduled))
	b = appendIntField(b, "sendNs", int64(res.Timestamp.Sub(ctx.began)))
	b = appendIntField(b, "code", int64(res.Code))
	b = appendIntField(b, "latencyNs", int64(res.Latency))
	if ex != nil {
		p := &ex.parser
		invalid := p.finish()
		b = appendIntField(b, "inFlight", ex.inFlight)
		b = appendIntField(b, "bytesIn", p.bytes)
		if !p.firstContent.IsZero() {
			b = appendIntField(b, "ttftNs", int64(p.firstContent.Sub(res.Timestamp)))
		}
		if !p.done.IsZero() {
			b = appendIntField(b, "doneNs", int64(p.done.Sub(res.Timestamp)))
		}
		b = append(b, `,"gapsNs":[`...)
		for i, gap := range p.gaps {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(gap), 10)
		}
		b = append(b, ']')
		// validity.ts judges the bodies of 2xx answers only; vegeta gives
		// code 0 to an answer whose body could not be read to its end.
		if invalid != "" && res.Code >= 200 && res.Code <= 299 {
			b = append(b, `,"invalid":`...)
			b = appendString(b, invalid)
			b = append(b, `,"bodyStart":`...)
			b = appendString(b, string(p.head))
		}
	}
	if res.Error != "" {
		b = append(b, `,"error":`...)
		b = appendString(b, res.Error)
	}
	return append(b, "}\n"...)
}

func appendEndLine(b []byte, s attackSummary) []byte {
	b = append(b, `{"type":"end","requests":`...)
	b = strconv.AppendInt(b, int64(s.requests), 10)
	b = appendIntField(b, "peakInFlight", s.peakInFlight)
	b = appendIntField(b, "capReached", int64(s.capReached))
	b = append(b, `,"stopped":`...)
	b = strconv.AppendBool(b, s.stopped)
	b = appendIntField(b, "elapsedNs", int64(s.elapsed))
	return append(b, "}\n"...)
}

func appendIntField(b []byte, name string, value int64) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return strconv.AppendInt(b, value, 10)
}

func appendUintField(b []byte, name string, value uint64) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return strconv.AppendUint(b, value, 10)
}

// appendString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	quoted, _ := json.Marshal(s) // a string always marshals
	return append(b, quoted...)
}

func indexOf(urls []string, url string) int {
	for i, candidate := range urls {
		if candidate == url {
			return i
		}
	}
	return -1
}
