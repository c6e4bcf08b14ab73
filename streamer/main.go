// Command streamer is an open-loop load generator for streaming chat
// completions that records when each server-sent event arrives: time to the
// first token, the gaps between tokens and the time to "data: [DONE]", per
// request, which vegeta cannot (it takes one latency after the whole body;
// tsenart/vegeta#618). The pacing, the workers and the HTTP client are
// vegeta's own (github.com/tsenart/vegeta/v12/lib): a request is sent on
// schedule whether or not earlier ones have finished, up to -max-workers.
//
// It writes one JSON line per request to stdout while it runs; README.md
// describes the flags and the lines.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, attacks and returns the exit status: 0 after the attack
// (also when stopped by SIGINT or SIGTERM), 1 when it cannot run, 2 for
// invalid flags.
func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "streamer:", err)
		return 2
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	stop := make(chan struct{})
	go func() {
		if _, ok := <-signals; ok {
			close(stop)
		}
	}()
	if _, err := runAttack(opts, stdout, stop); err != nil {
		fmt.Fprintln(stderr, "streamer:", err)
		return 1
	}
	return 0
}

// parseFlags reads the flags (named and defaulted as vegeta attack's) and
// the targets file.
func parseFlags(args []string, stderr io.Writer) (attackOptions, error) {
	fs := flag.NewFlagSet("streamer", flag.ContinueOnError)
	fs.SetOutput(stderr)
	targetsPath := fs.String("targets", "", "targets file in vegeta's JSON format (-format=json), one target a line; hit round-robin (required)")
	rate := fs.Int("rate", 0, "requests per second, all targets together (required)")
	duration := fs.Duration("duration", 0, "how long to send requests [0 = until SIGINT or SIGTERM]")
	timeout := fs.Duration("timeout", vegeta.DefaultTimeout, "time limit of a request, its whole body included")
	workers := fs.Uint64("workers", vegeta.DefaultWorkers, "initial number of workers")
	maxWorkers := fs.Uint64("max-workers", vegeta.DefaultMaxWorkers, "most workers, i.e. requests in flight at once")
	name := fs.String("name", "", "attack name, sent in the X-Vegeta-Attack header")
	if err := fs.Parse(args); err != nil {
		return attackOptions{}, err
	}
	switch {
	case fs.NArg() > 0:
		return attackOptions{}, fmt.Errorf("unexpected argument %q: every input is a flag", fs.Arg(0))
	case *targetsPath == "":
		return attackOptions{}, errors.New("-targets is required: a file of targets in vegeta's JSON format")
	case *rate <= 0:
		return attackOptions{}, fmt.Errorf("-rate must be a positive number of requests per second, got %d", *rate)
	case *duration < 0:
		return attackOptions{}, fmt.Errorf("-duration must not be negative, got %s", *duration)
	case *timeout <= 0:
		return attackOptions{}, fmt.Errorf("-timeout must be positive, got %s", *timeout)
	case *maxWorkers == 0:
		return attackOptions{}, errors.New("-max-workers must be at least 1")
	}
	targets, err := readTargets(*targetsPath)
	if err != nil {
		return attackOptions{}, err
	}
	return attackOptions{
		targets:    targets,
		rate:       *rate,
		duration:   *duration,
		timeout:    *timeout,
		workers:    *workers,
		maxWorkers: *maxWorkers,
		name:       *name,
	}, nil
}

// readTargets reads every target of a JSON targets file, as vegeta attack
// does without -lazy.
func readTargets(path string) ([]vegeta.Target, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("-targets: %w", err)
	}
	defer file.Close()
	targets, err := vegeta.ReadAllTargets(vegeta.NewJSONTargeter(file, nil, nil))
	if err != nil {
		return nil, fmt.Errorf("-targets %s: %w", path, err)
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("-targets %s: no targets in the file", path)
	}
	return targets, nil
}
