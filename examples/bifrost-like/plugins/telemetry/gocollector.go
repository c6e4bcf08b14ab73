package telemetry

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// runtime/metrics names the Go collector reads (client_golang
// prometheus/go_collector_latest.go, rmNamesForMemStatsMetrics, plus its
// default rule GoCollectorDefaultRuntimeMetrics).
const (
	rmTinyAllocsObjects   = "/gc/heap/tiny/allocs:objects"
	rmAllocsObjects       = "/gc/heap/allocs:objects"
	rmFreesObjects        = "/gc/heap/frees:objects"
	rmAllocsBytes         = "/gc/heap/allocs:bytes"
	rmHeapObjects         = "/gc/heap/objects:objects"
	rmHeapGoalBytes       = "/gc/heap/goal:bytes"
	rmTotalBytes          = "/memory/classes/total:bytes"
	rmHeapObjectsBytes    = "/memory/classes/heap/objects:bytes"
	rmHeapUnusedBytes     = "/memory/classes/heap/unused:bytes"
	rmHeapReleasedBytes   = "/memory/classes/heap/released:bytes"
	rmHeapFreeBytes       = "/memory/classes/heap/free:bytes"
	rmHeapStacksBytes     = "/memory/classes/heap/stacks:bytes"
	rmOSStacksBytes       = "/memory/classes/os-stacks:bytes"
	rmMSpanInuseBytes     = "/memory/classes/metadata/mspan/inuse:bytes"
	rmMSpanFreeBytes      = "/memory/classes/metadata/mspan/free:bytes"
	rmMCacheInuseBytes    = "/memory/classes/metadata/mcache/inuse:bytes"
	rmMCacheFreeBytes     = "/memory/classes/metadata/mcache/free:bytes"
	rmProfilingBytes      = "/memory/classes/profiling/buckets:bytes"
	rmMetadataOtherBytes  = "/memory/classes/metadata/other:bytes"
	rmOtherBytes          = "/memory/classes/other:bytes"
	rmGOGCPercent         = "/gc/gogc:percent"
	rmGOMemLimitBytes     = "/gc/gomemlimit:bytes"
	rmGOMAXPROCSThreads   = "/sched/gomaxprocs:threads"
	goGCDurationSeconds   = "go_gc_duration_seconds"
	goMemstatsAllocsTotal = "go_memstats_alloc_bytes_total"
	goMemstatsMallocs     = "go_memstats_mallocs_total"
)

// memStatsMetric is one go_memstats_* family: how client_golang computes it
// from runtime/metrics (memStatsFromRM) and its HELP (goRuntimeMemStats).
type memStatsMetric struct {
	name, kind, help string
	value            func(rm map[string]uint64) uint64
}

func rmValue(name string) func(map[string]uint64) uint64 {
	return func(rm map[string]uint64) uint64 { return rm[name] }
}

func rmSum(names ...string) func(map[string]uint64) uint64 {
	return func(rm map[string]uint64) uint64 {
		var total uint64
		for _, name := range names {
			total += rm[name]
		}
		return total
	}
}

