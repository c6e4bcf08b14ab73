package telemetry

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
)

// userHZ is the unit of /proc's CPU times (clock ticks per second), as
// prometheus/procfs assumes it.
const userHZ = 100

// processFamilies are the families client_golang's process collector
// (collectors.NewProcessCollector, v1.23.2) exports, read from /proc/self
// as prometheus/procfs reads them: CPU time, memory, start time and file
// descriptors. A file that cannot be read leaves its families out, as the
// collector does without ReportErrors.
func processFamilies() []family {
	var families []family
	if stat, err := readSelfStat(); err == nil {
		families = append(families,
			scalar("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", float64(stat.utimeTicks+stat.stimeTicks)/userHZ),
			scalar("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", float64(stat.vsizeBytes)),
			scalar("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", float64(stat.rssPages*uint64(os.Getpagesize()))),
		)
		if bootSeconds, err := bootTimeSeconds(); err == nil {
			families = append(families, scalar("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", float64(bootSeconds)+float64(stat.startTicks)/userHZ))
		}
	}
	if entries, err := os.ReadDir("/proc/self/fd"); err == nil {
		families = append(families, scalar("process_open_fds", "gauge", "Number of open file descriptors.", float64(len(entries))))
	}
	if maxFDs, err := softLimit("Max open files"); err == nil {
		families = append(families, scalar("process_max_fds", "gauge", "Maximum number of open file descriptors.", maxFDs))
	}
	return families
}

// selfStat holds the fields of /proc/self/stat the collector reads.
type selfStat struct {
	utimeTicks, stimeTicks, startTicks uint64
	vsizeBytes, rssPages               uint64
}

// readSelfStat parses /proc/self/stat (proc(5)): fields after the command,
// which is in parentheses and may hold spaces.
func readSelfStat() (selfStat, error) {
	raw, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return selfStat{}, err
	}
	fields := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
	// fields[0] is field 3 (state): field n is fields[n-3].
	field := func(n int) uint64 {
		if n-3 >= len(fields) {
			return 0
		}
		v, _ := strconv.ParseUint(fields[n-3], 10, 64)
		return v
	}
	return selfStat{utimeTicks: field(14), stimeTicks: field(15), startTicks: field(22), vsizeBytes: field(23), rssPages: field(24)}, nil
}

// bootTimeSeconds is the btime line of /proc/stat: boot time, Unix seconds.
func bootTimeSeconds() (uint64, error) {
	file, err := os.Open("/proc/stat")
	if err != nil {
		return 0, err
	}
	defer file.Close()
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "btime "); ok {
			return strconv.ParseUint(strings.TrimSpace(rest), 10, 64)
		}
	}
	return 0, os.ErrNotExist
}

// softLimit is the soft limit of one line of /proc/self/limits ("unlimited"
// is the largest uint64, as procfs reads it).
func softLimit(name string) (float64, error) {
	raw, err := os.ReadFile("/proc/self/limits")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, name); ok {
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				break
			}
			if fields[0] == "unlimited" {
				return float64(^uint64(0)), nil
			}
			v, err := strconv.ParseUint(fields[0], 10, 64)
			return float64(v), err
		}
	}
	return 0, os.ErrNotExist
}
