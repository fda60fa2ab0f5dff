package textwrap

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestLineHangsItemsAndKeepsWordsWhole(t *testing.T) {
	l := "- [soon] No better after about a week of self-care: see https://www.nhs.uk/conditions/back-pain/ for more"
	got := Line(l, 30)
	if !strings.HasPrefix(got[0], "- [soon] No better") {
		t.Errorf("first line %q", got[0])
	}
	for i, g := range got[1:] {
		if !strings.HasPrefix(g, strings.Repeat(" ", 9)) || strings.HasPrefix(g, strings.Repeat(" ", 10)) {
			t.Errorf("line %d does not hang under the text: %q", i+1, g)
		}
	}
	if !strings.Contains(strings.Join(got, "\n"), "https://www.nhs.uk/conditions/back-pain/") {
		t.Errorf("the address was split: %q", got)
	}
	if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.Join(strings.Fields(l), " ") {
		t.Errorf("words lost or changed: %q", got)
	}
}

func TestIndent(t *testing.T) {
	for l, want := range map[string]int{
		"plain text":        0,
		"  indented":        2,
		"- item":            2,
		"  12. numbered":    6,
		"  [urgent] a sign": 11,
		"- [soon] tagged":   9,
		"-1 is not a mark":  0,
	} {
		if got := Indent(l); got != want {
			t.Errorf("Indent(%q) = %d, want %d", l, got, want)
		}
	}
}

func TestDrawingsAndShortLinesStay(t *testing.T) {
	chart := "  7 ┤     ╶─────╴           ╶─────╴                 ╶─────"
	if got := Block(chart+"\nshort\n", 20); got != chart+"\nshort\n" {
		t.Errorf("Block changed a drawing or a short line: %q", got)
	}
}

// Words never splits a flag or an address at its hyphens or slashes, keeps
// the text's own line breaks, and keeps every line within width (a word
// wider than a line is cut, the one exception).
func TestWordsKeepsFlagsAndAddresses(t *testing.T) {
	text := "run backtriage --answers FILE or read https://www.nhs.uk/conditions/back-pain/ today\nsecond line"
	for _, w := range []int{20, 40, 60} {
		lines := Words(text, w)
		joined := strings.Join(lines, "\n")
		for _, whole := range []string{"--answers", "https://www.nhs.uk/conditions/back-pain/"} {
			if len(whole) <= w && !strings.Contains(joined, whole) {
				t.Errorf("width %d split %q:\n%s", w, whole, joined)
			}
		}
		if lines[len(lines)-1] != "second line" {
			t.Errorf("width %d lost the line break:\n%s", w, joined)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: %q is wider", w, l)
			}
		}
	}
	if got := Words("abcdefghij", 4); strings.Join(got, "|") != "abcd|efgh|ij" {
		t.Errorf("a word wider than the line: %q", got)
	}
}

// WrapWriter wraps whole lines and a prompt that starts a line, written in
// any pieces, and leaves text after a prompt as it comes.
func TestWrapWriterWrapsLinesAndPrompts(t *testing.T) {
	var b strings.Builder
	w := WrapWriter(&b, 20)
	for _, piece := range []string{"one two three four five six\nseven", " eight nine ten eleven\n", "a prompt that is long: ", "answer\n"} {
		if _, err := io.WriteString(w, piece); err != nil {
			t.Fatal(err)
		}
	}
	want := "one two three four\nfive six\nseven eight nine ten eleven\na prompt that is\nlong: answer\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}
