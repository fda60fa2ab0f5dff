package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// commandPaths lists every command the program has, as argument lists.
func commandPaths(t *testing.T) [][]string {
	t.Helper()
	root := newRootCmd()
	root.InitDefaultCompletionCmd()
	var out [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		out = append(out, path)
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(path), sub.Name()))
		}
	}
	walk(root, nil)
	if len(out) < 15 {
		t.Fatalf("only %d commands found", len(out))
	}
	return out
}

// Help reads as written: no pflag backtick markup (fang shows it as is),
// and no flag description whose first word fang's title-casing mangles
// ("line-by-line" became "Line-By-Line", "RFC3339" "Rfc3339").
func TestHelpHasNoMarkup(t *testing.T) {
	for _, path := range commandPaths(t) {
		out, errs, code := run(t, "", append(slices.Clone(path), "--help")...)
		name := strings.Join(append([]string{"backtriage"}, path...), " ")
		if code != 0 {
			t.Errorf("%s --help: exit %d: %s", name, code, errs)
			continue
		}
		for _, bad := range []string{"`", "Line-By-Line", "Rfc", "Yyyy"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s --help shows %q:\n%s", name, bad, out)
			}
		}
	}
}

// --rules, --date, --now, --data-dir and --no-store appear only on the
// commands that use them; help, completion and questions take none.
func TestSharedFlagsOnlyWhereUsed(t *testing.T) {
	want := map[string][]string{
		"":             {"--rules", "--date", "--now", "--data-dir", "--no-store"},
		"assess":       {"--rules", "--date", "--now", "--data-dir", "--no-store"},
		"checkin":      {"--rules", "--date", "--now", "--data-dir", "--no-store"},
		"guide":        {"--rules", "--date", "--now", "--data-dir", "--no-store"},
		"history":      {"--rules", "--now", "--data-dir"},
		"forget":       {"--data-dir"},
		"diary start":  {"--date", "--now", "--data-dir", "--no-store"},
		"diary path":   {"--data-dir"},
		"diary export": {"--date", "--now", "--data-dir"},
		"rules check":  {"--rules"},
		"rules test":   {"--rules"},
		"rules doc":    {"--rules"},
	}
	shared := []string{"--rules", "--date", "--now", "--data-dir", "--no-store"}
	for _, path := range commandPaths(t) {
		name := strings.Join(path, " ")
		out, _, _ := run(t, "", append(slices.Clone(path), "--help")...)
		for _, f := range shared {
			has := strings.Contains(out, "    "+f+" ")
			if wanted := slices.Contains(want[name], f); has != wanted {
				t.Errorf("backtriage %s: shows %s: %v, want %v", name, f, has, wanted)
			}
		}
	}
}

// `rules --help` says what each of its subcommands does.
func TestRulesHelpDescribesSubcommands(t *testing.T) {
	help, _, _ := run(t, "", "rules", "--help")
	out := strings.Join(strings.Fields(help), " ") // as one line: help wraps to the terminal
	for _, want := range []string{"'check' validates", "'test' runs", "'doc' writes", "check [DIR]", "test [DIR]", "doc [DIR]"} {
		if !strings.Contains(out, want) {
			t.Errorf("rules --help lacks %q:\n%s", want, out)
		}
	}
}

// Shell completion offers the values of --format, --theme and --region.
func TestCompletionOffersFlagValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--format", ""}, []string{"text", "markdown", "json"}},
		{[]string{"--theme", ""}, []string{"charm", "dracula", "catppuccin", "base16", "base", "plain"}},
		{[]string{"--region", ""}, []string{"GB", "US", "IE", "AU", "NZ", "IN"}},
		{[]string{"assess", "--format", ""}, []string{"text", "markdown", "json"}},
		{[]string{"assess", "--region", "G"}, []string{"GB"}},
		{[]string{"questions", "--format", ""}, []string{"text", "json"}},
		{[]string{"diary", "export", "--format", ""}, []string{"csv", "markdown", "json"}},
		{[]string{"guide", ""}, []string{"tennis-ball", "cold-packs", "stretch-before-bed"}},
		{[]string{"questions", ""}, []string{"warning_now", "pain_where", "duration"}},
		{[]string{"checkin", "--region", ""}, []string{"GB", "US"}},
	} {
		out, errs, code := run(t, "", append([]string{"__complete"}, tc.args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errs)
			continue
		}
		got := strings.Fields(out)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("completing %v: %q not offered; got %q", tc.args, w, out)
			}
		}
		if !strings.Contains(out, ":4") { // ShellCompDirectiveNoFileComp
			t.Errorf("completing %v offers file names too: %q", tc.args, out)
		}
	}
}

// The manual page reads right under man: the header line holds the page
// name at both ends (not overwritten by a long title), a flag with a short
// form is "-o, --output", descriptions are whole paragraphs (not broken where the
// source wrapped), no markup, and the exit codes are there.
func TestManPageReads(t *testing.T) {
	manBin, err := exec.LookPath("man")
	if err != nil {
		t.Skip("man is not installed")
	}
	page, err := exec.Command(bin(), "man").Output()
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "backtriage.1")
	if err := os.WriteFile(f, page, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(manBin, "-l", f)
	cmd.Env = append(os.Environ(), "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("man -l failed here: %v", err)
	}
	// Paragraphs are whole in the page's source (man hyphenates the
	// rendered text, so it is looked at for what hyphenation leaves be).
	if !strings.Contains(string(page), "(and why), a self-care plan") {
		t.Errorf("the description is broken into paragraphs where the source wrapped:\n%s", page)
	}
	first := strings.SplitN(string(out), "\n", 2)[0]
	if !strings.HasPrefix(first, "BACKTRIAGE(1)") || !strings.HasSuffix(strings.TrimSpace(first), "BACKTRIAGE(1)") {
		t.Errorf("garbled man header: %q", first)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"-o, --output", "EXIT STATUS", "assess --answers FILE|-"} {
		if !strings.Contains(text, want) {
			t.Errorf("the manual lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"--o ", "`"} {
		if strings.Contains(text, bad) {
			t.Errorf("the manual shows %q:\n%s", bad, out)
		}
	}
}
