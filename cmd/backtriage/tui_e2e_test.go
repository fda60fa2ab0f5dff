package main

// End-to-end tests of the interactive flow: the built binary (binPath, from
// TestMain) runs on a pseudo-terminal, a Go terminal emulator (x/vt) draws
// what it writes, and the tests press keys and read the screen, as a person
// would. Nothing here needs a system package.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/charmbracelet/x/xpty"
	"golang.org/x/sys/unix"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
)

const (
	kUp        = "\x1b[A"
	kDown      = "\x1b[B"
	kRight     = "\x1b[C"
	kLeft      = "\x1b[D"
	kEnter     = "\r"
	kTab       = "\t"
	kShiftTab  = "\x1b[Z"
	kCtrlC     = "\x03"
	kCtrlU     = "\x15"
	kBackspace = "\x7f"
)

// hangTimeout only catches a program that hangs, per wait. It is generous
// (a wait is for a frame or an exit, normally milliseconds) so that a
// slow, loaded machine (the race detector on two busy cores) never fails a
// test that would pass; no test asserts how fast anything is. It is not
// longer, so that a hang fails in seconds, not minutes.
const hangTimeout = 10 * time.Second

// e2eDate is passed with --date so file names are known.
const e2eDate = "2026-11-21"

// bin is the binary under test: binPath, or $BACKTRIAGE_E2E_BIN to measure
// another build (for example CGO_ENABLED=0) with the same tests.
func bin() string {
	if p := os.Getenv("BACKTRIAGE_E2E_BIN"); p != "" {
		return p
	}
	return binPath
}

// vterm is the binary running on a pseudo-terminal with an emulator
// reading its output.
type vterm struct {
	t       testing.TB
	pty     *xpty.UnixPty
	emu     *vt.SafeEmulator
	cmd     *exec.Cmd
	dir     string
	updated chan struct{} // a send after each chunk of output
	exited  chan struct{}
	waitErr error
	alt     atomic.Bool    // the emulator is on the alternate screen
	cursor  atomic.Bool    // the cursor is visible
	pumped  sync.WaitGroup // the program's output is all in the emulator
	before  *unix.Termios  // the terminal's modes before the program ran
	raw     bool           // the program has put the terminal in raw mode
	outMu   sync.Mutex
	out     []byte // every byte the program wrote, escape sequences and all
}

type vtermOpts struct {
	w, h   int
	dir    string
	env    []string
	silent bool // never answer the program's queries
	bare   bool // run args as given, without --date (for commands without it)
}

