package userpath

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestExpandHomeAndShown(t *testing.T) {
	home := t.TempDir()
	userHome = func() (string, error) { return home, nil }
	t.Cleanup(func() { userHome = defaultHome })
	if got := ExpandHome(" ~/notes.md "); got != filepath.Join(home, "notes.md") {
		t.Errorf("ExpandHome: %q", got)
	}
	if got := ExpandHome("a/~/b"); got != "a/~/b" {
		t.Errorf("a ~ inside a path is not the home: %q", got)
	}
	if got := Shown("~/x.md"); got != filepath.Join(home, "x.md") {
		t.Errorf("Shown: %q", got)
	}
	if got := Shown("x.md"); !filepath.IsAbs(got) {
		t.Errorf("Shown is not absolute: %q", got)
	}
}

func TestQuoteArg(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/a.yaml":    "/tmp/a.yaml",
		"/tmp/my a.yaml": "'/tmp/my a.yaml'",
		"it's":           `'it'\''s'`,
		"":               "''",
	} {
		if got := QuoteArg(in); got != want {
			t.Errorf("QuoteArg(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckName(t *testing.T) {
	for name, want := range map[string]string{
		"summary.md": "",
		"  ":         "give a file name",
		"out/":       "that is a folder",
		".md":        "hidden file",
		"dir/.json":  "hidden file",
	} {
		err := CheckName(name)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("CheckName(%q) = %v, want %q", name, err, want)
		}
	}
}
