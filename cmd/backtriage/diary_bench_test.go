package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/testkit/diarygen"
)

// The whole commands on a ten-year diary (100 episodes, 3,650 daily
// check-ins, generated) and on a diary just started, as a person runs
// them: each reports its wall time (ns/op) and the process's peak resident
// memory (peak-MiB, the largest of the runs). Issue 15 asks for a check-in
// within 1.5 times the empty diary's time and under 16 MiB, and a JSON
// export under 32 MiB.

// benchDiaries makes the two diaries; next is a time after the last
// check-in of either, for --now.
func benchDiaries(b *testing.B) (empty, tenYears string, next time.Time) {
	b.Helper()
	root := b.TempDir()
	empty, tenYears = filepath.Join(root, "empty"), filepath.Join(root, "ten-years")
	last, err := diarygen.Write(diary.PathIn(tenYears), 100, 3650)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := diarygen.Write(diary.PathIn(empty), 1, 1); err != nil {
		b.Fatal(err)
	}
	return empty, tenYears, last.AddDate(0, 0, 1)
}

// runBench runs the binary once and returns its peak resident memory in
// bytes, as GNU time measures it (-1 without /usr/bin/time). The child's
// own rusage would not do: the kernel counts, in a child started from the
// test process, the test process's memory at the fork.
func runBench(b *testing.B, stdin string, args ...string) int64 {
	b.Helper()
	name, rss := binPath, ""
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		rss = filepath.Join(b.TempDir(), "rss")
		name, args = "/usr/bin/time", append([]string{"-f", "%M", "-o", rss, binPath}, args...)
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "BACKTRIAGE_NO_STORE=")
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout = io.Discard
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	if rss == "" {
		return -1
	}
	data, err := os.ReadFile(rss)
	if err != nil {
		b.Fatal(err)
	}
	kib, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	if err != nil {
		b.Fatalf("GNU time said %q: %v", data, err)
	}
	return kib << 10
}

// reportPeak reports the peak memory when it was measured.
func reportPeak(b *testing.B, peak int64) {
	if peak >= 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	}
}

// BenchmarkCheckinCommand is `backtriage checkin --answers -`, saved.
func BenchmarkCheckinCommand(b *testing.B) {
	empty, tenYears, next := benchDiaries(b)
	in := noWarnings + "age: 40\npain_now: 4\npain_compared: better\nsteps_done: none\n"
	for _, d := range []struct{ name, dir string }{{"empty", empty}, {"ten-years", tenYears}} {
		b.Run(d.name, func(b *testing.B) {
			var peak int64
			for i := range b.N {
				now := next.Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
				peak = max(peak, runBench(b, in, "checkin", "--answers", "-", "--now", now, "--data-dir", d.dir))
			}
			reportPeak(b, peak)
		})
	}
}

// BenchmarkHistoryCommand is `backtriage history`.
func BenchmarkHistoryCommand(b *testing.B) {
	empty, tenYears, _ := benchDiaries(b)
	for _, d := range []struct{ name, dir string }{{"empty", empty}, {"ten-years", tenYears}} {
		b.Run(d.name, func(b *testing.B) {
			var peak int64
			for range b.N {
				peak = max(peak, runBench(b, "", "history", "--data-dir", d.dir))
			}
			reportPeak(b, peak)
		})
	}
}

// BenchmarkExportJSONCommand is `backtriage diary export --format json -o`.
func BenchmarkExportJSONCommand(b *testing.B) {
	_, tenYears, _ := benchDiaries(b)
	out := filepath.Join(b.TempDir(), "diary.json")
	var peak int64
	for range b.N {
		peak = max(peak, runBench(b, "", "diary", "export", "--format", "json", "-o", out, "--force", "--data-dir", tenYears))
	}
	reportPeak(b, peak)
}
