package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzFlags runs `backtriage assess` in-process with arbitrary --date,
// --format and -o values. It must not panic; the exit code is success, a
// usage error (bad date or format) or a write error, never an unexpected
// one; a bad date or format is always refused; and a success wrote the
// summary where asked, inside the test's folder.
func FuzzFlags(f *testing.F) {
	for _, s := range [][3]string{
		{"2026-11-21", "text", "summary.txt"},
		{"", "json", "out.json"},
		{"2026-02-30", "markdown", "x.md"},
		{"9999-12-31", "JSON", ""},
		{"0000-01-01", "md", "s.markdown"},
		{"2026-1-2", "yaml", "a"},
		{"-1", "", "."},
		{"2026-11-21T00:00:00Z", "text\x00", ".."},
		{"\x1b[31m", "txt", "\x1b]0;x\x07"},
		{strings.Repeat("9", 300), strings.Repeat("j", 300), strings.Repeat("n", 300)},
		{"2026-11-21", "text", "with space.txt"},
		{"2026-11-21", "markdown", "-"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	answersFile, err := filepath.Abs("../../testdata/readers/charlotte.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, date, format, out string) {
		dir, err := os.MkdirTemp("", "fuzzflags-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		// One name inside dir: the fuzzer must not write anywhere else.
		name := strings.Map(func(r rune) rune {
			if r == '/' || r == 0 {
				return '_'
			}
			return r
		}, out)
		args := []string{"assess", "--answers", answersFile, "--date=" + date, "--format=" + format}
		path := ""
		if name != "" && name != "." && name != ".." {
			path = filepath.Join(dir, name)
			args = append(args, "--output="+path)
		}
		root := newRootCmd()
		var stdout, stderr bytes.Buffer
		root.SetArgs(args)
		root.SetOut(&stdout)
		root.SetErr(&stderr)
		root.SetIn(strings.NewReader(""))
		err = root.Execute()
		code := exitCode(err)
		_, dateErr := time.Parse("2006-01-02", date)
		switch {
		case code != exitOK && code != exitUsage && code != exitWrite:
			t.Fatalf("%q: exit code %d: %v", args, code, err)
		case date != "" && dateErr != nil && code != exitUsage:
			t.Fatalf("%q: bad date accepted (exit %d)", args, code)
		case code == exitOK && path != "":
			if st, err := os.Stat(path); err != nil || st.Size() == 0 {
				t.Fatalf("%q: success but no summary at %s: %v", args, path, err)
			}
		case code == exitOK && stdout.Len() == 0:
			t.Fatalf("%q: success but nothing printed", args)
		}
		// Nothing but the summary (and no temporary file) is left behind.
		entries, _ := os.ReadDir(dir)
		if len(entries) > 1 || (len(entries) == 1 && filepath.Join(dir, entries[0].Name()) != path) {
			t.Fatalf("%q: left %v in the folder", args, entries)
		}
	})
}
