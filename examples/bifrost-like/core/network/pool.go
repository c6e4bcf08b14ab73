package network

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// PoolClient is a small HTTP/1.1 client over a first-in-first-out pool of
// keep-alive connections to one host, reproducing maximhq/bifrost#4496: a
// connection the provider closed while it sat idle in the pool is handed out
// unchecked, the request is written on it, and the failed read is returned
// as the request's error, never retried. (Go's transport notices such closes
// in the background and dials again, so it cannot show the problem.)
type PoolClient struct {
	maxConns int
	timeout  time.Duration
	dialer   net.Dialer

	mu      sync.Mutex
	idle    []*pooledConn // oldest first
	open    int           // idle and busy connections
	changed chan struct{} // closed and replaced when a connection is freed
}

type pooledConn struct {
	net.Conn
	reader *bufio.Reader
	writer *bufio.Writer
}

// ErrClosedBeforeResponse is what a request on a connection the server had
// closed fails with; the message is fasthttp's, as bifrost reports it.
var ErrClosedBeforeResponse = errors.New("the server closed connection before returning the first response byte")

// NewPoolClient caps open connections at maxConns (at least 1); timeout, if
// positive, bounds each request including the wait for a connection.
func NewPoolClient(maxConns int, timeout time.Duration) *PoolClient {
	return &PoolClient{maxConns: max(1, maxConns), timeout: timeout, changed: make(chan struct{})}
}

// Do sends req on a pooled connection, or a new one if none is idle and the
// cap allows; otherwise it waits for a connection to be freed.
func (p *PoolClient) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	cancel := context.CancelFunc(func() {})
	if p.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, p.timeout)
	}
	conn, err := p.acquire(ctx, req.URL.Host)
	if err != nil {
		cancel()
		return nil, err
	}
	// A cancelled or timed-out request unblocks its reads and writes.
	stopWatching := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	finish := func(reusable bool) {
		stopWatching()
		reusable = reusable && ctx.Err() == nil
		cancel()
		p.release(conn, reusable)
	}

	if err := req.Write(conn.writer); err == nil {
		err = conn.writer.Flush()
	}
	// A write error is left to the read below, which sees the closed
	// connection too: the request is not retried either way.
	resp, err := http.ReadResponse(conn.reader, req)
	if err != nil {
		ctxErr := ctx.Err() // before finish cancels ctx
		finish(false)
		if ctxErr != nil {
			return nil, fmt.Errorf("%w: %v", ctxErr, err)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w (%v)", ErrClosedBeforeResponse, err)
		}
		return nil, err
	}
	resp.Body = &pooledBody{body: resp.Body, keepAlive: !resp.Close, finish: finish}
	return resp, nil
}

// acquire takes the oldest idle connection, or dials one under the cap, or
// waits for one to be freed.
func (p *PoolClient) acquire(ctx context.Context, host string) (*pooledConn, error) {
	for {
		p.mu.Lock()
		if len(p.idle) > 0 {
			conn := p.idle[0]
			p.idle = p.idle[1:]
			p.mu.Unlock()
			return conn, nil
		}
		if p.open < p.maxConns {
			p.open++
			p.mu.Unlock()
			raw, err := p.dialer.DialContext(ctx, "tcp", host)
			if err != nil {
				p.release(nil, false)
				return nil, err
			}
			return &pooledConn{Conn: raw, reader: bufio.NewReader(raw), writer: bufio.NewWriter(raw)}, nil
		}
		freed := p.changed
		p.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return nil, fmt.Errorf("no free connection to %s within the request timeout (%d connections open): %w", host, p.maxConns, ctx.Err())
		}
	}
}

// release puts conn back at the end of the pool or closes it (conn is nil
// for a failed dial), and wakes the requests waiting for a connection.
func (p *PoolClient) release(conn *pooledConn, reusable bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if conn != nil && reusable {
		_ = conn.SetDeadline(time.Time{})
		p.idle = append(p.idle, conn)
	} else {
		if conn != nil {
			_ = conn.Close()
		}
		p.open--
	}
	close(p.changed)
	p.changed = make(chan struct{})
}

// Idle is the number of pooled connections waiting for a request.
func (p *PoolClient) Idle() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.idle)
}

// pooledBody returns its connection to the pool once the body was read to
// the end, or closes it if the body is closed early.
type pooledBody struct {
	body      io.ReadCloser
	keepAlive bool
	finish    func(reusable bool)
	once      sync.Once
}

func (b *pooledBody) Read(buf []byte) (int, error) {
	n, err := b.body.Read(buf)
	if err != nil {
		b.once.Do(func() { b.finish(errors.Is(err, io.EOF) && b.keepAlive) })
	}
	return n, err
}

// Close before the end closes the connection first, so that closing the
// body does not wait to drain a long response.
func (b *pooledBody) Close() error {
	b.once.Do(func() { b.finish(false) })
	return b.body.Close()
}
