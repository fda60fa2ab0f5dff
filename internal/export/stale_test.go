//go:build unix

package export_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/backtriage/backtriage/internal/export"
)

// killedWriterEnv makes the test binary a writer that is killed mid-write:
// it starts filling the file named in the variable, says so, and waits.
const killedWriterEnv = "BACKTRIAGE_TEST_KILLED_WRITER"

func TestMain(m *testing.M) {
	if path := os.Getenv(killedWriterEnv); path != "" {
		err := export.Write(path, false, func(w io.Writer) error {
			if _, err := io.WriteString(w, "half of a health record"); err != nil {
				return err
			}
			if _, err := os.Stdout.WriteString("filling\n"); err != nil {
				return err
			}
			select {} // until killed
		})
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// An export killed with SIGKILL leaves its temporary file (the whole
// record so far); the next export to that folder removes it. A temporary
// file another export is still filling (locked) is left alone.
func TestStaleTemporaryFileRemovedByNextWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), killedWriterEnv+"="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "filling\n" {
		cmd.Process.Kill()
		t.Fatalf("the writer did not start filling: %q, %v", line, err)
	}
	// A second export, still running, of another file in the same folder:
	// its temporary file is held locked.
	busy := filepath.Join(dir, ".other.json.backtriage-tmp-1")
	if err := os.WriteFile(busy, []byte("being written"), 0o600); err != nil {
		t.Fatal(err)
	}
	lk, err := os.Open(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Close()
	if err := syscall.Flock(int(lk.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	// What an older backtriage left for this file, and another program's
	// hidden file that looks a little like ours.
	old := filepath.Join(dir, ".out.json.tmp-123")
	theirs := filepath.Join(dir, ".notes.tmp-9")
	for _, f := range []string{old, theirs} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	before := listDir(t, dir)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	stale := slices.IndexFunc(before, func(n string) bool { return strings.HasPrefix(n, ".out.json.backtriage-tmp-") })
	if stale < 0 {
		t.Fatalf("the killed writer left no temporary file (test setup): %v", before)
	}

	if err := export.WriteFile(out, []byte("the next export"), false); err != nil {
		t.Fatal(err)
	}
	got := listDir(t, dir)
	for _, gone := range []string{before[stale], filepath.Base(old)} {
		if slices.Contains(got, gone) {
			t.Errorf("the stale temporary file %s was left: %v", gone, got)
		}
	}
	for _, kept := range []string{filepath.Base(busy), filepath.Base(theirs), "out.json"} {
		if !slices.Contains(got, kept) {
			t.Errorf("%s was removed: %v", kept, got)
		}
	}
}
