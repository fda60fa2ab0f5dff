package tui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/xpty"
)

// The advice kept after an emergency is as wide as the terminal when the
// program ends, whatever size the layout last took in: a resize not yet
// read (the window widened just before quitting, or a loaded machine
// delivering the resize after the key) once left it 24 columns wide on an
// 80-column terminal, the headline split over lines.
func TestAdviceBoxTakesTheTerminalsWidthAtExit(t *testing.T) {
	m := resultsFor(t, "../../testdata/golden/emergency.yaml", 24, 8)
	p, err := xpty.NewUnixPty(80, 24)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer p.Close()
	read := make(chan string, 1)
	go func() {
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := p.Read(buf)
			b.Write(buf[:n])
			if err != nil || strings.Contains(b.String(), "┛") {
				read <- b.String()
				_, _ = io.Copy(io.Discard, p) // until Close
				return
			}
		}
	}()
	m.leaveAdvice(p.Slave())
	box := <-read
	widest := 0
	for _, l := range strings.Split(strings.ReplaceAll(box, "\r", ""), "\n") {
		widest = max(widest, ansi.StringWidth(l))
	}
	if widest != 79 {
		t.Errorf("the box is %d columns wide on an 80-column terminal (the layout was 24):\n%s", widest, box)
	}
	if !strings.Contains(box, "backtriage: EMERGENCY, call") {
		t.Errorf("the headline is split:\n%s", box)
	}
}
