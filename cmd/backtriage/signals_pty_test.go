package main

// Every Bubble Tea program in the binary (the questionnaire, its history
// screen, the check-in form, the guided routine) handles SIGINT, SIGTERM,
// SIGHUP and ctrl+z the one same way (internal/teaprog). Each used to
// deadlock now and then on a signal, the terminal left raw; this runs each
// program under each signal many times and fails on any hang, a terminal
// not restored, a wrong exit code or a missing word on what happened.

import (
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// signalRounds is how many times each program is started and stopped by
// each signal, as the issue asked: a deadlock that came in about half the
// runs shows in the first few, and a round costs about 0.05 to 0.15 s (the
// four programs run side by side: about 8 s in all).
const signalRounds = 20

// signalBurst is how many copies of the signal each round sends at once:
// the later ones arrive while the program is shutting down, which is when
// Bubble Tea's own handler used to deadlock it.
const signalBurst = 3

// signalProgram is one program: how to start it and bring it to a screen
// where the person is at work, and what it says when stopped.
type signalProgram struct {
	name  string
	args  func(t *testing.T, data string) []string
	ready func(v *vterm)
	shows string // a text of that screen, painted again after a resume
	said  string // the sentence on stderr
}

func signalPrograms() []signalProgram {
	return []signalProgram{
		{
			name: "questionnaire",
			args: func(*testing.T, string) []string { return nil },
			ready: func(v *vterm) {
				v.waitText("enter start")
				v.do([]string{kEnter}, "Right now")
				v.do(ptyKeys(v.t, script(v.t).Choose("warning_now", "none").Keys()), "[x] None of these")
			},
			shows: "[x] None of these",
			said:  "backtriage was stopped.\nYour answers so far are saved in",
		},
		{
			name: "history screen",
			args: func(t *testing.T, data string) []string {
				if _, errs, code := runDiary(t, data, "", at("2026-11-20T08:00:00Z"), "assess", "--answers", charlotte, "--store"); code != 0 {
					t.Fatalf("assess --store: exit %d: %s", code, errs)
				}
				return []string{"--data-dir", data}
			},
			ready: func(v *vterm) {
				v.waitText("press v to see how it is going")
				v.do([]string{"v"}, "Your diary")
				v.waitFor("the history", func(s string) bool { return !strings.Contains(s, "Reading your diary") })
			},
			shows: "Current advice",
			said:  "backtriage was stopped.",
		},
		{
			name: "check-in form",
			args: func(_ *testing.T, data string) []string { return []string{"checkin", "--data-dir", data} },
			ready: func(v *vterm) {
				v.waitText(firstWarning())
				// A key, and its effect seen: the terminal's replies to
				// the program's first queries, read before it, have been
				// taken too. A stop while one is still unread costs the
				// exit half a second (Bubble Tea's bounded wait for its
				// input reader), 30 s over the rounds.
				v.do([]string{kDown}, "› [ ] Pain spreading")
			},
			shows: firstWarning(),
			said:  "backtriage was stopped; the check-in was not saved.",
		},
		{
			name: "guide",
			args: func(_ *testing.T, data string) []string {
				return []string{"guide", "stretch-before-bed", "--quiet", "--data-dir", data}
			},
			ready: func(v *vterm) {
				v.waitText("Guided:", "space pause/resume")
				v.do([]string{"p"}, "(paused") // as for the check-in: its replies taken
			},
			shows: "space pause/resume",
			said:  "backtriage was stopped; the routine was not recorded.",
		},
	}
}

func TestSignalsStopEveryProgram(t *testing.T) {
	signals := []struct {
		sig  syscall.Signal
		code int
	}{
		{syscall.SIGINT, exitAborted},
		{syscall.SIGTERM, exitAborted},
		{syscall.SIGHUP, exitHangup},
	}
	for _, p := range signalPrograms() {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			data := t.TempDir()
			args := p.args(t, data)
			for _, s := range signals {
				for round := range signalRounds {
					what := fmt.Sprintf("%s, round %d", s.sig, round+1)
					v := startVT(t, vtermOpts{w: 100, h: 30, dir: t.TempDir()}, args...)
					p.ready(v)
					if round == 0 {
						// ctrl+z first: suspended and resumed, it still
						// stops as it should.
						suspendResume(v, what)
						v.waitFor("the screen painted again", func(s string) bool {
							return strings.Contains(s, p.shows) && !strings.Contains(s, "shell output")
						})
					}
					for range signalBurst {
						_ = v.cmd.Process.Signal(s.sig) // the later ones may find it gone
					}
					if code := v.wait(); code != s.code {
						t.Errorf("%s: exit code %d, want %d; the screen:\n%s", what, code, s.code, v.screen())
					}
					v.restored()
					screen := v.screen()
					if n := strings.Count(screen, "backtriage was stopped"); n != 1 || !strings.Contains(unwrapped(screen), p.said) {
						t.Errorf("%s: the screen does not say %q once:\n%s", what, p.said, screen)
					}
					if t.Failed() {
						t.Logf("%s: the last bytes the program wrote: %q", what, tail(v.written(), 400))
						return // one failure says it; the next rounds would repeat it
					}
				}
			}
		})
	}
}

func tail(s string, n int) string { return s[max(0, len(s)-n):] }

// suspendResume presses ctrl+z, checks the terminal is handed back while
// the process is stopped, and continues it (the shell's fg).
func suspendResume(v *vterm, what string) {
	v.t.Helper()
	v.send(kCtrlZ)
	v.stopped(v.cmd.Process)
	v.handedBack(what + ", ctrl+z")
	// The shell writes on the screen meanwhile; then fg.
	_, _ = v.emu.Write([]byte("\x1b[2J\x1b[Hshell output\r\n")) // the emulator never fails
	v.raw = false
	if err := v.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		v.t.Fatal(err)
	}
	v.waitRaw()
}

// unwrapped is the screen with each line's trailing blanks cut, so texts
// printed on consecutive lines can be matched with "\n" between them.
func unwrapped(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// firstWarning is the check-in's first question: a warning sign's.
func firstWarning() string {
	for _, q := range questionnaire.Default().Questions() {
		if q.Warning {
			return q.Prompt
		}
	}
	return ""
}
