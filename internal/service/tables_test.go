package service

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/vignettes"
)

// The built-in table loads both ways (snapshot and YAML) with the same
// rules, and a folder's errors come back as a TableError naming the file.
func TestTables(t *testing.T) {
	eng, err := Engine("")
	if err != nil {
		t.Fatal(err)
	}
	src, err := TableSource("")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(eng.Table().Rules), len(src.Rules); got != want {
		t.Errorf("snapshot has %d rules, YAML %d", got, want)
	}
	if TableName("") != BuiltinTable || TableName("x") != "x" {
		t.Errorf("TableName: %q, %q", TableName(""), TableName("x"))
	}

	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("rules: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, load := range map[string]func(string) error{
		"Engine":      func(d string) error { _, err := Engine(d); return err },
		"TableSource": func(d string) error { _, err := TableSource(d); return err },
	} {
		err := load(dir)
		var te *TableError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), "bad.yaml") {
			t.Errorf("%s(folder with a broken file) = %v; want a TableError naming bad.yaml", name, err)
		}
	}
}

// TestRules: a --cases that is not a folder is a CasesDirError saying so;
// with none given and no default folder here, the inline cases run and
// the meta says why there are no vignettes.
func TestTestRules(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cases.yaml")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{file: "not a directory", file + "-missing": "no such directory"} {
		_, err := TestRules("", dir)
		var cd *CasesDirError
		if !errors.As(err, &cd) || !strings.Contains(err.Error(), want) {
			t.Errorf("TestRules(cases %s) = %v; want a CasesDirError saying %q", filepath.Base(dir), err, want)
		}
	}
	// This package's folder has no testdata/vignettes.
	res, err := TestRules("", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.CasesDir != "" || !strings.Contains(res.Meta.Note, "inline rule cases only") || res.Meta.Table != BuiltinTable {
		t.Errorf("meta = %+v; want no vignettes, a note and the built-in table", res.Meta)
	}
	if !res.Report.OK() {
		t.Errorf("the built-in table's inline cases fail: %s", vignettes.Summary(res.Report))
	}
}
