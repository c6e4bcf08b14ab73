package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// line is any output line, decoded.
type line struct {
	Type         string   `json:"type"`
	Targets      []string `json:"targets"`
	Rate         int      `json:"rate"`
	MaxWorkers   uint64   `json:"maxWorkers"`
	Seq          uint64   `json:"seq"`
	Target       int      `json:"target"`
	ScheduledNs  int64    `json:"scheduledNs"`
	SendNs       int64    `json:"sendNs"`
	Code         int      `json:"code"`
	LatencyNs    int64    `json:"latencyNs"`
	InFlight     int64    `json:"inFlight"`
	BytesIn      int64    `json:"bytesIn"`
	TTFTNs       *int64   `json:"ttftNs"`
	DoneNs       *int64   `json:"doneNs"`
	GapsNs       []int64  `json:"gapsNs"`
	Invalid      string   `json:"invalid"`
	BodyStart    string   `json:"bodyStart"`
	Error        string   `json:"error"`
	Requests     int      `json:"requests"`
	PeakInFlight int64    `json:"peakInFlight"`
	CapReached   int      `json:"capReached"`
	Stopped      bool     `json:"stopped"`
}

// decodeOutput splits the output into its start line, result lines and end
// line, failing the test unless it has exactly that shape.
func decodeOutput(t *testing.T, out []byte) (start line, results []line, end line) {
	t.Helper()
	scanner := bufio.NewScanner(bytes.NewReader(out))
	var lines []line
	for scanner.Scan() {
		var l line
		if err := json.Unmarshal(scanner.Bytes(), &l); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", len(lines)+1, err, scanner.Text())
		}
		lines = append(lines, l)
	}
	if len(lines) < 2 || lines[0].Type != "start" || lines[len(lines)-1].Type != "end" {
		t.Fatalf("output is not start, results, end:\n%s", out)
	}
	for _, l := range lines[1 : len(lines)-1] {
		if l.Type != "result" {
			t.Fatalf("a %q line between the results:\n%s", l.Type, out)
		}
	}
	return lines[0], lines[1 : len(lines)-1], lines[len(lines)-1]
}

// pacedServer answers as a streaming provider does: a role chunk at once,
// then `chunks` content chunks, the first `latency` after the request came
// and the others `interval` apart (each at its own deadline, so that one
// late write does not delay the rest), then [DONE]. It keeps when it wrote
// each content chunk, by the request's X-Vegeta-Seq.
type pacedServer struct {
	latency, interval time.Duration
	chunks            int
	mu                sync.Mutex
	writes            map[string][]time.Time
}

func (s *pacedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	w.Header().Set("Content-Type", "text/event-stream")
	rc := http.NewResponseController(w)
	send := func(payload string) {
		fmt.Fprintf(w, "data: %s\n\n", payload)
		_ = rc.Flush()
	}
	send(chunkJSON(""))
	writes := make([]time.Time, 0, s.chunks)
	for i := range s.chunks {
		time.Sleep(time.Until(start.Add(s.latency + time.Duration(i)*s.interval)))
		writes = append(writes, time.Now()) // before: the client may read before Flush returns
		send(chunkJSON(fmt.Sprintf("word%d ", i)))
	}
	send("[DONE]")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.writes == nil {
		s.writes = map[string][]time.Time{}
	}
	s.writes[r.Header.Get(seqHeader)] = writes
}

func target(url string) vegeta.Target {
	return vegeta.Target{
		Method: "POST",
		URL:    url,
		Body:   []byte(`{"model":"gpt-4o-mini","stream":true}`),
		Header: http.Header{"Content-Type": {"application/json"}},
	}
}

func attack(t *testing.T, opts attackOptions, stop <-chan struct{}) (line, []line, line) {
	t.Helper()
	start, results, end, _ := attackWithSummary(t, opts, stop)
	return start, results, end
}

func attackWithSummary(t *testing.T, opts attackOptions, stop <-chan struct{}) (line, []line, line, attackSummary) {
	t.Helper()
	var out bytes.Buffer
	summary, err := runAttack(opts, &out, stop)
	if err != nil {
		t.Fatal(err)
	}
	start, results, end := decodeOutput(t, out.Bytes())
	return start, results, end, summary
}

func median(values []int64) time.Duration {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return time.Duration(sorted[len(sorted)/2])
}

// Tolerances that hold on a busy 2-core machine (checked with two busy loops
// beside the test, 25 runs). What is checked is the attacker's own error:
// the time from the server's write of a chunk to the client's read of it,
// on the same clock. Its median stays within readDelayTolerance (measured
// 30-150 µs); each within singleTolerance, a bound on gross errors only
// (one read came 64 ms late under that load). The server's own pace drifts
// more under load (its sleeps wake late: median time to first token up to
// 15 ms above the latency), so the figures are checked against what the
// server really did, not against its settings.
const (
	readDelayTolerance = 2 * time.Millisecond
	singleTolerance    = 250 * time.Millisecond
)

