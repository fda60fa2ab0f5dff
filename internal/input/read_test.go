package input_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/input"
)

// guard fails the test if f does not return: a blocking open would hang
// it forever. The timeout is a hang guard, not a speed requirement.
func guard[T any](t *testing.T, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(60 * time.Second):
		t.Fatal("blocked")
		panic("unreachable")
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
}

func TestReadFileRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	mkfifo(t, fifo)
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		fifo: "a FIFO (named pipe)",
		zero: "a character device",
		dir:  "a folder",
	} {
		err := guard(t, func() error { _, err := input.ReadFile(name, 1<<20); return err })
		if !errors.Is(err, input.ErrNotRegular) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want not a regular file: %s", name, err, want)
		}
		// Through the folder as the rule loader reads it, too.
		rel, _ := filepath.Rel(dir, name)
		if rel == "." {
			continue
		}
		err = guard(t, func() error { _, err := input.ReadFS(input.DirFS(dir), rel, 1<<20); return err })
		if !errors.Is(err, input.ErrNotRegular) || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadFS %s: %v, want not a regular file: %s", rel, err, want)
		}
		// Opening it directly does not block either.
		guard(t, func() error {
			if f, err := input.DirFS(dir).Open(rel); err == nil {
				f.Close()
			}
			return nil
		})
	}
}

func TestReadFileFollowsLinksToRegularFiles(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	if err := os.WriteFile(real, []byte("age: 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	data, err := input.ReadFile(link, 100)
	if err != nil || string(data) != "age: 3\n" {
		t.Fatalf("%q %v", data, err)
	}
	data, err = input.ReadFS(input.DirFS(dir), "link.yaml", 100)
	if err != nil || string(data) != "age: 3\n" {
		t.Fatalf("ReadFS: %q %v", data, err)
	}
}

func TestReadCaps(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("a"), 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := input.ReadFile(big, 1024); !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "larger than 1 KiB") {
		t.Errorf("ReadFile: %v", err)
	}
	if _, err := input.ReadFS(input.DirFS(dir), "big.yaml", 1024); !errors.Is(err, input.ErrTooLarge) {
		t.Errorf("ReadFS: %v", err)
	}
	// A stream that never ends stops at the cap.
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if _, err := input.ReadAll(f, 1<<20); !errors.Is(err, input.ErrTooLarge) {
		t.Errorf("ReadAll of /dev/zero: %v", err)
	}
	if data, err := input.ReadAll(strings.NewReader("exact"), 5); err != nil || string(data) != "exact" {
		t.Errorf("ReadAll at the cap: %q %v", data, err)
	}
}

func TestCheckDepth(t *testing.T) {
	deepIndent := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "k:\n")
		}
		return b.String()
	}
	for _, tt := range []struct {
		name string
		in   string
		line int // 0: accepted
	}{
		{"flat", "a: 1\nb: [x, y]\n", 0},
		{"64 brackets", strings.Repeat("[", 64), 0},
		{"65 brackets", strings.Repeat("[", 65), 1},
		{"64000 brackets", strings.Repeat("[", 64000), 1},
		{"mixed braces", strings.Repeat("{a: [", 40), 1},
		{"brackets in quotes", `a: "` + strings.Repeat("[", 100) + `"`, 0},
		{"brackets in single quotes", `a: '` + strings.Repeat("[", 100) + `'`, 0},
		{"brackets in a comment", "a: 1 # " + strings.Repeat("[", 100) + "\nb: 2\n", 0},
		{"comment line", "# " + strings.Repeat("{", 100) + "\n", 0},
		{"apostrophe", "a: don't " + strings.Repeat("[", 65), 1},
		{"deep indentation", deepIndent(64), 0},
		{"too deep indentation", deepIndent(70), 66},
		{"dashes", strings.Repeat("- ", 70) + "x\n", 1},
		{"siblings do not add up", strings.Repeat("a:\n  b:\n    c: [1]\n", 1000), 0},
		{"closing brackets", strings.Repeat("[]", 1000), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := input.CheckDepth([]byte(tt.in), 64)
			var de *input.DepthError
			switch {
			case tt.line == 0 && err != nil:
				t.Errorf("refused: %v", err)
			case tt.line != 0 && !errors.As(err, &de):
				t.Errorf("accepted, want refused at line %d (err %v)", tt.line, err)
			case tt.line != 0 && (de.Line != tt.line || !strings.Contains(err.Error(), "nested deeper than 64 levels")):
				t.Errorf("%v at line %d, want line %d", err, de.Line, tt.line)
			}
		})
	}
}

// The real inputs are far from the limit.
func TestCheckDepthAcceptsRealFiles(t *testing.T) {
	var files []string
	for _, g := range []string{"../../rules/*.yaml", "../../testdata/*/*.yaml", "../../testdata/badrules/*/*.yaml"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d files", len(files))
	}
	for _, f := range files {
		if strings.Contains(f, "deep-nesting") {
			continue // the fixtures made to be too deep
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Half the limit: the muscle pattern nested inside a rule's other
		// conditions (emergency-sweating-sick) reaches about 24 levels.
		if err := input.CheckDepth(data, input.MaxDepth/2); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
