package tui

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
)

// A number in reopened answers shows on its page before its field is
// focused: the age must not look unanswered ("—") while it is 58.
func TestReopenedNumberShows(t *testing.T) {
	m := newTestModel(t, testOptions(t), 200, 60)
	age := 58
	m.sess.Given["age"] = answers.Value{Number: &age}
	press(m, "enter") // welcome -> the warning signs
	s := plain(m)
	i := strings.Index(s, "How old are you?")
	if i < 0 {
		t.Fatalf("no age question on the page:\n%s", s)
	}
	line := s[i:]
	line = line[:strings.Index(line, "\n")+1] + strings.SplitN(line[strings.Index(line, "\n")+1:], "\n", 2)[0]
	if !strings.Contains(line, "58") {
		t.Errorf("the age reads as unanswered: %q", line)
	}
}