var memStatsMetrics = []memStatsMetric{
	{"go_memstats_alloc_bytes", "gauge", "Number of bytes allocated in heap and currently in use. Equals to /memory/classes/heap/objects:bytes.", rmValue(rmHeapObjectsBytes)},
	{goMemstatsAllocsTotal, "counter", "Total number of bytes allocated in heap until now, even if released already. Equals to /gc/heap/allocs:bytes.", rmValue(rmAllocsBytes)},
	{"go_memstats_sys_bytes", "gauge", "Number of bytes obtained from system. Equals to /memory/classes/total:byte.", rmValue(rmTotalBytes)},
	{goMemstatsMallocs, "counter", "Total number of heap objects allocated, both live and gc-ed. Semantically a counter version for go_memstats_heap_objects gauge. Equals to /gc/heap/allocs:objects + /gc/heap/tiny/allocs:objects.", rmSum(rmAllocsObjects, rmTinyAllocsObjects)},
	{"go_memstats_frees_total", "counter", "Total number of heap objects frees. Equals to /gc/heap/frees:objects + /gc/heap/tiny/allocs:objects.", rmSum(rmFreesObjects, rmTinyAllocsObjects)},
	{"go_memstats_heap_alloc_bytes", "gauge", "Number of heap bytes allocated and currently in use, same as go_memstats_alloc_bytes. Equals to /memory/classes/heap/objects:bytes.", rmValue(rmHeapObjectsBytes)},
	{"go_memstats_heap_sys_bytes", "gauge", "Number of heap bytes obtained from system. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes + /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.", rmSum(rmHeapObjectsBytes, rmHeapUnusedBytes, rmHeapReleasedBytes, rmHeapFreeBytes)},
	{"go_memstats_heap_idle_bytes", "gauge", "Number of heap bytes waiting to be used. Equals to /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.", rmSum(rmHeapReleasedBytes, rmHeapFreeBytes)},
	{"go_memstats_heap_inuse_bytes", "gauge", "Number of heap bytes that are in use. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes", rmSum(rmHeapObjectsBytes, rmHeapUnusedBytes)},
	{"go_memstats_heap_released_bytes", "gauge", "Number of heap bytes released to OS. Equals to /memory/classes/heap/released:bytes.", rmValue(rmHeapReleasedBytes)},
	{"go_memstats_heap_objects", "gauge", "Number of currently allocated objects. Equals to /gc/heap/objects:objects.", rmValue(rmHeapObjects)},
	{"go_memstats_stack_inuse_bytes", "gauge", "Number of bytes obtained from system for stack allocator in non-CGO environments. Equals to /memory/classes/heap/stacks:bytes.", rmValue(rmHeapStacksBytes)},
	{"go_memstats_stack_sys_bytes", "gauge", "Number of bytes obtained from system for stack allocator. Equals to /memory/classes/heap/stacks:bytes + /memory/classes/os-stacks:bytes.", rmSum(rmHeapStacksBytes, rmOSStacksBytes)},
	{"go_memstats_mspan_inuse_bytes", "gauge", "Number of bytes in use by mspan structures. Equals to /memory/classes/metadata/mspan/inuse:bytes.", rmValue(rmMSpanInuseBytes)},
	{"go_memstats_mspan_sys_bytes", "gauge", "Number of bytes used for mspan structures obtained from system. Equals to /memory/classes/metadata/mspan/inuse:bytes + /memory/classes/metadata/mspan/free:bytes.", rmSum(rmMSpanInuseBytes, rmMSpanFreeBytes)},
	{"go_memstats_mcache_inuse_bytes", "gauge", "Number of bytes in use by mcache structures. Equals to /memory/classes/metadata/mcache/inuse:bytes.", rmValue(rmMCacheInuseBytes)},
	{"go_memstats_mcache_sys_bytes", "gauge", "Number of bytes used for mcache structures obtained from system. Equals to /memory/classes/metadata/mcache/inuse:bytes + /memory/classes/metadata/mcache/free:bytes.", rmSum(rmMCacheInuseBytes, rmMCacheFreeBytes)},
	{"go_memstats_buck_hash_sys_bytes", "gauge", "Number of bytes used by the profiling bucket hash table. Equals to /memory/classes/profiling/buckets:bytes.", rmValue(rmProfilingBytes)},
	{"go_memstats_gc_sys_bytes", "gauge", "Number of bytes used for garbage collection system metadata. Equals to /memory/classes/metadata/other:bytes.", rmValue(rmMetadataOtherBytes)},
	{"go_memstats_other_sys_bytes", "gauge", "Number of bytes used for other system allocations. Equals to /memory/classes/other:bytes.", rmValue(rmOtherBytes)},
	{"go_memstats_next_gc_bytes", "gauge", "Number of heap bytes when next garbage collection will take place. Equals to /gc/heap/goal:bytes.", rmValue(rmHeapGoalBytes)},
}

