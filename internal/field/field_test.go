package field

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Wrap breaks at spaces only: a hyphenated word, a flag or a web address
// stays whole; only a word wider than the line is cut, and no line is
// wider than asked.
func TestWrap(t *testing.T) {
	cases := []struct {
		in   string
		w    int
		want []string
	}{
		{"Osteoporosis or fragile bones, or you take steroid tablets long-term", 66,
			[]string{"Osteoporosis or fragile bones, or you take steroid tablets", "long-term"}},
		{"see https://example.org/a/b and --answers FILE", 24,
			[]string{"see", "https://example.org/a/b", "and --answers FILE"}},
		{"", 10, []string{""}},
		{"one\ntwo three", 20, []string{"one", "two three"}},
		{"a abcdefghijk b", 8, []string{"a", "abcdefgh", "ijk b"}},
	}
	for _, c := range cases {
		got := Wrap(c.in, c.w)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Wrap(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > max(c.w, 8) {
				t.Errorf("Wrap(%q, %d): line %q is wider than %d", c.in, c.w, l, c.w)
			}
		}
	}
}
