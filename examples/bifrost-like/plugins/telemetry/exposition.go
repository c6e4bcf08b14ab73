package telemetry

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// family is one metric family of Prometheus' text exposition format
// (version 0.0.4): its HELP and TYPE lines and its samples.
type family struct {
	name, help string
	kind       string // counter, gauge, summary or histogram
	samples    []sample
}

// sample is one line: the family's name plus suffix (e.g. "_bucket"),
// labels without braces (e.g. `le="0.5"`), and the value as written.
type sample struct {
	suffix, labels, value string
}

// writeFamilies writes families sorted by name, as a Prometheus registry
// gathers them.
func writeFamilies(w io.Writer, families []family) error {
	slices.SortFunc(families, func(a, b family) int { return strings.Compare(a.name, b.name) })
	for _, f := range families {
		if _, err := fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", f.name, escapeHelp(f.help), f.name, f.kind); err != nil {
			return err
		}
		for _, s := range f.samples {
			labels := ""
			if s.labels != "" {
				labels = "{" + s.labels + "}"
			}
			if _, err := fmt.Fprintf(w, "%s%s%s %s\n", f.name, s.suffix, labels, s.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// escapeHelp escapes a HELP text as the format requires.
func escapeHelp(help string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(help)
}

// formatFloat writes a value as client_golang's expfmt does: shortest
// 'g' form, +Inf, -Inf, NaN.
func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, +1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatUint writes a count.
func formatUint(v uint64) string { return strconv.FormatUint(v, 10) }

// scalar is a family with one unlabelled sample.
func scalar(name, kind, help string, value float64) family {
	return family{name: name, help: help, kind: kind, samples: []sample{{value: formatFloat(value)}}}
}

// histogram counts observations into buckets with fixed upper bounds.
type histogram struct {
	bounds []float64
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

func newHistogram(bounds []float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]uint64, len(bounds)+1)}
}

// observe counts v in the first bucket whose bound is at least v.
func (h *histogram) observe(v float64) {
	index, _ := slices.BinarySearch(h.bounds, v)
	h.counts[index]++
	h.sum += v
	h.count++
}

// samples are the histogram's lines with labels (`k="v",…`, or "") in
// front of each bucket's le.
func (h *histogram) samples(labels string) []sample {
	prefix := ""
	if labels != "" {
		prefix = labels + ","
	}
	out := make([]sample, 0, len(h.bounds)+3)
	var cumulative uint64
	for i, bound := range h.bounds {
		cumulative += h.counts[i]
		out = append(out, sample{suffix: "_bucket", labels: prefix + `le="` + formatFloat(bound) + `"`, value: formatUint(cumulative)})
	}
	return append(out,
		sample{suffix: "_bucket", labels: prefix + `le="+Inf"`, value: formatUint(h.count)},
		sample{suffix: "_sum", labels: labels, value: formatFloat(h.sum)},
		sample{suffix: "_count", labels: labels, value: formatUint(h.count)},
	)
}
