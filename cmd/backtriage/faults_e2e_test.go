package main

// End-to-end tests of faults: signals, job control and hostile inputs, on
// the same pseudo-terminal harness as tui_e2e_test.go.

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
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
	v.do(ptyKeys(t, script(t).Choose("warning_now", "none").Keys()), "[x] None of these")
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
		_, _ = v.emu.Write([]byte("\x1b[2J\x1b[Hshell output\r\n")) // the emulator never fails
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
		v.do(ptyKeys(t, script(t).Toggle("warning_now", "none").Keys()), mark) // keys work again
	}
}

// runGuarded runs the binary with stdin from a file (or nothing), failing
// the test instead of hanging if it never ends.
func runGuarded(t *testing.T, stdin *os.File, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return out.String(), ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return out.String(), 0
	case <-time.After(hangTimeout):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%q did not end:\n%s", args, out.String())
		return "", 0
	}
}

// Hostile inputs on the command line: each ends at once with a message
// naming the file and exit code 3; none blocks or fills memory.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	rulesDir := filepath.Join(dir, "rules")
	if err := os.Mkdir(rulesDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(rulesDir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "x.yaml"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer zero.Close()
	for _, tt := range []struct {
		name  string
		stdin *os.File
		args  []string
		want  string
	}{
		{"answers FIFO", nil, []string{"assess", "--answers", fifo},
			fifo + ": not a regular file: it is a FIFO (named pipe)"},
		{"answers /dev/zero", nil, []string{"assess", "--answers", "/dev/zero"},
			"/dev/zero: not a regular file: it is a character device"},
		{"stdin /dev/zero", zero, []string{"assess", "--answers", "-"},
			"<stdin>: file is larger than 256 KiB"},
		{"deep answers", nil, []string{"assess", "--answers", "testdata/answers/deep-nesting.yaml"},
			"deep-nesting.yaml:2:78: nested deeper than 64 levels"},
		{"rules link to /dev/zero", nil, []string{"rules", "check", rulesDir},
			filepath.Join(rulesDir, "zero.yaml") + ": not a regular file: it is a character device"},
		{"assess --rules link to /dev/zero", nil, []string{"assess", "--rules", rulesDir, "--answers", "testdata/readers/charlotte.yaml"},
			filepath.Join(rulesDir, "zero.yaml") + ": not a regular file"},
		{"empty rule table", nil, []string{"assess", "--rules", empty, "--answers", "testdata/golden/emergency.yaml"},
			empty + ": the table has no sources, no causes, no steps"},
		{"accessible < /dev/zero", zero, []string{"--accessible"},
			"input refused: line too long: an input line is longer than 4 KiB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, code := runGuarded(t, tt.stdin, tt.args...)
			if code != exitInput || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, want %d and %q in:\n%s", code, exitInput, tt.want, out)
			}
			if strings.Contains(out, "goroutine ") || strings.Contains(out, "fatal error") {
				t.Errorf("a Go crash:\n%s", out)
			}
		})
	}
}

// The interactive flow with --rules on a folder holding a FIFO: asking for
// the results ends with the message, the terminal restored, and exit 3; it
// never freezes.
func TestTUIRulesFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	v := startVT(t, vtermOpts{w: 80, h: 24}, "--rules", dir)
	if code := v.wait(); code != exitInput {
		t.Errorf("exit code %d, want %d", code, exitInput)
	}
	v.restored()
	if s := v.screen(); !strings.Contains(s, "fifo.yaml: not a regular file") {
		t.Errorf("no message naming the FIFO:\n%s", s)
	}
}
