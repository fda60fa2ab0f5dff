package tui

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// prepaint draws the first screen at once, before Bubble Tea starts. Bubble
// Tea draws on its first frame tick, a frame after it starts; painting the
// same frame early puts it in front of the person that much sooner, and
// Bubble Tea's own first frame, identical, replaces it without a flicker.
// It only paints a terminal whose size it can read, and reports whether it
// did.
func prepaint(m *Model, out io.Writer, profile colorprofile.Profile) bool {
	f, ok := out.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return false
	}
	w, h, err := term.GetSize(f.Fd())
	if err != nil || w <= 0 || h <= 0 {
		return false
	}
	m.width, m.height = w, h
	frame := m.render()
	var b strings.Builder
	b.Grow(len(frame) + 256)
	b.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.CursorHomePosition + ansi.EraseEntireScreen)
	for i, line := range strings.Split(frame, "\n") {
		if i >= h {
			break
		}
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(line)
		b.WriteString(ansi.ResetStyle + ansi.EraseLineRight)
	}
	cw := &colorprofile.Writer{Forward: f, Profile: profile}
	_, err = cw.Write([]byte(b.String()))
	return err == nil
}
