package textwrap

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// What a person wrote (a check-in note), a rule table given with --rules and
// a file name can hold characters a terminal obeys rather than shows: ESC
// and C1 controls start escape sequences (set the window title or the
// clipboard, clear the screen), a carriage return or a newline can make
// text pass for a line of the program's own, and bidi controls reorder
// what is shown. Everything that prints data goes through the functions
// below at its output boundary; input is cleaned by CleanInput when read.

// Mark is what an unsafe character is shown as: the replacement character,
// which readers know as "a character that could not be shown". It keeps
// the place of what was there, so nothing silently disappears from a
// record a clinician reads, and it is the same everywhere.
const Mark = "\uFFFD"

// Unsafe reports a character that must never reach a terminal or a reader
// as is: C0 controls (newline and tab included: each caller says what
// becomes of them), DEL, C1 controls (U+0080 to U+009F, U+009B the
// one-byte CSI among them), and the bidi controls (U+061C, U+200E, U+200F,
// U+202A to U+202E, U+2066 to U+2069) that reorder the text around them.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// lineBreak reports a character that ends a line for some reader: a
// newline, a carriage return, and the Unicode line and paragraph
// separators.
func lineBreak(r rune) bool { return r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 }

// Safe is s for one line: each line break and tab becomes a space, every
// other unsafe character (and each byte that is not UTF-8) becomes Mark.
func Safe(s string) string {
	if !needsCleaning(s, false) {
		return s
	}
	return clean(s, " ")
}

// SafeLines is s with its line breaks kept (each one a newline: a carriage
// return alone or before a newline is one line break), tabs as spaces and
// every other unsafe character as Mark. It is the last pass over a whole
// text written for people, and the form of a value whose line breaks
// belong to it (a CSV cell).
func SafeLines(s string) string {
	if !needsCleaning(s, true) {
		return s
	}
	return clean(s, "\n")
}

// SafeBlock is a value that may hold several lines (a note) inside text
// laid out by the program: its lines are made Safe and each after the
// first starts with indent, so none can start at column 0 or pass for a
// heading or a line of the program's own. Blank lines are left out. An
// indent without a leading space is given two.
func SafeBlock(s, indent string) string {
	if !strings.HasPrefix(indent, " ") {
		indent = "  " + indent
	}
	lines := strings.Split(SafeLines(s), "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.TrimRight(l, " "); strings.TrimSpace(l) != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n"+indent)
}

// needsCleaning reports whether s holds anything clean would change.
func needsCleaning(s string, keepNewline bool) bool {
	for _, r := range s {
		if r == utf8.RuneError || lineBreak(r) && !(keepNewline && r == '\n') || Unsafe(r) && !(keepNewline && r == '\n') {
			return true
		}
	}
	return false
}

// clean writes s with every line break as br, tabs as spaces and other
// unsafe characters (and bytes that are not UTF-8) as Mark.
func clean(s, br string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' && strings.HasPrefix(s[i+size:], "\n"):
			// \r\n is one line break
		case lineBreak(r):
			b.WriteString(br)
		case r == '\t':
			b.WriteByte(' ')
		case Unsafe(r) || r == utf8.RuneError && size == 1:
			b.WriteString(Mark)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// CleanInput is text a person typed or pasted (a note), as it is kept:
// escape sequences are removed whole (an OSC's text with its ESC, so
// "ESC]0;title BEL" leaves nothing), line breaks become newlines, tabs
// spaces, and any other control or bidi character is dropped. The text is
// trimmed of spaces at both ends. What is kept is what a reader sees.
func CleanInput(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = ansi.Strip(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' && strings.HasPrefix(s[i+size:], "\n"):
		case lineBreak(r):
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case Unsafe(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return strings.TrimSpace(b.String())
}

// FirstUnsafe is the first unsafe character in s other than those allowed
// (such as "\n" for text that may span lines), and its byte offset; ok is
// false when there is none. Loaders use it to refuse such text with its
// place.
func FirstUnsafe(s, allowed string) (r rune, offset int, ok bool) {
	for i, r := range s {
		if (Unsafe(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) && !strings.ContainsRune(allowed, r) {
			return r, i, true
		}
		if (r == 0x2028 || r == 0x2029) && !strings.ContainsRune(allowed, '\n') {
			return r, i, true
		}
	}
	return 0, 0, false
}

// Describe names an unsafe character for a message: "U+001B (escape)".
func Describe(r rune) string {
	var name string
	switch {
	case r == 0x1b:
		name = " (escape)"
	case r == 0x9b:
		name = " (control sequence introducer)"
	case r == '\r':
		name = " (carriage return)"
	case r == '\t':
		name = " (tab)"
	case r == 0:
		name = " (NUL)"
	case r == 0x7f:
		name = " (delete)"
	case r == utf8.RuneError:
		name = " (not UTF-8)"
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		name = " (a control character)"
	case r == 0x2028 || r == 0x2029:
		name = " (a line separator)"
	default:
		name = " (a bidirectional text control)"
	}
	return fmt.Sprintf("U+%04X%s", r, name)
}

// Quote is a file name as messages print it: as it is when every character
// prints as itself, else quoted as Go's %q does ("a\x1bb.yaml"), so no
// name can drive the terminal or hide what it is.
func Quote(name string) string {
	for _, r := range name {
		if r == utf8.RuneError || !strconv.IsPrint(r) || Unsafe(r) || r == '"' || r == '\\' {
			return strconv.Quote(name)
		}
	}
	return name
}

// EscapeJSON escapes, in encoded JSON, what encoding/json leaves as it is
// and a terminal would obey or a reader be misled by: DEL, the C1
// controls (U+009B among them) and the bidi controls, each as \uXXXX.
// Outside strings JSON holds only ASCII, so every such character is in a
// string, where the escape means the same character.
func EscapeJSON(b []byte) []byte {
	if bytes.IndexFunc(b, jsonUnsafe) < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if jsonUnsafe(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}

// jsonUnsafe is Unsafe without C0: encoding/json escapes those in strings
// itself, and outside strings a newline is the indentation's.
func jsonUnsafe(r rune) bool { return r >= 0x20 && Unsafe(r) }

// JSONWriter writes encoded JSON to w through EscapeJSON. A character
// split across two writes is held until the rest comes.
func JSONWriter(w io.Writer) io.Writer {
	return &filterWriter{w: w, f: EscapeJSON}
}

// LinesWriter writes text for people to w through SafeLines, for writers
// that print as they go. A character (or a \r\n) split across two writes
// is held until the rest comes; a last \r alone is held too: no text for
// people ends in one.
func LinesWriter(w io.Writer) io.Writer {
	return &filterWriter{w: w, f: func(b []byte) []byte { return []byte(SafeLines(string(b))) }, holdCR: true}
}

type filterWriter struct {
	w      io.Writer
	f      func([]byte) []byte
	holdCR bool
	held   []byte
}

func (j *filterWriter) Write(p []byte) (int, error) {
	buf := append(j.held, p...)
	// Hold back an incomplete character at the end (at most 3 bytes).
	cut := len(buf)
	for k := 1; k <= 3 && k <= len(buf); k++ {
		if utf8.RuneStart(buf[len(buf)-k]) {
			if !utf8.FullRune(buf[len(buf)-k:]) {
				cut = len(buf) - k
			}
			break
		}
	}
	if j.holdCR && cut > 0 && cut == len(buf) && buf[cut-1] == '\r' {
		cut--
	}
	j.held = append([]byte(nil), buf[cut:]...)
	if _, err := j.w.Write(j.f(buf[:cut])); err != nil {
		return 0, err
	}
	return len(p), nil
}
