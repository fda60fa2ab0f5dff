package textwrap

import (
	"fmt"
	"os"
	"testing"
)

// A file system error's file name reaches the terminal quoted, its
// controls and bidi characters escaped.
func TestQuotePaths(t *testing.T) {
	_, err := os.Open("/nonexistent/a\u202eb.yaml")
	err = fmt.Errorf("answers file: %w", err)
	if got := QuotePaths(err); got != `answers file: open "/nonexistent/a\u202eb.yaml": no such file or directory` {
		t.Errorf("QuotePaths = %s", got)
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"answer", "answers", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"same", "same", 0}} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