// defaultRuntimeMetrics are the runtime/metrics client_golang's Go
// collector exports by default under their own names.
var defaultRuntimeMetrics = []struct{ rmName, name string }{
	{rmGOGCPercent, "go_gc_gogc_percent"},
	{rmGOMemLimitBytes, "go_gc_gomemlimit_bytes"},
	{rmGOMAXPROCSThreads, "go_sched_gomaxprocs_threads"},
}

// goFamilies are the families client_golang's Go collector
// (collectors.NewGoCollector() with default options, v1.23.2) exports, read
// from runtime/metrics and runtime/debug as it reads them.
func goFamilies() []family {
	names := []string{
		rmTinyAllocsObjects, rmAllocsObjects, rmFreesObjects, rmAllocsBytes, rmHeapObjects, rmHeapGoalBytes,
		rmTotalBytes, rmHeapObjectsBytes, rmHeapUnusedBytes, rmHeapReleasedBytes, rmHeapFreeBytes,
		rmHeapStacksBytes, rmOSStacksBytes, rmMSpanInuseBytes, rmMSpanFreeBytes, rmMCacheInuseBytes,
		rmMCacheFreeBytes, rmProfilingBytes, rmMetadataOtherBytes, rmOtherBytes,
		rmGOGCPercent, rmGOMemLimitBytes, rmGOMAXPROCSThreads,
	}
	samples := make([]metrics.Sample, len(names))
	for i, name := range names {
		samples[i].Name = name
	}
	metrics.Read(samples)
	rm := make(map[string]uint64, len(samples))
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			rm[s.Name] = s.Value.Uint64()
		}
	}

	families := make([]family, 0, len(memStatsMetrics)+len(defaultRuntimeMetrics)+5)
	for _, m := range memStatsMetrics {
		families = append(families, scalar(m.name, m.kind, m.help, float64(m.value(rm))))
	}
	descriptions := map[string]string{}
	for _, d := range metrics.All() {
		descriptions[d.Name] = d.Description
	}
	for _, m := range defaultRuntimeMetrics {
		if _, ok := rm[m.rmName]; ok {
			families = append(families, scalar(m.name, "gauge", descriptions[m.rmName]+" Sourced from "+m.rmName+".", float64(rm[m.rmName])))
		}
	}

	// As client_golang's baseGoCollector: GC pauses from debug.ReadGCStats.
	var gc debug.GCStats
	gc.PauseQuantiles = make([]time.Duration, 5)
	debug.ReadGCStats(&gc)
	pauses := family{name: goGCDurationSeconds, kind: "summary", help: "A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles."}
	for i, quantile := range []string{"0", "0.25", "0.5", "0.75", "1"} {
		pauses.samples = append(pauses.samples, sample{labels: `quantile="` + quantile + `"`, value: formatFloat(gc.PauseQuantiles[i].Seconds())})
	}
	pauses.samples = append(pauses.samples,
		sample{suffix: "_sum", value: formatFloat(gc.PauseTotal.Seconds())},
		sample{suffix: "_count", value: formatUint(uint64(gc.NumGC))},
	)
	threads, _ := runtime.ThreadCreateProfile(nil)
	lastGCSeconds := 0.0 // client_golang writes the zero time's UnixNano, a huge negative number
	if !gc.LastGC.IsZero() {
		lastGCSeconds = float64(gc.LastGC.UnixNano()) / 1e9
	}
	return append(families,
		pauses,
		scalar("go_goroutines", "gauge", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine())),
		scalar("go_threads", "gauge", "Number of OS threads created.", float64(threads)),
		scalar("go_memstats_last_gc_time_seconds", "gauge", "Number of seconds since 1970 of last garbage collection.", lastGCSeconds),
		family{name: "go_info", kind: "gauge", help: "Information about the Go environment.", samples: []sample{{labels: `version="` + runtime.Version() + `"`, value: "1"}}},
	)
}
