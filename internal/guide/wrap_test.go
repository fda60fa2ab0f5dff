package guide

import (
	"strings"
	"testing"
)

// A routine's words wrap at spaces only, as on every other screen: a flag
// or a web address stays whole (lipgloss.Wrap broke "--accessible-mode"
// after its dashes).
func TestWrapKeepsFlagsAndAddressesWhole(t *testing.T) {
	for _, c := range []struct{ text, word string }{
		{"Run it again with backtriage guide --accessible-mode for text", "--accessible-mode"},
		{"Read more at https://www.nhs.uk/conditions/back-pain/ or run it", "https://www.nhs.uk/conditions/back-pain/"},
	} {
		got := wrapTo(c.text, 44)
		if !strings.Contains(got, c.word) {
			t.Errorf("%q broken:\n%s", c.word, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if len(l) > 44 {
				t.Errorf("line wider than 44: %q", l)
			}
		}
	}
}
