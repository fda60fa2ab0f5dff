package export_test

// Faults when saving a summary or answers file: the directory is missing or
// read-only, the file exists, the path is a directory, the writer fails
// midway. Each time the old file stays intact, no temporary file is left
// behind, and the error says what happened. Files are created 0600.

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/backtriage/backtriage/internal/export"
)

// listDir names every entry in dir, so a test can see a temp file left over.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// expectOnly fails unless dir holds exactly the named entries.
func expectOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	got := listDir(t, dir)
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %q, want %q (a temporary file left behind?)", dir, got, names)
	}
}

func expectContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds %q, want %q", path, got, want)
	}
}

func expectMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != want {
		t.Errorf("%s has mode %v, want %v", path, st.Mode().Perm(), want)
	}
}

func expectErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %q", want)
	}
	if err.Error() != want {
		t.Errorf("error:\ngot  %s\nwant %s", err, want)
	}
}

func TestWriteNewFileIs0600(t *testing.T) {
	// Even with a permissive umask the file is owner-only: it is health data.
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.txt")
	if err := export.WriteFile(path, []byte("hello\n"), false); err != nil {
		t.Fatal(err)
	}
	expectContent(t, path, "hello\n")
	expectMode(t, path, 0o600)
	expectOnly(t, dir, "summary.txt")
}

func TestWriteForceReplacesAndTightensMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := export.WriteFile(path, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	expectContent(t, path, "new")
	expectMode(t, path, 0o600)
	expectOnly(t, dir, "summary.txt")
}

func TestWriteFileExists(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	called := false
	err := export.Write(path, false, func(w io.Writer) error {
		called = true
		_, err := w.Write([]byte("new"))
		return err
	})
	expectErr(t, err, path+": file already exists (choose another name, or replace it with --force)")
	if !errors.Is(err, export.ErrExists) {
		t.Errorf("error does not wrap ErrExists: %v", err)
	}
	if called {
		t.Errorf("the summary was rendered although the file exists")
	}
	expectContent(t, path, "old")
	expectMode(t, path, 0o644)
	expectOnly(t, dir, "summary.txt")
}

// TestWriteFileAppearsMeanwhile: a file created by someone else while the
// summary is being written is not replaced without force.
func TestWriteFileAppearsMeanwhile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.txt")
	err := export.Write(path, false, func(w io.Writer) error {
		if err := os.WriteFile(path, []byte("theirs"), 0o644); err != nil {
			return err
		}
		_, err := w.Write([]byte("ours"))
		return err
	})
	expectErr(t, err, path+": file already exists (choose another name, or replace it with --force)")
	if !errors.Is(err, export.ErrExists) {
		t.Errorf("error does not wrap ErrExists: %v", err)
	}
	expectContent(t, path, "theirs")
	expectOnly(t, dir, "summary.txt")
}

func TestWriteDirectoryMissing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-dir")
	path := filepath.Join(missing, "summary.txt")
	err := export.WriteFile(path, []byte("x"), false)
	expectErr(t, err, "cannot write "+path+": directory "+missing+" does not exist")
	expectOnly(t, dir)
}

func TestWriteParentIsAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(file, "summary.txt")
	err := export.WriteFile(path, []byte("x"), true)
	expectErr(t, err, "cannot write "+path+": "+file+" is not a directory")
	expectContent(t, file, "keep")
	expectOnly(t, dir, "notes.txt")
}

func TestWritePathIsADirectory(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "exports")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, force := range []bool{false, true} {
		err := export.WriteFile(sub, []byte("x"), force)
		expectErr(t, err, sub+" is a directory; give a file name inside it")
		expectOnly(t, dir, "exports")
		expectOnly(t, sub)
	}
}

func TestWriteEmptyPath(t *testing.T) {
	expectErr(t, export.WriteFile("", []byte("x"), true), "no file name given")
}

func TestWriteRelativePathNamesTheAbsolutePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := export.WriteFile("summary.md", []byte("# hi\n"), false); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "summary.md")
	expectContent(t, abs, "# hi\n")
	err := export.WriteFile("summary.md", []byte("again"), false)
	// The message names the absolute path so the person can find the file.
	real, _ := filepath.EvalSymlinks(dir)
	if err == nil || (!strings.HasPrefix(err.Error(), abs+": ") && !strings.HasPrefix(err.Error(), filepath.Join(real, "summary.md")+": ")) {
		t.Errorf("got %v, want it to start with %s", err, abs)
	}
}

