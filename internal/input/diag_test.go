package input

import (
	"strings"
	"testing"
)

func TestOneOf(t *testing.T) {
	valid := []string{"sleep_position", "sleep_arm", "sleep_neck", "age"}
	for bad, want := range map[string]string{
		"sleep_nek": `did you mean "sleep_neck"?`,
		"sleep_pos": `did you mean "sleep_position"?`,
		"sleep":     "valid: ", // abbreviates three: no guess
		"agee":      `did you mean "age"?`,
		"xyz":       "valid: ",
	} {
		if got := OneOf(bad, valid); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, strings.Join(valid, ", ")) {
			t.Errorf("%s: %s", bad, got)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	l.Add("a.yaml", 3, 5, "bad %s", "thing")
	l.Add("a.yaml", 0, 0, "whole file")
	l.Add("a.yaml", 7, 0, "line only")
	want := "a.yaml:3:5: bad thing\na.yaml: whole file\na.yaml:7: line only"
	if got := l.Err().Error(); got != want {
		t.Errorf("got %q", got)
	}
}

// A file name that would drive the terminal is quoted as %q quotes it, in
// file:line:col messages and in the file system's own errors; an ordinary
// name is left as it is, for editors.
func TestFileNamesQuoted(t *testing.T) {
	var l List
	l.Add("rules/day.yaml", 3, 4, "bad")
	l.Add("rules/\x1b]0;pwned\x07.yaml", 1, 2, "bad")
	want := "rules/day.yaml:3:4: bad\n\"rules/\\x1b]0;pwned\\a.yaml\":1:2: bad"
	if got := l.Err().Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
