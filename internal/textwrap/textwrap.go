// Package textwrap is the text package: it makes text fit for a terminal
// and for a reader. It wraps the plain text of check-ins and the history at
// spaces only, so an address or a path is never split; a list item's
// continuation lines hang under its text; a drawing (the pain chart) is
// left as it is. And it keeps data from driving the terminal (clean.go):
// every writer of text, Markdown, CSV and JSON and every screen that shows
// a note, a title or a file name passes it through here.
package textwrap

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Width is the width of text on a terminal of 80 columns.
const Width = 78

// Block wraps every line of text to width columns.
func Block(text string, width int) string {
	var b strings.Builder
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		b.WriteString(strings.Join(Line(l, width), "\n"))
		if i < len(lines)-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// Line wraps one line to width columns; a word longer than the line stays
// whole on a line of its own.
func Line(l string, width int) []string {
	if Drawing(l) || ansi.StringWidth(l) <= width {
		return []string{l}
	}
	n := Indent(l)
	lead, pad := l[:n], strings.Repeat(" ", n)
	var out []string
	line, lw := "", 0
	for _, word := range strings.Fields(l[n:]) {
		ww := ansi.StringWidth(word)
		switch {
		case lw == 0:
			line, lw = word, ww
		case n+lw+1+ww <= width:
			line += " " + word
			lw += 1 + ww
		default:
			out = append(out, line)
			line, lw = word, ww
		}
	}
	out = append(out, line)
	for i := range out {
		if i == 0 {
			out[i] = lead + out[i]
		} else {
			out[i] = pad + out[i]
		}
	}
	return out
}

// Indent is where a line's text starts: after its leading spaces and a list
// mark ("- ", "1. ", "[soon] "), so that its continuation lines hang there.
func Indent(l string) int {
	body := strings.TrimLeft(l, " ")
	n := len(l) - len(body)
	if i := strings.IndexByte(body, ' '); i > 0 && isMark(body[:i]) {
		n += i + 1
		body = body[i+1:]
	}
	if strings.HasPrefix(body, "[") {
		if j := strings.Index(body, "] "); j > 0 && j < 12 {
			n += j + 2
		}
	}
	return n
}

// isMark reports a list mark: "-", or a number and a full stop.
func isMark(s string) bool {
	if s == "-" {
		return true
	}
	digits := strings.TrimSuffix(s, ".")
	return len(digits) > 0 && len(digits) < 4 && len(digits) < len(s) && strings.Trim(digits, "0123456789") == ""
}

// Drawing reports a line of the pain chart, which is fitted already and
// must not be broken.
func Drawing(l string) bool { return strings.ContainsAny(l, "┤┼╶╴│╭╮╰╯") }

// Words wraps text to width columns at spaces only, greedily, keeping its
// own line breaks: a web address, a path or a flag (--answers) is never
// split at a hyphen or a slash, as the ansi package's wrappers split them.
// A word wider than the whole line, the one exception, is cut at width so
// that no line is wider than width. Spaces between words become one.
func Words(text string, width int) []string {
	width = max(width, 1)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, lw := "", 0
		flush := func() {
			out = append(out, line)
			line, lw = "", 0
		}
		for _, word := range strings.Fields(para) {
			ww := ansi.StringWidth(word)
			for ww > width { // the exception: cut it, line by line
				if lw > 0 {
					flush()
				}
				head := ansi.Cut(word, 0, width)
				out = append(out, head)
				word = ansi.Cut(word, width, ww)
				ww = ansi.StringWidth(word)
			}
			switch {
			case ww == 0:
			case lw == 0:
				line, lw = word, ww
			case lw+1+ww <= width:
				line += " " + word
				lw += 1 + ww
			default:
				flush()
				line, lw = word, ww
			}
		}
		flush()
	}
	return out
}

// WrapWriter writes to w with every whole line that starts at column 0
// wrapped to width by Line (at spaces, list items hanging): for line-by-line
// output printed as it goes, such as the accessible mode's. Text that
// continues a line already begun (after a prompt) is written as it comes.
func WrapWriter(w io.Writer, width int) io.Writer { return &wrapWriter{w: w, width: width} }

type wrapWriter struct {
	w     io.Writer
	width int
	col0  bool // the next byte starts a line
	begun bool // something was written
}

func (ww *wrapWriter) Write(p []byte) (int, error) {
	if !ww.begun {
		ww.col0, ww.begun = true, true
	}
	var out strings.Builder
	rest := string(p)
	for rest != "" {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			// A prompt, or a line still to be ended: wrapped too when it
			// starts a line, its last piece left open for the answer.
			if ww.col0 {
				text := strings.TrimRight(rest, " ")
				rest = strings.Join(Line(text, ww.width), "\n") + rest[len(text):]
			}
			out.WriteString(rest)
			ww.col0 = false
			break
		}
		line := rest[:i]
		if ww.col0 {
			line = strings.Join(Line(line, ww.width), "\n")
		}
		out.WriteString(line + "\n")
		ww.col0 = true
		rest = rest[i+1:]
	}
	if _, err := io.WriteString(ww.w, out.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}
