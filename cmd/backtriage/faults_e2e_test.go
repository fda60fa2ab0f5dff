package main

// End-to-end tests of faults: signals, job control and hostile inputs, on
// the same pseudo-terminal harness as tui_e2e_test.go.

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

const kCtrlZ = "\x1a"

// SIGHUP (the window closed, the SSH link dropped, tmux kill-session) is
// handled like SIGTERM: the terminal is restored, the answers rescued, and
// the exit code is 129.
func TestTUIHangupRestoresAndRescues(t *testing.T) {
	dir := t.TempDir()
	v := startVT(t, vtermOpts{w: 80, h: 24, dir: dir})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")
	v.do([]string{"7"}, "[x] None of these")
	v.cmd.Process.Signal(syscall.SIGHUP)
	if code := v.wait(); code != exitHangup {
		t.Errorf("exit code %d after SIGHUP, want %d", code, exitHangup)
	}
	v.restored()
	saved := filepath.Join(dir, "backtriage-answers-"+e2eDate+".yaml")
	if data, err := os.ReadFile(saved); err != nil || !strings.Contains(string(data), `warning_now: ["none"]`) {
		t.Errorf("answers not rescued after SIGHUP: %v\n%s", err, data)
	}
	if s := v.screen(); !strings.Contains(s, "backtriage was stopped") {
		t.Errorf("no word that it stopped:\n%s", s)
	}
}

// stopped waits until the process is stopped (state T in /proc).
func (v *vterm) stopped(p *os.Process) {
	v.t.Helper()
	deadline := time.Now().Add(hangTimeout)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile("/proc/" + strconv.Itoa(p.Pid) + "/stat")
		if err != nil {
			v.t.Skipf("cannot read the process state: %v", err)
		}
		// "pid (comm) state ...": the state follows the last ')'.
		s := string(data)
		if i := strings.LastIndexByte(s, ')'); i > 0 && i+2 < len(s) && s[i+2] == 'T' {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	st, _ := os.ReadFile("/proc/" + strconv.Itoa(p.Pid) + "/stat")
	v.t.Fatalf("the program never stopped (%s); the screen:\n%s", st, v.screen())
}

// handedBack waits, while the program is stopped, until it is seen to
// have given the terminal back: cooked mode, main screen, cursor shown.
// (What it wrote before stopping may still be on its way to the emulator.)
func (v *vterm) handedBack(how string) {
	v.t.Helper()
	const modes = unix.ICANON | unix.ECHO | unix.ISIG
	deadline := time.Now().Add(hangTimeout)
	for {
		st, err := unix.IoctlGetTermios(int(v.pty.Fd()), unix.TCGETS)
		if err != nil {
			v.t.Fatal(err)
		}
		cooked := st.Lflag&modes == v.before.Lflag&modes
		if cooked && !v.alt.Load() && v.cursor.Load() {
			return
		}
		if time.Now().After(deadline) {
			v.t.Fatalf("%s: terminal not handed back while stopped: cooked %v, alternate screen %v, cursor shown %v",
				how, cooked, v.alt.Load(), v.cursor.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// ctrl+z and SIGTSTP suspend properly: the terminal is handed back before
// the process stops, and on SIGCONT (the shell's fg) the screen is painted
// again and keys work.
func TestTUISuspendAndResume(t *testing.T) {
	v := startVT(t, vtermOpts{w: 80, h: 24})
	prog := v.cmd.Process
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")

	for i, how := range []string{"SIGTSTP", "ctrl+z"} {
		if how == "ctrl+z" {
			v.send(kCtrlZ)
		} else {
			prog.Signal(syscall.SIGTSTP)
		}
		v.stopped(prog)
		v.handedBack(how)
		// The shell writes on the screen meanwhile; then fg.
		v.emu.Write([]byte("\x1b[2J\x1b[Hshell output\r\n"))
		v.raw = false
		prog.Signal(syscall.SIGCONT)
		v.waitRaw()
		v.waitFor("the page repainted", func(s string) bool {
			return strings.Contains(s, "Right now") && !strings.Contains(s, "shell output")
		})
		if !v.alt.Load() || v.cursor.Load() {
			t.Errorf("%s: after resume, alternate screen %v, cursor shown %v", how, v.alt.Load(), v.cursor.Load())
		}
		mark := []string{"[x] None of these", "[ ] None of these"}[i]
		v.do([]string{"7"}, mark) // keys work again
	}
}
