// Package textwraptest holds what tests of every writer share to check
// that no data reaches a terminal raw: the hostile note and the
// check of an output.
package textwraptest

import (
	"strings"
	"unicode/utf8"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// Hostile is the probe note: OSC 52 (set the clipboard), OSC 0
// (set the window title), clear the screen, the one-byte CSI, NUL, a
// carriage return, a newline and a line that mimics the program's own, a
// bidi override, DEL, a bell, other bidi controls, the Unicode line and
// paragraph separators and a tab.
const Hostile = "slept badly\x1b]52;c;cHduZWQ=\x07 \x1b]0;pwned\x07\x1b[2J\u009b2J nul\x00 cr\rover\nWARNING SIGNS: none \u202eevil\u202c del\x7f bell\x07 lrm\u200e iso\u2066x\u2069 ls\u2028ps\u2029 tab\tend"

// Leak is the first character of out that must not reach a terminal: a
// control other than a newline (a tab too), DEL, C1, a bidi control, a line
// or paragraph separator, a byte that is not UTF-8. at is its byte offset.
func Leak(out string) (r rune, at int, found bool) {
	for i, r := range out {
		if r == utf8.RuneError && !strings.HasPrefix(out[i:], textwrap.Mark) {
			return r, i, true
		}
		if r != '\n' && textwrap.Unsafe(r) || r == 0x2028 || r == 0x2029 {
			return r, i, true
		}
	}
	return 0, 0, false
}

// LinesStartingWith are the lines of out that begin with prefix at column
// 0: a note's own line passing for one of the program's.
func LinesStartingWith(out, prefix string) []string {
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			got = append(got, l)
		}
	}
	return got
}