// startVT runs backtriage with args on a w×h pseudo-terminal in dir.
func startVT(tb testing.TB, o vtermOpts, args ...string) *vterm {
	tb.Helper()
	if o.dir == "" {
		o.dir = tb.TempDir()
	}
	p, err := xpty.NewUnixPty(o.w, o.h)
	if err != nil {
		tb.Skipf("no pseudo-terminal here: %v", err)
	}
	v := &vterm{t: tb, pty: p, emu: vt.NewSafeEmulator(o.w, o.h), dir: o.dir,
		updated: make(chan struct{}, 1), exited: make(chan struct{})}
	v.cursor.Store(true)
	if v.before, err = unix.IoctlGetTermios(int(p.Fd()), unix.TCGETS); err != nil {
		tb.Fatal(err)
	}
	v.emu.SetCallbacks(vt.Callbacks{
		AltScreen:        func(on bool) { v.alt.Store(on) },
		CursorVisibility: func(on bool) { v.cursor.Store(on) },
	})
	if !o.bare {
		args = append([]string{"--date", e2eDate}, args...)
	}
	cmd := exec.Command(bin(), args...)
	cmd.Dir = o.dir
	cmd.Env = append([]string{
		"TERM=xterm-256color", "HOME=" + o.dir, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
		"GORACE=" + os.Getenv("GORACE"), // where a -race binary reports (TestMain)
	}, o.env...)
	// The pty is the controlling terminal, so a resize sends SIGWINCH.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := p.Start(cmd); err != nil {
		p.Close()
		tb.Fatal(err)
	}
	p.Slave().Close() // the child has it; EOF on the master when it exits
	v.cmd = cmd

	v.pumped.Add(1)
	go func() { // program output -> emulator
		defer v.pumped.Done()
		buf := make([]byte, 64<<10)
		for {
			n, err := p.Read(buf)
			if n > 0 {
				v.outMu.Lock()
				v.out = append(v.out, buf[:n]...)
				v.outMu.Unlock()
				_, _ = v.emu.Write(buf[:n]) // the emulator takes all; it never fails
				select {
				case v.updated <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { // emulator replies (colour and mode queries) -> program
		buf := make([]byte, 4096)
		for {
			n, err := v.emu.Read(buf)
			if n > 0 && !o.silent {
				_, _ = p.Write(buf[:n]) // fails only once the program has gone
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		v.waitErr = cmd.Wait()
		close(v.exited)
	}()
	tb.Cleanup(func() {
		select {
		case <-v.exited:
		default:
			cmd.Process.Kill()
			<-v.exited
		}
		p.Close()
		// End the replies goroutine by closing the emulator's pipe (Close
		// itself would race with the Read blocked on it).
		if c, ok := v.emu.InputPipe().(io.Closer); ok {
			c.Close()
		}
	})
	return v
}

// row is one line of the screen as plain text. It goes through Render,
// which holds the emulator's lock: cells read with CellAt are shared with
// the goroutine that feeds the emulator, and reading them unlocked races.
func (v *vterm) row(y int) string {
	lines := strings.Split(v.screen(), "\n")
	if y < 0 || y >= len(lines) {
		return ""
	}
	return lines[y]
}

// waitRows waits until one of the rows from..to shows text.
func (v *vterm) waitRows(from, to int, text string) {
	v.t.Helper()
	deadline := time.NewTimer(hangTimeout)
	defer deadline.Stop()
	for {
		for y := from; y <= to; y++ {
			if strings.Contains(v.row(y), text) {
				return
			}
		}
		select {
		case <-v.updated:
		case <-time.After(20 * time.Millisecond):
		case <-deadline.C:
			v.t.Fatalf("timed out waiting for %q; the screen:\n%s", text, v.screen())
		}
	}
}

// written is every byte the program has written so far, as it wrote them.
func (v *vterm) written() string {
	v.outMu.Lock()
	defer v.outMu.Unlock()
	return string(v.out)
}

// screen is the emulator's screen as plain text.
func (v *vterm) screen() string { return ansi.Strip(v.emu.Render()) }

func (v *vterm) send(keys ...string) {
	v.t.Helper()
	v.waitRaw()
	for _, k := range keys {
		if _, err := v.pty.Write([]byte(k)); err != nil {
			v.t.Fatalf("sending %q: %v", k, err)
		}
	}
}

// waitRaw waits until the program has put the terminal in raw mode. The
// first screen is painted before that, and a key typed in that moment
// would go through the line discipline (enter becomes a newline); people
// are not that fast, tests are.
func (v *vterm) waitRaw() {
	v.t.Helper()
	if v.raw {
		return
	}
	deadline := time.Now().Add(hangTimeout)
	for time.Now().Before(deadline) {
		st, err := unix.IoctlGetTermios(int(v.pty.Fd()), unix.TCGETS)
		if err == nil && st.Lflag&unix.ICANON == 0 {
			v.raw = true
			return
		}
		select {
		case <-v.exited:
			return
		case <-time.After(500 * time.Microsecond):
		}
	}
	v.t.Fatal("the program never put the terminal in raw mode")
}

// waitFor waits until the screen satisfies ok, and returns it.
func (v *vterm) waitFor(what string, ok func(string) bool) string {
	v.t.Helper()
	deadline := time.NewTimer(hangTimeout)
	defer deadline.Stop()
	for {
		s := v.screen()
		if ok(s) {
			return s
		}
		select {
		case <-v.updated:
		case <-time.After(50 * time.Millisecond):
		case <-v.exited:
			// Its last output may still be on its way to the emulator.
			v.pumped.Wait()
			s := v.screen()
			if ok(s) {
				return s
			}
			v.t.Fatalf("the program exited (%v) before the screen showed %s:\n%s", v.waitErr, what, s)
		case <-deadline.C:
			v.t.Fatalf("timed out waiting for %s; the screen:\n%s", what, s)
		}
	}
}

// waitText waits until the screen shows every text.
func (v *vterm) waitText(texts ...string) string {
	v.t.Helper()
	return v.waitFor(fmt.Sprintf("%q", texts), func(s string) bool {
		flat := ""
		for _, t := range texts {
			if strings.Contains(s, t) {
				continue
			}
			// A message naming a temporary file breaks where the file's
			// name (of varying length) puts the break: a phrase may fall
			// across two lines.
			if flat == "" {
				flat = strings.Join(strings.Fields(s), " ")
			}
			if !strings.Contains(flat, strings.Join(strings.Fields(t), " ")) {
				return false
			}
		}
		return true
	})
}

// do sends keys and waits for the texts.
func (v *vterm) do(keys []string, texts ...string) {
	v.t.Helper()
	v.send(keys...)
	v.waitText(texts...)
}

// wait waits for the program to exit and returns its exit code.
func (v *vterm) wait() int {
	v.t.Helper()
	select {
	case <-v.exited:
	case <-time.After(hangTimeout):
		v.t.Fatalf("the program did not exit; the screen:\n%s", v.screen())
	}
	v.pumped.Wait()
	var ee *exec.ExitError
	if errors.As(v.waitErr, &ee) {
		return ee.ExitCode()
	}
	if v.waitErr != nil {
		v.t.Fatal(v.waitErr)
	}
	return 0
}

// restored checks the terminal is as the program found it: cooked mode,
// main screen, cursor visible.
func (v *vterm) restored() {
	v.t.Helper()
	before := v.before
	after, err := unix.IoctlGetTermios(int(v.pty.Fd()), unix.TCGETS)
	if err != nil {
		v.t.Fatal(err)
	}
	const modes = unix.ICANON | unix.ECHO | unix.ISIG
	if after.Lflag&modes != before.Lflag&modes {
		v.t.Errorf("terminal modes not restored: lflag %#x, was %#x", after.Lflag&modes, before.Lflag&modes)
	}
	if v.alt.Load() {
		v.t.Error("still on the alternate screen after exit")
	}
	if !v.cursor.Load() {
		v.t.Error("cursor still hidden after exit")
	}
}

// ---- Answering by keys ----
//
// On a page: a digit ticks (or picks) that option, enter goes on to the next
// question (it never chooses: an optional question left empty is skipped),
// tab skips one, → goes to the next page. The scripts name question and
// option ids; keys_e2e_test.go computes the keys from the questionnaire.

func TestTUICharlotte(t *testing.T) {
	v := startVT(t, vtermOpts{w: 80, h: 24})
	v.waitText("backtriage", "does not diagnose", "Nothing leaves this machine", "enter start")
	answerCharlotteOnPTY(v)
	// The answer first; the picture follows it.
	v.waitText("SELF-CARE", "your results", "Most likely", "Start here", "more below")
	s := v.scrollUntil("BACK", "where it hurts:", "where the likely cause sits")
	for _, want := range []string{"◆", "●", "where it hurts: between the shoulder blades"} {
		if !strings.Contains(s, want) {
			t.Errorf("results lack %q:\n%s", want, s)
		}
	}
	// The causes, further down: the nursing position and the mattress,
	// each with the answers behind it and who suggested it.
	v.scrollUntil("Likely causes")
	v.scrollUntil("side-lying nursing", "Suggested by: Kathryn Merrow")
	v.scrollUntil("mattress that does not hold you up")
	v.send("g")

	// Export with the defaults.
	v.do([]string{"e"}, "Export the summary", "backtriage-summary-"+e2eDate+".txt")
	v.do([]string{kEnter}, "Saved the summary to")
	path := filepath.Join(v.dir, "backtriage-summary-"+e2eDate+".txt")
	checkSummary(t, path, "Self-care", "mattress", "shoulder blade", "nursing")
	// Again: the first free name is offered, never the first file's.
	v.do([]string{"e"}, "Export the summary", "backtriage-summary-"+e2eDate+"-2.txt")
	v.send(kEnter)
	v.waitFor("the dialog closed", func(s string) bool { return !strings.Contains(s, "Export the summary") })
	checkSummary(t, filepath.Join(v.dir, "backtriage-summary-"+e2eDate+"-2.txt"), "Self-care")

	t.Logf("peak RSS after a whole questionnaire and two exports: %.1f MB", float64(v.peakRSS())/1024)
	v.send("q")
	if code := v.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	v.restored()
}

// answerCharlotteOnPTY answers the nursing mother's case from the welcome
// screen, by keys at 80x24, and opens the results.
func answerCharlotteOnPTY(v *vterm) {
	v.t.Helper()
	s := script(v.t)
	charlotte := keyscript.Charlotte(v.t, questionnaire.Default())
	v.do([]string{kEnter}, pageOf(v.t, "warning"), "Warning signs first", "Right now")
	v.sendKeys(s.NoWarnings(30))
	v.waitText(pageOf(v.t, "health"), "Do any of these apply to you?")
	v.sendKeys(s.Fill(charlotte)) // she gave no health conditions
	v.waitText(pageOf(v.t, "where"), "Where does it hurt?")
	v.sendKeys(s.Fill(charlotte)) // between the shoulder blades; deep breath, twist
	v.waitText(pageOf(v.t, "when"), "When does it hurt?")
	v.sendKeys(s.Fill(charlotte)) // on waking; less than a week
	v.waitText(pageOf(v.t, "sleep"), "How do you sleep?")
	v.sendKeys(s.Fill(charlotte))
	v.waitText(pageOf(v.t, "bed"), "How high is your pillow?")
	v.sendKeys(s.Fill(charlotte)) // mattress soft or sagging
	v.waitText(pageOf(v.t, "day"), "How many hours a day")
	v.sendKeys(s.Choose("baby", "yes").Focus("nursing_position")) // the follow-up, scrolled into view
	v.waitText("How do you usually feed or hold the baby?")
	v.sendKeys(s.Fill(charlotte)) // lying on my side
	v.waitText(pageOf(v.t, "tried"), "What have you tried so far?")
	v.do(ptyKeys(v.t, s.Fill(charlotte).Keys()), "Review your answers", "See my results", "Feeding position", "Lying on my side")
	v.send(kEnter)
}

func checkSummary(t *testing.T, path string, wants ...string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the summary was not written: %v", err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", path, st.Mode().Perm())
	}
	low := strings.ToLower(string(data))
	for _, w := range wants {
		if !strings.Contains(low, strings.ToLower(w)) {
			t.Errorf("%s lacks %q:\n%s", path, w, data)
		}
	}
	return string(data)
}

func TestTUIEmma(t *testing.T) {
	v := startVT(t, vtermOpts{w: 80, h: 24, env: []string{"NO_COLOR=1"}})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")
	s := script(t)
	emma := keyscript.Emma(t, questionnaire.Default())
	v.sendKeys(s.NoWarnings(14))
	v.waitText("Do any of these apply to you?")
	v.sendKeys(s.Fill(emma)) // no health conditions
	v.waitText("Where does it hurt?")
	v.sendKeys(s.Fill(emma)) // middle of the back; hurts to twist
	v.waitText("When does it hurt?")
	v.sendKeys(s.Fill(emma)) // on waking, eases; less than a week
	v.waitText("How do you sleep?")
	v.sendKeys(s.Fill(emma))
	v.waitText("How high is your pillow?")
	v.sendKeys(s.Fill(emma))
	v.waitText("How many hours a day")
	v.sendKeys(s.Fill(emma)) // training most days; pulled a muscle
	v.waitText("What have you tried so far?")
	v.do(ptyKeys(t, s.Fill(emma).Keys()), "Review your answers")
	// Emma is 14: new back pain under 20 is a reason to book a check.
	v.do([]string{kEnter}, "SOON", "your results")
	v.scrollUntil("Likely causes", "pulled muscle")

	// Export as JSON, after a failed try in a folder that does not exist.
	v.do([]string{"e"}, "Export the summary")
	v.send(kCtrlU)
	v.do([]string{"no-such-dir/summary.txt", kEnter}, "Could not save", "does not exist")
	v.send(kCtrlU, "emma.txt", kTab, kRight, kRight) // format: JSON, file renamed
	v.waitText("emma.json")
	v.do([]string{kEnter}, "Saved the summary to", "emma.json")
	data := checkSummary(t, filepath.Join(v.dir, "emma.json"), "pulled-muscle")
	var doc map[string]any
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Errorf("emma.json is not JSON: %v", err)
	}
	v.send(kCtrlC)
	if code := v.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func TestTUIEmergency(t *testing.T) {
	v := startVT(t, vtermOpts{w: 80, h: 24})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Chest pain, pressure")
	v.sendKeys(script(t).Cursor("warning_now", "chest_pain").Space().Next()) // chest pain, and on
	s := v.waitText("EMERGENCY", "call", "emergency number")
	if strings.Contains(s, "Do you have any of these?") || strings.Contains(s, pageOf(t, "health")) {
		t.Fatalf("the questionnaire went on after an emergency sign:\n%s", s)
	}
	v.do([]string{"e"}, "Export the summary")
	v.do([]string{kEnter}, "Saved the summary to")
	checkSummary(t, filepath.Join(v.dir, "backtriage-summary-"+e2eDate+".txt"), "emergency", "chest pain")
	// A mistake can be undone: back to the answers, nothing lost.
	v.do([]string{kLeft}, pageOf(t, "warning"), "[x] Chest pain")
	v.send(kCtrlC)
	v.do(nil, "Quit backtriage?", "Save your answers so far")
	v.send(kCtrlC)
	if code := v.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

// ctrl+c mid-questionnaire offers to save the answers; the saved file
// reopens with --answers; the terminal is restored either way.
func TestTUIQuitMidFormSavesAnswers(t *testing.T) {
	dir := t.TempDir()
	v := startVT(t, vtermOpts{w: 80, h: 24, dir: dir})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")
	v.send(ptyKeys(t, script(t).NoWarnings(42).Choose("risk_factors", "none").Choose("pain_where", "between_shoulder_blades").Next().Keys())...)
	v.waitText("Which side?")
	v.do([]string{kCtrlC}, "Quit backtriage?", "backtriage-answers-"+e2eDate+".yaml")
	v.send(kEnter)
	if code := v.wait(); code != exitAborted { // quit before a result
		t.Fatalf("exit code %d", code)
	}
	v.restored()
	saved := filepath.Join(dir, "backtriage-answers-"+e2eDate+".yaml")
	data, err := os.ReadFile(saved)
	if err != nil {
		t.Fatalf("answers not saved: %v\n%s", err, v.screen())
	}
	for _, want := range []string{"age: 42", "pain_where: [between_shoulder_blades]", `warning_now: ["none"]`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("saved answers lack %q:\n%s", want, data)
		}
	}
	if s := v.screen(); !strings.Contains(s, "--answers") {
		t.Errorf("after quitting, the screen does not say how to reopen:\n%s", s)
	}

	// Reopen: it goes on where it stopped, with the answers kept.
	v2 := startVT(t, vtermOpts{w: 80, h: 24, dir: dir}, "--answers", saved)
	v2.waitText("Loaded", "answers from")
	v2.do([]string{kEnter}, pageOf(t, "where"), "[x] Between the shoulder blades", "Which side?")
	v2.send(kCtrlC)
	v2.do(nil, "Quit backtriage?")
	v2.send(kCtrlC)
	v2.wait()
}

func TestTUICtrlCRestoresTerminal(t *testing.T) {
	v := startVT(t, vtermOpts{w: 80, h: 24})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")
	v.do(ptyKeys(t, script(t).Cursor("warning_now", "exertion_spread").Space().Keys()), "[x] "+label(t, "warning_now", "exertion_spread"))
	v.do([]string{kCtrlC}, "Quit backtriage?")
	v.send(kCtrlC)
	if code := v.wait(); code != exitAborted { // quit before a result
		t.Fatalf("exit code %d", code)
	}
	v.restored()
}

// A terminal too small for the layout gets a clear message; enlarging it
// brings the flow back, unchanged.
func TestTUISmallTerminalAndResize(t *testing.T) {
	v := startVT(t, vtermOpts{w: 40, h: 12})
	s := v.waitText("Please enlarge the terminal", "40×12")
	for _, l := range strings.Split(s, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("a line is %d wide on a 40-column terminal: %q", w, l)
		}
	}
	v.resize(80, 24)
	v.waitText("enter start", "Nothing leaves this machine")
	v.do([]string{kEnter}, "Right now")
	v.do(ptyKeys(t, script(t).Choose("warning_now", keyscript.None).Next().Keys()), "[x] None of these")

	// Shrink below the minimum and grow again: the page comes back as it
	// was, with nothing left over from the small screen.
	v.resize(50, 14)
	v.waitText("Please enlarge")
	v.resize(100, 30)
	s = v.waitText(pageOf(t, "warning"), "[x] None of these", "Do you have any of these?")
	if strings.Contains(s, "enlarge") {
		t.Errorf("leftovers of the small screen after resizing:\n%s", s)
	}
	// Narrower but big enough: the text reflows within the width.
	v.resize(64, 20)
	s = v.waitFor("a reflowed page", func(s string) bool {
		return strings.Contains(s, pageOf(t, "warning")) && maxLineWidth(s) <= 64 && !strings.Contains(s, "enlarge")
	})
	if n := strings.Count(s, pageOf(t, "warning")); n != 1 {
		t.Errorf("the header shows %d times after resizing:\n%s", n, s)
	}
	v.send(kCtrlC)
	v.do(nil, "Quit backtriage?")
	v.send(kCtrlC)
	v.wait()
}

// scrollUntil presses j (down), one line at a time, until the screen
// shows texts.
//
// It moves one line at a time and waits for each move to be drawn (and the
// output to settle) before the next key: on a slow machine keys sent on a
// timer pile up and are taken together, and the frame where every text is
// on the screen at once can be skipped.
func (v *vterm) scrollUntil(texts ...string) string {
	v.t.Helper()
	deadline := time.Now().Add(hangTimeout)
	for range 200 {
		s := v.screen()
		if containsAll(s, texts) {
			return s
		}
		v.send("j")
		// Moved, or at the bottom (nothing moves: give it a while).
		for moved := time.Now().Add(5 * time.Second); v.screen() == s && time.Now().Before(moved); {
			v.settle()
		}
		v.settle()
		if time.Now().After(deadline) {
			break
		}
	}
	return v.waitText(texts...)
}

// settle waits until no output has come for a moment.
func (v *vterm) settle() {
	for {
		select {
		case <-v.updated:
		case <-time.After(30 * time.Millisecond):
			return
		}
	}
}

func containsAll(s string, texts []string) bool {
	for _, t := range texts {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

func (v *vterm) resize(w, h int) {
	v.t.Helper()
	v.emu.Resize(w, h)
	if err := v.pty.Resize(w, h); err != nil {
		v.t.Fatal(err)
	}
}

func maxLineWidth(s string) int {
	m := 0
	for _, l := range strings.Split(s, "\n") {
		m = max(m, ansi.StringWidth(strings.TrimRight(l, " ")))
	}
	return m
}

// A terminal that never answers queries (background colour, modes) still
// gets the first frame and works. How fast is BenchmarkFirstFrame's job: a
// wall-clock bound here would fail on a loaded machine.
func TestTUISilentTerminal(t *testing.T) {
	v := startVT(t, vtermOpts{w: 80, h: 24, silent: true})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")
	v.send(kCtrlC)
	v.wait()
}

// With input piped, the accessible line-by-line mode runs by itself, with
// the same follow-ups and results.
func TestAccessiblePiped(t *testing.T) {
	dir := t.TempDir()
	// Charlotte, by option numbers; blank lines skip a question.
	qn := questionnaire.Default()
	input := strings.Join(append(keyscript.Lines(t, qn, keyscript.Charlotte(t, qn)),
		"",      // review: see the results
		"2", "", // save as Markdown, default name
	), "\n") + "\n"
	cmd := exec.Command(bin(), "--date", e2eDate)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TERM=xterm-256color")
	cmd.Stdin = strings.NewReader(input)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s\n%s", err, errb.String(), out.String())
	}
	o := out.String()
	if strings.Contains(o, "\x1b[") {
		t.Error("accessible output contains escape codes")
	}
	for _, want := range []string{
		fmt.Sprintf("Page 1 of %d: Warning signs first", len(qn.Pages)), nowNumber(t, "chest_pain") + ". Chest pain",
		nowNumber(t, keyscript.None) + ". None of these",
		"How do you usually feed or hold the baby?", // the follow-up, asked after "yes"
		"Review your answers", "Feeding position: Lying on my side",
		"Likely causes:", "Saved the summary to",
	} {
		if !strings.Contains(o, want) {
			t.Errorf("accessible output lacks %q", want)
		}
	}
	if strings.Contains(o, "When you feed sitting up") {
		t.Error("a follow-up that does not apply was asked")
	}
	checkSummary(t, filepath.Join(dir, "backtriage-summary-"+e2eDate+".md"), "# ", "mattress")
}

func TestAccessibleEmergencyStops(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(bin(), "--accessible", "--date", e2eDate, "-o", "sos.txt")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(nowNumber(t, "chest_pain") + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Emergency: call for help now") || strings.Contains(string(out), "Do you have any of these?") {
		t.Errorf("no stop at the emergency sign:\n%s", out)
	}
	checkSummary(t, filepath.Join(dir, "sos.txt"), "emergency")
}

func TestAccessibleInputEndsEarly(t *testing.T) {
	cmd := exec.Command(bin(), "--accessible")
	cmd.Dir = t.TempDir()
	cmd.Stdin = strings.NewReader(nowNumber(t, keyscript.None) + "\n")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInput {
		t.Fatalf("want exit %d when the input ends before the warning signs, got %v\n%s", exitInput, err, out)
	}
}

// ---- Benchmarks ----

// BenchmarkFirstFrame is exec to the first full frame on a pseudo-terminal.
func BenchmarkFirstFrame(b *testing.B) {
	for _, silent := range []bool{false, true} {
		name := "answering"
		if silent {
			name = "silent-terminal"
		}
		b.Run(name, func(b *testing.B) {
			var ds []time.Duration
			var rss int64
			for b.Loop() {
				start := time.Now()
				v := startVT(b, vtermOpts{w: 80, h: 24, silent: silent})
				v.waitRows(23, 23, "enter start") // the last line: the frame is whole
				ds = append(ds, time.Since(start))
				v.waitRaw()
				rss = max(rss, v.peakRSS())
				v.send(kCtrlC)
				v.wait()
			}
			reportLatency(b, ds, "first-frame")
			b.ReportMetric(float64(rss)/1024, "MB-peak-RSS")
		})
	}
	// With a diary and without: the welcome looks for it only after the
	// first frame, so the frame is no later; the peak memory is taken once
	// the rule table has loaded and the welcome has looked (a settled
	// welcome, the same moment for both).
	for _, kept := range []bool{false, true} {
		name := "settled/no-diary"
		if kept {
			name = "settled/diary-kept"
		}
		b.Run(name, func(b *testing.B) {
			home := b.TempDir()
			if kept {
				start := exec.Command(bin(), "diary", "start", "--yes")
				start.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
				if out, err := start.CombinedOutput(); err != nil {
					b.Fatalf("diary start: %v\n%s", err, out)
				}
			}
			var ds []time.Duration
			var rss int64
			for b.Loop() {
				start := time.Now()
				v := startVT(b, vtermOpts{w: 80, h: 24, dir: home})
				v.waitRows(23, 23, "enter start")
				ds = append(ds, time.Since(start))
				if kept {
					v.waitText("You keep a diary")
				}
				time.Sleep(300 * time.Millisecond) // the table loads in about 10 ms
				rss = max(rss, v.peakRSS())
				v.send(kCtrlC)
				v.wait()
			}
			reportLatency(b, ds, "first-frame")
			b.ReportMetric(float64(rss)/1024, "MB-peak-RSS")
		})
	}
}

// BenchmarkKeystroke is an arrow key to the redrawn frame, on the first page.
func BenchmarkKeystroke(b *testing.B) {
	v := startVT(b, vtermOpts{w: 80, h: 24})
	v.waitText("enter start")
	v.do([]string{kEnter}, "› [ ] Chest pain")
	var ds []time.Duration
	down := true
	for b.Loop() {
		k, want := kDown, "› [ ] Pain spreading"
		if !down {
			k, want = kUp, "› [ ] Chest pain"
		}
		down = !down
		// People do not type in step with the frame clock: a random pause
		// keeps each key from landing just after a frame was drawn.
		time.Sleep(time.Duration(rand.Int64N(int64(10 * time.Millisecond))))
		start := time.Now()
		v.send(k)
		v.waitRows(4, 8, want)
		ds = append(ds, time.Since(start))
	}
	reportLatency(b, ds, "key-to-frame")
	b.ReportMetric(float64(v.peakRSS())/1024, "MB-peak-RSS")
	v.send(kCtrlC)
	v.wait()
}

// peakRSS is the running program's peak resident set (VmHWM) in KiB. (The
// rusage of a child counts the parent's memory from before exec.)
func (v *vterm) peakRSS() int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", v.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb); err != nil {
				return 0
			}
			return kb
		}
	}
	return 0
}

