package emergencynumber

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromLocale(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "en_GB.UTF-8"}, "GB"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "FR"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR", "LC_ALL": "de_DE@euro"}, "DE"},
		{map[string]string{"LANG": "C.UTF-8"}, ""},
		{map[string]string{"LANG": "POSIX"}, ""},
		{map[string]string{"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, ""}, // LC_ALL overrides
		{map[string]string{}, ""},
	} {
		if got := FromLocale(env(c.env)); got != c.want {
			t.Errorf("FromLocale(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for region, want := range map[string]string{
		"GB": "999", "uk": "999", "US": "911", "CA": "911", "AU": "000", "NZ": "111",
		"IE": "112 or 999", "IN": "112", "DE": "112", "FR": "112", "ES": "112",
	} {
		n, ok := Lookup(region)
		if !ok || !strings.HasPrefix(n.Number, want) {
			t.Errorf("%s: %q %v, want %s", region, n.Number, ok, want)
		}
	}
	if _, ok := Lookup("XX"); ok {
		t.Error("XX found")
	}
}

func TestAnnotateAndLine(t *testing.T) {
	text := "Call your local emergency number now (999 in the UK, 112 in Europe, 911 in the US)."
	n, ok := Resolve("", env(map[string]string{"LANG": "en_AU.UTF-8"}))
	got := Annotate(text, n, ok)
	if !strings.Contains(got, "your local emergency number (000 in Australia) now.") {
		t.Errorf("Annotate: %s", got)
	}
	if Annotate(text, Number{}, false) != text {
		t.Error("unknown region changed the text")
	}
	all := Line(Number{}, false)
	for _, num := range []string{"999", "112", "911", "000", "111"} {
		if !strings.Contains(all, num) {
			t.Errorf("unknown region line lacks %s: %s", num, all)
		}
	}
	if l := Line(n, ok); !strings.Contains(l, "000") || strings.Contains(l, "911") {
		t.Errorf("Australia line: %s", l)
	}
	// The flag wins over the locale.
	n, ok = Resolve("nz", env(map[string]string{"LANG": "en_GB.UTF-8"}))
	if !ok || n.Number != "111" {
		t.Errorf("flag: %v %v", n, ok)
	}
}

// Every list of numbers written after "your local emergency number now"
// in the rule table and the level advice is one Annotate knows, so a known
// region never shows the number twice.
func TestListsCoverTheAdvice(t *testing.T) {
	files, _ := filepath.Glob("../../rules/*.yaml")
	if len(files) == 0 {
		t.Fatal("no rule files")
	}
	texts := []string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, l := range []rules.Level{rules.Emergency, rules.Urgent, rules.Soon, rules.SelfCare} {
		texts = append(texts, triage.Info(l).Do)
	}
	seen := 0
	for _, text := range texts {
		flat := strings.Join(strings.Fields(text), " ")
		for rest := flat; ; {
			i := strings.Index(rest, phrase+" now (")
			if i < 0 {
				break
			}
			rest = rest[i+len(phrase+" now ("):]
			list := rest[:strings.Index(rest, ")")]
			seen++
			if !slices.Contains(Lists, list) {
				t.Errorf("a list of numbers Annotate does not know: %q", list)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no list of numbers found: the test reads the wrong text")
	}
	gb, _ := Lookup("GB")
	for _, l := range []rules.Level{rules.Emergency, rules.Urgent} {
		if got := Annotate(triage.Info(l).Do, gb, true); strings.Count(got, "999") > 1 {
			t.Errorf("999 twice: %s", got)
		}
	}
}

// With no region known, every "your local emergency number" names the main
// numbers, unless a list follows it already (issue 18: LANG=C.UTF-8 gave
// "call your local emergency number at once" with no number).
func TestAnnotateUnknownRegionListsNumbers(t *testing.T) {
	in := "call your local emergency number at once. Or call your local emergency number now (" + Lists[0] + ")."
	want := "call your local emergency number (" + Summary + ") at once. Or call your local emergency number now (" + Lists[0] + ")."
	if got := Annotate(in, Number{}, false); got != want {
		t.Errorf("Annotate:\n got %q\nwant %q", got, want)
	}
	if got := Here("", func(string) string { return "C.UTF-8" }).Annotate("call your local emergency number."); !strings.Contains(got, "999 in the UK") {
		t.Errorf("C.UTF-8: %q", got)
	}
}
