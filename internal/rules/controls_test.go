package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// A rule table given with --rules may not hold control or bidi characters
// in any text: written into the file (an ESC, a bidi override in a
// comment) or as a double-quoted escape ("\e", "\x9b", "\u202e"). Each is
// refused at its file:line:col.
func TestLoadRefusesControlCharacters(t *testing.T) {
	valid, err := os.ReadFile("../../testdata/badrules/valid/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	qn := questionnaire.Default()
	for name, c := range map[string]struct{ from, to, want string }{
		"raw escape": {"    title: Scalene muscles irritated by a tilted neck", "    title: Scalene\x1b]0;pwned\x07 muscles",
			"rules.yaml:11:19: U+001B (escape); a rule file's text is shown to people as written, so it may hold no control or bidi characters"},
		"raw csi": {"    title: Heat before bed", "    title: Heat\u009b2J before bed",
			"rules.yaml:22:16: U+009B (control sequence introducer);"},
		"bidi in a comment": {"    title: Back pain", "    title: Back pain # \u202eevil",
			"rules.yaml:7:24: U+202E (a bidirectional text control);"},
		"escaped in quotes": {"    title: Neck tilted in sleep", `    title: "Neck \e[2J tilted"`,
			"rules.yaml:29:12: U+001B (escape) in the text that starts here;"},
		"escaped bidi": {"    title: Neck tilted in sleep", `    title: "Neck \u202e tilted"`,
			"rules.yaml:29:12: U+202E (a bidirectional text control) in the text that starts here;"},
	} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(string(valid), c.from+"\n") {
				t.Fatalf("the valid table has no line %q", c.from)
			}
			dir := t.TempDir()
			data := strings.Replace(string(valid), c.from+"\n", c.to+"\n", 1)
			if err := os.WriteFile(dir+"/rules.yaml", []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := loadCompleted(t, dir, qn)
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got:\n%v\nwant it to hold %q", err, c.want)
			}
			if strings.ContainsAny(err.Error(), "\x1b\u009b\u202e") {
				t.Errorf("the message holds the character itself: %q", err)
			}
		})
	}
}