func TestWriteFailsMidway(t *testing.T) {
	boom := errors.New("no space left on device")
	fill := func(w io.Writer) error {
		if _, err := w.Write([]byte("half a summ")); err != nil {
			return err
		}
		return boom
	}
	t.Run("over an existing file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "summary.txt")
		if err := os.WriteFile(path, []byte("the old summary"), 0o600); err != nil {
			t.Fatal(err)
		}
		err := export.Write(path, true, fill)
		expectErr(t, err, "writing "+path+" failed, nothing was changed: no space left on device")
		if !errors.Is(err, boom) {
			t.Errorf("error does not wrap the writer's error")
		}
		expectContent(t, path, "the old summary")
		expectOnly(t, dir, "summary.txt")
	})
	t.Run("a new file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "summary.txt")
		err := export.Write(path, false, fill)
		expectErr(t, err, "writing "+path+" failed, nothing was changed: no space left on device")
		expectOnly(t, dir)
	})
}

// TestWritePanickingWriter: a renderer that panics midway must not leave a
// half-written temporary file behind either.
func TestWritePanickingWriter(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.txt")
	if err := os.WriteFile(path, []byte("the old summary"), 0o600); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if p := recover(); p == nil {
				t.Errorf("the panic did not reach the caller")
			}
		}()
		_ = export.Write(path, true, func(w io.Writer) error {
			_, _ = w.Write([]byte("half")) // half a summary, then the crash
			panic("renderer bug")
		})
	}()
	expectContent(t, path, "the old summary")
	if got := listDir(t, dir); len(got) != 1 {
		t.Errorf("the temporary file is left after a panicking fill: %q (Write's deferred cleanup must remove it on panic too)", got)
	}
}

// TestWriteReadOnlyDirectory needs a user the permission bits apply to. As
// root (containers, CI) it re-runs itself as an unprivileged user.
func TestWriteReadOnlyDirectory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits do not make a directory read-only on Windows")
	}
	if os.Geteuid() == 0 {
		reexecUnprivileged(t, "TestWriteReadOnlyDirectory")
		return
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ro, "summary.txt")
	if err := os.WriteFile(path, []byte("the old summary"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o700) })

	for _, force := range []bool{true, false} {
		err := export.WriteFile(path, []byte("new"), force)
		want := "cannot write " + path + ": permission denied"
		if !force {
			want = path + ": file already exists (choose another name, or replace it with --force)"
		}
		expectErr(t, err, want)
		expectContent(t, path, "the old summary")
		expectOnly(t, ro, "summary.txt")
	}
	other := filepath.Join(ro, "other.txt")
	expectErr(t, export.WriteFile(other, []byte("new"), false), "cannot write "+other+": permission denied")
	expectOnly(t, ro, "summary.txt")
}

// reexecUnprivileged runs one test of this binary as user nobody and
// reports its result.
func reexecUnprivileged(t *testing.T, name string) {
	t.Helper()
	const nobody = 65534
	self, err := os.Executable()
	if err != nil {
		t.Skipf("running as root and cannot find the test binary to re-run unprivileged: %v", err)
	}
	// The test binary usually sits in a directory only root can enter;
	// copy it somewhere nobody can run it from.
	dir, err := os.MkdirTemp("", "export-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "export.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(tmp, 0o777); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "HOME="+tmp, "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		t.Logf("re-run as uid %d:\n%s", nobody, out)
	case errors.As(err, &ee):
		t.Errorf("re-run as uid %d failed:\n%s", nobody, out)
	default:
		t.Skipf("running as root and cannot re-run as uid %d (%v); the read-only case needs a non-root user", nobody, err)
	}
}

// --force replaces a regular file or a symbolic link, nothing else: a FIFO
// (standing in for a device node such as /dev/null, which a test must never
// touch) or a socket stays what it is, with a message.
func TestWriteForceRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "summary.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	for _, force := range []bool{false, true} {
		err := export.WriteFile(fifo, []byte("x"), force)
		expectErr(t, err, fifo+" is a FIFO (named pipe), not a file; it is never replaced: give another file name")
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
			t.Fatalf("force=%v: the FIFO was replaced: %v %v", force, st.Mode(), err)
		}
		expectOnly(t, dir, "summary.txt")
	}

	sockPath := filepath.Join(dir, "s.sock")
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: sockPath}); err != nil {
		t.Skip(err)
	}
	expectErr(t, export.WriteFile(sockPath, []byte("x"), true), sockPath+" is a socket, not a file; it is never replaced: give another file name")

	// A link is replaced itself; what it points to is left alone.
	target := filepath.Join(dir, "target.txt")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := export.WriteFile(link, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(target); string(data) != "old" {
		t.Errorf("the link's target was changed: %q", data)
	}
	if st, err := os.Lstat(link); err != nil || !st.Mode().IsRegular() {
		t.Errorf("the link was not replaced by a file: %v %v", st.Mode(), err)
	}
}

// A default name is never one that exists: the first free -2, -3 … .
func TestFreeName(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "backtriage-summary-2026-12-07.txt")
	if got := export.FreeName(name); got != name {
		t.Errorf("nothing there: got %q", got)
	}
	for _, n := range []string{name, filepath.Join(dir, "backtriage-summary-2026-12-07-2.txt")} {
		if err := os.WriteFile(n, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := export.FreeName(name), filepath.Join(dir, "backtriage-summary-2026-12-07-3.txt"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
