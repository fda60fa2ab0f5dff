package textwrap_test

import (
	"encoding/json"
	"strings"
	"testing"

	. "github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// Hostile and Bad are textwraptest's, which imports this package.
const Hostile = textwraptest.Hostile

func Bad(s string) (rune, bool) { r, _, bad := textwraptest.Leak(s); return r, bad }

func TestSafeShowsEveryControlAsTheMark(t *testing.T) {
	got := Safe(Hostile)
	if r, bad := Bad(got); bad || strings.Contains(got, "\n") {
		t.Fatalf("Safe left %q in %q", r, got)
	}
	for _, want := range []string{"slept badly" + Mark + "]52;c;cHduZWQ=" + Mark, Mark + "]0;pwned" + Mark, Mark + "[2J" + Mark + "2J", "nul" + Mark, "cr over WARNING SIGNS", Mark + "evil" + Mark, "del" + Mark, "tab end", "ls ps"} {
		if !strings.Contains(got, want) {
			t.Errorf("Safe(hostile) = %q, want it to hold %q", got, want)
		}
	}
	if Safe("plain words, café") != "plain words, café" {
		t.Error("plain text changed")
	}
	if got := Safe("a\xffb"); got != "a"+Mark+"b" {
		t.Errorf("invalid UTF-8: %q", got)
	}
}

func TestSafeLinesKeepsLineBreaksOnly(t *testing.T) {
	got := SafeLines("one\r\ntwo\rthree\u2028four\nfive\x1b[2J")
	if want := "one\ntwo\nthree\nfour\nfive" + Mark + "[2J"; got != want {
		t.Errorf("SafeLines = %q, want %q", got, want)
	}
}

func TestSafeBlockIndentsContinuations(t *testing.T) {
	got := SafeBlock("first\n\nWARNING SIGNS: none\r\n# heading\r", "    ")
	want := "first\n    WARNING SIGNS: none\n    # heading"
	if got != want {
		t.Errorf("SafeBlock = %q, want %q", got, want)
	}
	// No indent given: two spaces all the same.
	if got := SafeBlock("a\nb", ""); got != "a\n  b" {
		t.Errorf("SafeBlock without indent = %q", got)
	}
	for _, l := range strings.Split(SafeBlock(Hostile, "  "), "\n")[1:] {
		if !strings.HasPrefix(l, "  ") {
			t.Errorf("a continuation at column 0: %q", l)
		}
	}
}

func TestCleanInputDropsSequencesWhole(t *testing.T) {
	got := CleanInput(" " + Hostile + " ")
	if r, bad := Bad(got); bad || strings.Contains(got, Mark) {
		t.Fatalf("CleanInput left %q in %q", r, got)
	}
	for _, gone := range []string{"pwned", "52;", "[2J"} {
		if strings.Contains(got, gone) {
			t.Errorf("CleanInput kept %q of an escape sequence: %q", gone, got)
		}
	}
	if !strings.HasPrefix(got, "slept badly") || !strings.Contains(got, "over\nWARNING SIGNS") || !strings.HasSuffix(got, "tab end") {
		t.Errorf("CleanInput = %q", got)
	}
}

func TestFirstUnsafe(t *testing.T) {
	for _, c := range []struct {
		s, allowed string
		r          rune
		at         int
		ok         bool
	}{
		{"Title", "", 0, 0, false},
		{"Ti\x1btle", "", 0x1b, 2, true},
		{"a\nb", "\n", 0, 0, false},
		{"a\nb", "", '\n', 1, true},
		{"ab\u202e", "\n", 0x202e, 2, true},
		{"é\u009b", "", 0x9b, 2, true},
		{"a\u2028", "", 0x2028, 1, true},
		{"\uFFFD ok", "", 0, 0, false},
	} {
		r, at, ok := FirstUnsafe(c.s, c.allowed)
		if r != c.r || at != c.at || ok != c.ok {
			t.Errorf("FirstUnsafe(%q) = %U, %d, %v; want %U, %d, %v", c.s, r, at, ok, c.r, c.at, c.ok)
		}
	}
	if got := Describe(0x1b); got != "U+001B (escape)" {
		t.Errorf("Describe = %q", got)
	}
}

func TestQuoteOnlyWhatNeedsIt(t *testing.T) {
	if got := Quote("rules/day.yaml"); got != "rules/day.yaml" {
		t.Errorf("a plain name was quoted: %s", got)
	}
	if got := Quote("a\x1b]0;pwned\x07.yaml"); got != `"a\x1b]0;pwned\a.yaml"` {
		t.Errorf("Quote = %s", got)
	}
	if got := Quote("x\u202eg.yaml"); got != `"x\u202eg.yaml"` {
		t.Errorf("Quote = %s", got)
	}
}

func TestEscapeJSON(t *testing.T) {
	in := map[string]string{"note": "a\u009b2Jb\u202ec\x7fd\x1be", "plain": "é"}
	raw, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got := EscapeJSON(raw)
	if r, bad := Bad(string(got)); bad {
		t.Fatalf("EscapeJSON left %U in %s", r, got)
	}
	if !strings.Contains(string(got), `\u009b`) || !strings.Contains(string(got), `\u202e`) || !strings.Contains(string(got), "\n  ") {
		t.Errorf("EscapeJSON = %s", got)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["note"] != in["note"] || back["plain"] != "é" {
		t.Errorf("the escaped JSON reads back as %q (%v)", back, err)
	}
	// Through the writer, one byte at a time: a character split across
	// writes is escaped all the same.
	var b strings.Builder
	w := JSONWriter(&b)
	for i := range raw {
		if _, err := w.Write(raw[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if b.String() != string(got) {
		t.Errorf("JSONWriter byte by byte = %s, want %s", b.String(), got)
	}
}

// LinesWriter gives what SafeLines gives, however the text is cut into
// writes: a \r\n or a character split across two is one all the same.
func TestLinesWriterByteByByte(t *testing.T) {
	in := "one\r\ntwo é\x1b[2J\u202e three\r\n"
	var b strings.Builder
	w := LinesWriter(&b)
	for i := range len(in) {
		if _, err := w.Write([]byte(in[i : i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := b.String(), SafeLines(in); got != want {
		t.Errorf("LinesWriter = %q, want %q", got, want)
	}
}
