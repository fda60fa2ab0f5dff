package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A usage error on a terminal that never answers queries is reported at
// once, with exit status 2: the program must not ask the terminal for its
// background colour (OSC 11) first, which is what fang does before its error
// handler and what stalled such runs for seconds. No clock is read: the
// evidence is that the query was never written.
func TestUsageErrorsNeverQueryTheTerminal(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "backtriage: unknown flag: --bogus"},
		{[]string{"assess", "extra-arg"}, `backtriage: assess takes no arguments, but was given "extra-arg"`},
		{[]string{"assess"}, "backtriage: --answers: give the answers FILE"},
		{[]string{"assess", "--answers", "x", "--format", "pdf"}, `unknown format "pdf"`},
		{[]string{"rules", "nothing"}, `backtriage: unknown command "nothing" for "backtriage rules"`},
		{[]string{"questions", "--format"}, "backtriage: flag needs an argument: --format"},
		{[]string{"--theme", "neon"}, `backtriage: --theme "neon": valid: charm`},
		{[]string{"man", "extra"}, `man takes no arguments, but was given "extra"`},
		{[]string{"completion", "tcsh"}, `unknown command "tcsh" for "backtriage completion"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			v := startVT(t, vtermOpts{w: 120, h: 24, silent: true, bare: true}, tc.args...)
			code := v.wait()
			out := v.written()
			if strings.Contains(out, ansi.RequestBackgroundColor) || strings.Contains(out, "\x1b]11;") {
				t.Errorf("the program asked the terminal for its background colour before reporting: %q", out)
			}
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if screen := v.screen(); !strings.Contains(screen, tc.want) || !strings.Contains(screen, "--help'") {
				t.Errorf("the message lacks %q or the pointer to --help:\n%s", tc.want, screen)
			}
		})
	}
}