// Time to first token, gaps and [DONE] of paced streams, measured through
// vegeta's attacker, are those of the server's writes within a few ms.
func TestAttackTimesPacedStreams(t *testing.T) {
	const (
		latency  = 40 * time.Millisecond
		interval = 15 * time.Millisecond
		chunks   = 6
	)
	paced := &pacedServer{latency: latency, interval: interval, chunks: chunks}
	server := httptest.NewServer(paced)
	defer server.Close()
	start, results, end, summary := attackWithSummary(t, attackOptions{
		targets:    []vegeta.Target{target(server.URL + "/a"), target(server.URL + "/b")},
		rate:       20,
		duration:   600 * time.Millisecond,
		timeout:    5 * time.Second,
		workers:    2,
		maxWorkers: 100,
	}, nil)

	if !slices.Equal(start.Targets, []string{server.URL + "/a", server.URL + "/b"}) || start.Rate != 20 {
		t.Errorf("start line: targets %v, rate %d", start.Targets, start.Rate)
	}
	// vegeta sends hit k at (k+1)/rate and stops at its first turn past the
	// duration: 12 hits, the last possibly missed.
	if len(results) < 11 || len(results) > 12 || end.Requests != len(results) || end.Stopped {
		t.Fatalf("%d results, end line %+v; want 11 or 12, not stopped", len(results), end)
	}
	var ttfts, gaps, readDelays, gapErrors []int64
	perTarget := [2]int{}
	for _, r := range results {
		if r.Code != 200 || r.Error != "" || r.Invalid != "" {
			t.Fatalf("seq %d: code %d, error %q, invalid %q", r.Seq, r.Code, r.Error, r.Invalid)
		}
		perTarget[r.Target]++
		if want := int64(r.Seq+1) * int64(50*time.Millisecond); r.ScheduledNs != want {
			t.Errorf("seq %d scheduled at %d ns, want %d", r.Seq, r.ScheduledNs, want)
		}
		// vegeta's pacer sleeps until a hit is due (how late it wakes depends
		// on the machine's load).
		if r.SendNs < r.ScheduledNs {
			t.Errorf("seq %d sent at %d ns, before its schedule %d ns", r.Seq, r.SendNs, r.ScheduledNs)
		}
		if r.TTFTNs == nil || r.DoneNs == nil || len(r.GapsNs) != chunks-1 {
			t.Fatalf("seq %d: ttft %v, done %v, gaps %v", r.Seq, r.TTFTNs, r.DoneNs, r.GapsNs)
		}
		if ttft := time.Duration(*r.TTFTNs); ttft < latency {
			t.Errorf("seq %d: time to first token %v, below the server's latency %v", r.Seq, ttft, latency)
		}
		// The server's write times, from the request's send, on the same clock.
		sent := summary.began.Add(time.Duration(r.SendNs))
		writes := paced.writes[strconv.FormatUint(r.Seq, 10)]
		reads := []time.Time{sent.Add(time.Duration(*r.TTFTNs))}
		for i, gap := range r.GapsNs {
			reads = append(reads, reads[i].Add(time.Duration(gap)))
			gapErrors = append(gapErrors, abs(gap-int64(writes[i+1].Sub(writes[i]))))
		}
		for i, write := range writes {
			delay := reads[i].Sub(write)
			if delay < 0 || delay > singleTolerance {
				t.Errorf("seq %d: chunk %d read %v after the server wrote it", r.Seq, i, delay)
			}
			readDelays = append(readDelays, int64(delay))
		}
		if done := time.Duration(*r.DoneNs); done < reads[len(reads)-1].Sub(sent) || done > time.Duration(r.LatencyNs) {
			t.Errorf("seq %d: [DONE] at %v, before the last chunk or after the latency %v", r.Seq, done, time.Duration(r.LatencyNs))
		}
		if r.BytesIn == 0 || r.InFlight < 1 {
			t.Errorf("seq %d: %d bytes in, %d in flight", r.Seq, r.BytesIn, r.InFlight)
		}
		ttfts = append(ttfts, *r.TTFTNs)
		gaps = append(gaps, r.GapsNs...)
	}
	if d := perTarget[0] - perTarget[1]; d < -1 || d > 1 {
		t.Errorf("results per target %v: not round-robin", perTarget)
	}
	t.Logf("median time to first token %v (server: %v), median gap %v (server: %v), median read delay %v, median gap error %v",
		median(ttfts), latency, median(gaps), interval, median(readDelays), median(gapErrors))
	if m := median(readDelays); m > readDelayTolerance {
		t.Errorf("median read delay %v, want at most %v", m, readDelayTolerance)
	}
	if m := median(gapErrors); m > readDelayTolerance {
		t.Errorf("median |gap − the server's gap| %v, want at most %v", m, readDelayTolerance)
	}
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// A stream cut before [DONE], an error answered in JSON with 200 and a 500
// are reported as vegeta reports them, with the validity rule broken.
func TestAttackReportsBrokenAnswers(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/cut", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprintf(w, "data: %s\n\n", chunkJSON("Hi"))
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler) // closes the connection mid-stream
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"error":{"message":"quota exceeded"}}`)
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	server := httptest.NewServer(mux)
	defer server.Close()
	_, results, _ := attack(t, attackOptions{
		targets:    []vegeta.Target{target(server.URL + "/cut"), target(server.URL + "/json"), target(server.URL + "/500")},
		rate:       30,
		duration:   200 * time.Millisecond,
		timeout:    5 * time.Second,
		workers:    1,
		maxWorkers: 100,
	}, nil)
	seen := [3]bool{}
	for _, r := range results {
		seen[r.Target] = true
		switch r.Target {
		case 0: // vegeta gives code 0 to a body it could not read to the end
			if r.Code != 0 || r.Error == "" || r.Invalid != "" || r.TTFTNs == nil || r.DoneNs != nil {
				t.Errorf("cut stream: %+v", r)
			}
		case 1:
			want := "the answer to a streaming request is JSON (an error object: quota exceeded), not a server-sent event stream"
			if r.Code != 200 || r.Invalid != want || r.BodyStart != `{"error":{"message":"quota exceeded"}}` {
				t.Errorf("JSON error: %+v", r)
			}
		case 2:
			if r.Code != 500 || r.Error != "500 Internal Server Error" || r.Invalid != "" {
				t.Errorf("500: %+v", r)
			}
		}
	}
	if seen != [3]bool{true, true, true} {
		t.Errorf("targets seen %v", seen)
	}
}

// With every worker busy, requests leave late; the lines show when the cap
// was reached and by how much the sends fell behind their schedule.
func TestWorkerCapIsRecorded(t *testing.T) {
	server := httptest.NewServer(&pacedServer{latency: 150 * time.Millisecond, chunks: 1})
	defer server.Close()
	_, results, end := attack(t, attackOptions{
		targets:    []vegeta.Target{target(server.URL)},
		rate:       20,
		duration:   500 * time.Millisecond,
		timeout:    5 * time.Second,
		workers:    1,
		maxWorkers: 2,
	}, nil)
	if end.PeakInFlight != 2 || end.CapReached == 0 {
		t.Errorf("end line %+v: want peak 2 and the cap reached", end)
	}
	capped, maxLag := 0, time.Duration(0)
	for _, r := range results {
		if r.InFlight > 2 {
			t.Errorf("seq %d: %d in flight with 2 workers", r.Seq, r.InFlight)
		}
		if r.InFlight == 2 {
			capped++
		}
		maxLag = max(maxLag, time.Duration(r.SendNs-r.ScheduledNs))
	}
	if capped != end.CapReached {
		t.Errorf("%d lines at the cap, end line says %d", capped, end.CapReached)
	}
	// 2 workers at 150 ms a request carry ~13 RPS of the 20 asked for.
	if maxLag < 50*time.Millisecond {
		t.Errorf("sends at most %v behind schedule; with 2 workers for 3 in flight they fall behind", maxLag)
	}
}

// Stopping ends the attack at once: no more sends, the streams in flight
// are cancelled and reported, the end line is written.
func TestStopCancelsStreamsInFlight(t *testing.T) {
	var open atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		open.Add(1)
		defer open.Add(-1)
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprintf(w, "data: %s\n\n", chunkJSON("Hi"))
		_ = http.NewResponseController(w).Flush()
		<-r.Context().Done() // a stream that never ends
	}))
	defer server.Close()
	stop := make(chan struct{})
	var stoppedAt time.Time
	time.AfterFunc(400*time.Millisecond, func() { stoppedAt = time.Now(); close(stop) })
	began := time.Now()
	_, results, end, summary := attackWithSummary(t, attackOptions{
		targets:    []vegeta.Target{target(server.URL)},
		rate:       20,
		timeout:    30 * time.Second,
		workers:    1,
		maxWorkers: 100,
	}, stop)
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("the attack took %v after a stop at 400ms", took)
	}
	if !end.Stopped || end.Requests != len(results) || len(results) < 4 {
		t.Errorf("end line %+v, %d results", end, len(results))
	}
	for _, r := range results {
		if r.Error == "" || r.Code != 0 {
			t.Errorf("seq %d, cancelled: %+v", r.Seq, r)
		}
		// Those sent well before the stop had their first chunk; a hit vegeta
		// hands out as it stops is not sent at all.
		sentBeforeStop := stoppedAt.Sub(summary.began.Add(time.Duration(r.SendNs)))
		if r.TTFTNs == nil && sentBeforeStop > 100*time.Millisecond {
			t.Errorf("seq %d, sent %v before the stop: first chunk not timed", r.Seq, sentBeforeStop)
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for open.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := open.Load(); n != 0 {
		t.Errorf("%d streams still open on the server after the attack", n)
	}
}
