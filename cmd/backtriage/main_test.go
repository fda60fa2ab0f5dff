package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// binPath is the backtriage binary built once for every end-to-end test in
// this package.
var binPath string

func TestMain(m *testing.M) {
	if fuzzing() {
		// Fuzz targets run in-process and need no binary; building one in
		// every fuzz worker would eat the fuzzing time.
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "backtriage-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "backtriage")
	// No test reads or writes a real diary: the default folder is under the
	// temporary directory (tests that use a diary give --data-dir).
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	build, raceLogs := buildCommand(dir)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building backtriage for end-to-end tests:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	if raceBinary && racesFound(raceLogs) {
		code = 1
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildCommand builds backtriage into dir: static, as releases are built
// (a dynamically linked binary maps libc and costs about 1.6 MB more
// resident memory), or, when this test binary has the race detector, with
// it too (which needs cgo). A race in the binary is then written under the
// returned folder (GORACE's log_path, passed on to every run) and fails
// the test run, whether or not the test that ran it looked at its output.
func buildCommand(dir string) (*exec.Cmd, string) {
	if !raceBinary {
		build := exec.Command(goTool(), "build", "-o", binPath, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		return build, ""
	}
	logs := filepath.Join(dir, "races")
	if err := os.Mkdir(logs, 0o700); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("GORACE", "log_path="+filepath.Join(logs, "race"))
	build := exec.Command(goTool(), "build", "-race", "-o", binPath, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	return build, logs
}

// racesFound prints the race reports the binary wrote, if any.
func racesFound(logs string) bool {
	reports, _ := filepath.Glob(filepath.Join(logs, "race.*"))
	for _, r := range reports {
		data, _ := os.ReadFile(r)
		fmt.Fprintf(os.Stderr, "the race detector found a race in the backtriage binary (%s):\n%s\n", filepath.Base(r), data)
	}
	return len(reports) > 0
}

// goTool is the go command: the one on PATH, as `go test` itself was run.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "go"
}

// fuzzing reports whether this run is fuzzing (-test.fuzz given), as the
// coordinator or a worker.
func fuzzing() bool {
	flag.Parse()
	f := flag.Lookup("test.fuzz")
	w := flag.Lookup("test.fuzzworker")
	return (f != nil && f.Value.String() != "") || (w != nil && w.Value.String() == "true")
}
