package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// seqHeader is set by vegeta's Attacker on every request (lib/attack.go,
// hit): the Seq of the Result the request will give.
const seqHeader = "X-Vegeta-Seq"

// errStopped is the error of a request the attack was stopped before: vegeta
// may hand out one last hit as it stops (lib/attack.go, Attack).
var errStopped = errors.New("not sent: the attack was stopped")

// exchange is what the transport learns about one request, read by the
// results loop once vegeta hands over the request's Result.
type exchange struct {
	// inFlight counts the requests in flight when this one was sent, itself
	// included. A request is in flight from the transport's RoundTrip to the
	// end of its body, a span inside the time its vegeta worker is busy; so
	// this never exceeds the workers, and equals -max-workers only when
	// every worker is busy.
	inFlight int64
	parser   streamParser
}

// timingTransport wraps the transport vegeta's Attacker sends through, so
// that the body of each response is timed read by read while vegeta reads
// it (vegeta itself takes one latency after the whole body: lib/attack.go).
// Exchanges are kept by the request's X-Vegeta-Seq until taken.
type timingTransport struct {
	base     http.RoundTripper
	inFlight atomic.Int64
	// stopped ends every request in flight when it is done.
	stopped   context.Context
	exchanges sync.Map // uint64 seq → *exchange
}

func (t *timingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	seq, err := strconv.ParseUint(req.Header.Get(seqHeader), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("request without a valid %s header: not sent by vegeta's Attacker", seqHeader)
	}
	if t.stopped.Err() != nil {
		return nil, errStopped
	}
	ex := &exchange{inFlight: t.inFlight.Add(1)}
	t.exchanges.Store(seq, ex)
	// The request's own context carries the client's timeout; stopping adds
	// a cancellation to it.
	ctx, cancel := context.WithCancel(req.Context())
	unhook := context.AfterFunc(t.stopped, cancel)
	var released atomic.Bool
	release := func() {
		if released.CompareAndSwap(false, true) {
			unhook()
			cancel()
			t.inFlight.Add(-1)
		}
	}
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &timedBody{body: resp.Body, parser: &ex.parser, release: release}
	return resp, nil
}

// take returns the exchange of a request whose Result vegeta has handed
// over; nil when the request never reached the transport.
func (t *timingTransport) take(seq uint64) *exchange {
	found, ok := t.exchanges.LoadAndDelete(seq)
	if !ok {
		return nil
	}
	return found.(*exchange)
}

// timedBody feeds every read to the parser with the time it returned: the
// goroutine waits in Read until bytes arrive, so that is their arrival.
type timedBody struct {
	body    io.ReadCloser
	parser  *streamParser
	release func()
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if n > 0 {
		b.parser.feed(p[:n], time.Now())
	}
	return n, err
}

func (b *timedBody) Close() error {
	err := b.body.Close()
	b.release()
	return err
}
