package checkin

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FromFile: a complete file is a check-in, the age taken from the
// assessment; a file that leaves a warning sign out is refused naming it,
// with the answers it gave kept for the advice to come first.
func TestFromFile(t *testing.T) {
	o := linesOptions(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	in, err := FromFile(write("ok.yaml", none+"pain_now: 4\nnote: slept badly\n"), nil, o)
	if err != nil || in.Note != "slept badly" || !in.Answers.Answered("pain_now") || in.Answers.Answered("age") {
		t.Fatalf("a complete file: %+v, %v; want pain_now and the note, the age left to the assessment", in, err)
	}
	short := strings.Replace(none, "warning_recent: [none]\n", "", 1)
	short = strings.Replace(short, "warning_now: [none]", "warning_now: [chest_pain]", 1)
	_, err = FromFile(write("short.yaml", short), nil, o)
	var bad *InvalidFile
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "warning_recent") || !bad.Warnings.Answered("warning_now") {
		t.Errorf("a file without warning_recent: %v; want an InvalidFile naming it, keeping warning_now", err)
	}
}
