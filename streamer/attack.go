package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// flushInterval bounds how long a written line waits in the buffer, so that
// the reader decodes results while the attack runs.
const flushInterval = 100 * time.Millisecond

// attackOptions are the attack's settings, named as vegeta's flags.
type attackOptions struct {
	targets    []vegeta.Target
	rate       int // requests per second, all targets together
	duration   time.Duration
	timeout    time.Duration
	workers    uint64
	maxWorkers uint64
	name       string
}

// attackSummary is what the end line reports.
type attackSummary struct {
	requests     int
	peakInFlight int64
	// capReached counts requests that were sent with every worker busy.
	capReached int
	stopped    bool
	// began is the attack's start, from which send times count.
	began   time.Time
	elapsed time.Duration
}

// newClient is vegeta's default client (lib/attack.go, NewAttacker, with the
// vegeta attack command's defaults: keep-alive, 10000 idle connections per
// host, no limit on connections) around a timingTransport. Redirects are
// not followed: a redirect would be a second request under one Seq, and a
// chat endpoint has none to follow.
func newClient(timeout time.Duration, stopped context.Context) (*http.Client, *timingTransport) {
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	timing := &timingTransport{
		base: &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         dialer.DialContext,
			MaxIdleConnsPerHost: vegeta.DefaultConnections,
			MaxConnsPerHost:     vegeta.DefaultMaxConnections,
		},
		stopped: stopped,
	}
	client := &http.Client{
		Timeout:   timeout,
		Transport: timing,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	return client, timing
}

// runAttack attacks opts.targets round-robin at opts.rate with vegeta's
// Attacker and ConstantPacer, and writes one line per request to out as
// results come in (see output.go), between a start and an end line. A
// value on stop (or its closing) stops sending and cancels the requests in
// flight, whose results are still written. Returns an error only when out
// cannot be written.
func runAttack(opts attackOptions, out io.Writer, stop <-chan struct{}) (attackSummary, error) {
	stopped, stopRequests := context.WithCancel(context.Background())
	defer stopRequests()
	client, timing := newClient(opts.timeout, stopped)
	attacker := vegeta.NewAttacker(
		vegeta.Client(client),
		vegeta.Workers(opts.workers),
		vegeta.MaxWorkers(opts.maxWorkers),
		// The body is read (and timed) by the timingTransport; vegeta still
		// drains it, but keeps none of it.
		vegeta.MaxBody(0),
	)
	pacer := vegeta.ConstantPacer{Freq: opts.rate, Per: time.Second}
	urls := distinctURLs(opts.targets)

	w := bufio.NewWriterSize(out, 64<<10)
	line := appendStartLine(nil, opts, urls)
	if _, err := w.Write(line); err != nil {
		return attackSummary{}, err
	}
	if err := w.Flush(); err != nil {
		return attackSummary{}, err
	}

	began := time.Now()
	results := attacker.Attack(vegeta.NewStaticTargeter(opts.targets...), pacer, opts.duration, opts.name)
	flush := time.NewTicker(flushInterval)
	defer flush.Stop()
	summary := attackSummary{began: began}
	var writeErr error
	for results != nil {
		select {
		case <-stop:
			stop = nil
			summary.stopped = true
			attacker.Stop()
			stopRequests()
		case <-flush.C:
			if writeErr == nil && w.Buffered() > 0 {
				writeErr = w.Flush()
			}
		case res, ok := <-results:
			if !ok {
				results = nil
				continue
			}
			ex := timing.take(res.Seq)
			summary.requests++
			if ex != nil {
				summary.peakInFlight = max(summary.peakInFlight, ex.inFlight)
				if ex.inFlight >= int64(opts.maxWorkers) {
					summary.capReached++
				}
			}
			if writeErr != nil {
				continue // results are still drained, so that the attack ends
			}
			line = appendResultLine(line[:0], res, ex, resultContext{began: began, pacer: pacer, urls: urls})
			if _, writeErr = w.Write(line); writeErr != nil {
				attacker.Stop()
				stopRequests()
			}
		}
	}
	summary.elapsed = time.Since(began)
	if writeErr != nil {
		return summary, fmt.Errorf("writing results: %w", writeErr)
	}
	if _, err := w.Write(appendEndLine(line[:0], summary)); err != nil {
		return summary, fmt.Errorf("writing results: %w", err)
	}
	if err := w.Flush(); err != nil {
		return summary, fmt.Errorf("writing results: %w", err)
	}
	return summary, nil
}

// distinctURLs are the targets' URLs in the order they first appear; a
// result names its target by its index here.
func distinctURLs(targets []vegeta.Target) []string {
	seen := map[string]bool{}
	var urls []string
	for _, target := range targets {
		if !seen[target.URL] {
			seen[target.URL] = true
			urls = append(urls, target.URL)
		}
	}
	return urls
}