func reportLatency(b *testing.B, ds []time.Duration, what string) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), "ms-median-"+what)
	b.ReportMetric(ms(ds[len(ds)*9/10]), "ms-p90-"+what)
	b.ReportMetric(0, "ns/op")
}

// A signal (SIGTERM, or ^C while the terminal is still in cooked mode at
// start) ends the program and restores the terminal; it never hangs.
func TestTUISignalsRestoreTerminal(t *testing.T) {
	dir := t.TempDir()
	v := startVT(t, vtermOpts{w: 80, h: 24, dir: dir})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")
	v.do(ptyKeys(t, script(t).Choose("warning_now", keyscript.None).Keys()), "[x] None of these")
	v.cmd.Process.Signal(syscall.SIGTERM)
	if code := v.wait(); code != exitAborted {
		t.Errorf("exit code %d after SIGTERM, want %d", code, exitAborted)
	}
	v.restored()
	// The answers given so far are kept, and the screen says how to go on.
	saved := filepath.Join(dir, "backtriage-answers-"+e2eDate+".yaml")
	if data, err := os.ReadFile(saved); err != nil || !strings.Contains(string(data), `warning_now: ["none"]`) {
		t.Errorf("answers not rescued after SIGTERM: %v\n%s", err, data)
	}
	if s := v.screen(); !strings.Contains(s, "backtriage was stopped") || !strings.Contains(s, "--answers") {
		t.Errorf("no word on how to resume:\n%s", s)
	}

	for range 5 {
		v := startVT(t, vtermOpts{w: 80, h: 24})
		v.waitRows(23, 23, "enter start")
		if _, err := v.pty.Write([]byte(kCtrlC)); err != nil { // possibly before raw mode: a SIGINT
			t.Fatal(err)
		}
		v.wait()
		v.restored()
	}
}
