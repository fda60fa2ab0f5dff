package words

import "testing"

func TestCase(t *testing.T) {
	for _, c := range []struct{ in, up, low string }{
		{"", "", ""},
		{"between the shoulder blades", "Between the shoulder blades", "between the shoulder blades"},
		{"Self-care plan", "Self-care plan", "self-care plan"},
		{"éclair", "Éclair", "éclair"},
		{"\"4x\" is not", "\"4x\" is not", "\"4x\" is not"},
		{"NHS advice", "NHS advice", "NHS advice"},
		{"A", "A", "a"},
	} {
		if got := Capitalize(c.in); got != c.up {
			t.Errorf("Capitalize(%q) = %q, want %q", c.in, got, c.up)
		}
		if got := LowerFirst(c.in); got != c.low {
			t.Errorf("LowerFirst(%q) = %q, want %q", c.in, got, c.low)
		}
	}
}
