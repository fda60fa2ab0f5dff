package main

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/testkit/diarytest"
)

// Another program's SQLite file named diary.db is not adopted by diary
// start, not read by history, and forget does not delete it (issue 11
// audit, item 1).
func TestForeignDatabaseNotAdoptedNorForgotten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fo")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "diary.db")
	data := diarytest.ForeignDB(t, file)
	const words = "is an SQLite database of another program, not a backtriage diary"
	for _, args := range [][]string{{"diary", "start", "--yes"}, {"history"}, {"diary", "export", "--format", "csv"}} {
		out, errs, code := runDiary(t, dir, "", nil, args...)
		if code != exitInput || !strings.Contains(errs, file+" "+words) || !strings.Contains(errs, "left as it is") {
			t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s", args, code, out, errs)
		}
	}
	out, errs, code := runDiary(t, dir, "", nil, "forget", "--yes")
	if code != exitInput || !strings.Contains(errs, "nothing was deleted") || !strings.Contains(errs, words) || strings.Contains(out, "Deleted") {
		t.Errorf("forget --yes: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("another program's database was changed or deleted: %v", err)
	}
	for _, f := range []string{file + "-wal", file + "-shm"} {
		if _, err := os.Lstat(f); err == nil {
			t.Errorf("%s was created beside it", f)
		}
	}
}

// forget deletes only regular files: a FIFO or a folder named diary.db is
// refused, by name and with why, and left (item 2).
func TestForgetRefusesWhatIsNotAFile(t *testing.T) {
	for kind, mk := range map[string]func(string) error{
		"a FIFO":   func(p string) error { return syscall.Mkfifo(p, 0o600) },
		"a folder": func(p string) error { return os.Mkdir(p, 0o700) },
	} {
		dir := t.TempDir()
		file := filepath.Join(dir, "diary.db")
		if err := mk(file); err != nil {
			t.Fatal(err)
		}
		out, errs, code := runDiary(t, dir, "", nil, "forget", "--yes")
		if code != exitInput || !strings.Contains(errs, "nothing was deleted: "+file+" is not a regular file but "+kind) || strings.Contains(out, "Deleted") {
			t.Errorf("forget --yes on %s: exit %d\nstdout: %s\nstderr: %s", kind, code, out, errs)
		}
		if _, err := os.Lstat(file); err != nil {
			t.Errorf("%s was deleted: %v", kind, err)
		}
	}
}

// A FIFO or a damaged file at the diary's place: history and export exit 3
// with a message that says what the file is; the assessment still goes on
// (item 3).
func TestUnusableDiaryFileExitsThree(t *testing.T) {
	fifo := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(fifo, "diary.db"), 0o600); err != nil {
		t.Fatal(err)
	}
	damaged := t.TempDir()
	if err := os.WriteFile(filepath.Join(damaged, "diary.db"), []byte("my notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{fifo: "is not a regular file but a FIFO", damaged: "is damaged"} {
		file := filepath.Join(dir, "diary.db")
		for _, args := range [][]string{{"history"}, {"diary", "export", "--format", "markdown"}} {
			_, errs, code := runDiary(t, dir, "", nil, args...)
			if code != exitInput || !strings.Contains(errs, file) || !strings.Contains(errs, want) || strings.Contains(errs, "I/O") {
				t.Errorf("%s with %s: exit %d, want %d\nstderr: %s", args, want, code, exitInput, errs)
			}
		}
		out, errs, code := runDiary(t, dir, "", nil, "assess", "--answers", charlotte, "--store")
		if code != 0 || !strings.Contains(out, "SELF-CARE PLAN") || !strings.Contains(errs, want) {
			t.Errorf("assess --store with %s: exit %d\nstderr: %s", want, code, errs)
		}
	}
}

var otherUserOnce sync.Once

// runAsOther runs the binary with the diary in dir as an unprivileged user
// when the tests run as root (root may write anywhere, so a read-only
// folder would prove nothing), else as the current user. The binary's
// folder is opened to that user.
func runAsOther(t *testing.T, dir, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binPath, append(args, "--data-dir", dir)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "BACKTRIAGE_NO_STORE=")
	if os.Geteuid() == 0 {
		otherUserOnce.Do(func() { os.Chmod(filepath.Dir(binPath), 0o755) })
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	return runCmd(t, cmd, stdin)
}

// otherUserDir is a private folder that the user of runAsOther owns.
func otherUserDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "backtriage-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700); os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		if err := os.Chown(dir, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A diary in a folder that is not writable: history and export still read
// it (read-only, nothing written); saving says the folder is not writable,
// with its mode, and the assessment goes on (item 3).
func TestDiaryInReadOnlyFolder(t *testing.T) {
	dir := otherUserDir(t)
	if _, errs, code := runAsOther(t, dir, "", "assess", "--answers", charlotte, "--store", "--now", "2026-11-02T08:00:00Z"); code != 0 {
		t.Fatalf("assess --store: %d %s", code, errs)
	}
	if _, errs, code := runAsOther(t, dir, noWarnings+"age: 31\npain_now: 5\n", "checkin", "--answers", "-", "--now", "2026-11-03T08:00:00Z"); code != 0 {
		t.Fatalf("checkin: %d %s", code, errs)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runAsOther(t, dir, "", "history")
	if code != 0 || !strings.Contains(out, "pain 5") {
		t.Errorf("history in a read-only folder: exit %d\n%s\nstderr: %s", code, out, errs)
	}
	out, errs, code = runAsOther(t, dir, "", "diary", "export", "--format", "csv")
	if code != 0 || !strings.Contains(out, ",check-in,1,") || !strings.Contains(out, ",answer,1,") {
		t.Errorf("export in a read-only folder: exit %d\n%s\nstderr: %s", code, out, errs)
	}
	out, errs, code = runAsOther(t, dir, "", "assess", "--answers", "testdata/answers/valid-full.yaml", "--store")
	if code != 0 || !strings.Contains(out, "SELF-CARE PLAN") ||
		!strings.Contains(errs, "folder "+dir+" is not writable (mode 0500)") || strings.Contains(errs, "(1544)") {
		t.Errorf("assess --store in a read-only folder: exit %d\nstderr: %s", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the read-only folder holds %d files, want the diary alone", len(entries))
	}
}

// An existing --data-dir others can list is warned about once, naming it,
// its mode and the fix, and is not changed; the folder backtriage makes
// itself is 0700 and gets no warning (item 4).
func TestOpenDiaryFolderIsWarnedAbout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"diary", "start", "--yes"}, {"history"}} {
		_, errs, code := runDiary(t, dir, "", nil, args...)
		if strings.Count(errs, "warning: the diary's folder "+dir+" has mode 0755") != 1 || !strings.Contains(errs, "chmod 700 "+dir) {
			t.Errorf("%s: exit %d, stderr: %s", args, code, errs)
		}
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o755 {
		t.Errorf("the folder the person chose was changed to %04o", st.Mode().Perm())
	}
	own := filepath.Join(t.TempDir(), "new")
	_, errs, code := runDiary(t, own, "", nil, "diary", "start", "--yes")
	if st, err := os.Stat(own); code != 0 || err != nil || st.Mode().Perm() != 0o700 || strings.Contains(errs, "warning") {
		t.Errorf("a folder backtriage made: exit %d, %v, stderr: %s", code, err, errs)
	}
}

// Another program holds the diary locked (BEGIN EXCLUSIVE) through the
// whole busy timeout: the assessment is still printed and exits 0, and
// stderr names the file and says it is locked. It waits the 5-second busy
// timeout, so it runs in parallel; nothing is timed.
func TestLockedDiaryDoesNotBlockAssess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, errs, code := runDiary(t, dir, "", nil, "diary", "start", "--yes"); code != 0 {
		t.Fatalf("diary start: %d %s", code, errs)
	}
	file := filepath.Join(dir, "diary.db")
	diarytest.Lock(t, file)
	// A short busy timeout: what is tested is that the lock is reported
	// and the assessment goes on, not how long SQLite waits.
	out, errs, code := runDiary(t, dir, "", []string{diary.BusyTimeoutEnv + "=100ms"}, "assess", "--answers", charlotte, "--store")
	if code != 0 || !strings.Contains(out, "SELF-CARE PLAN") || !strings.Contains(errs, "the diary "+file+" is locked by another program") {
		t.Errorf("assess --store with the diary locked: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}

// A diary whose write-ahead log still holds changes (its writer was killed)
// in a folder that is not writable: SQLite can read the log only by
// creating the shared-memory file beside it, so history says that, in
// words, and exits 4.
func TestUnwrittenLogInReadOnlyFolder(t *testing.T) {
	src := otherUserDir(t)
	if _, errs, code := runAsOther(t, src, "", "diary", "start", "--yes"); code != 0 {
		t.Fatalf("diary start: %d %s", code, errs)
	}
	file := filepath.Join(src, "diary.db")
	db, err := sql.Open("sqlite", file+"?_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`INSERT INTO routines (at, step, seconds, finished) VALUES ('2026-11-02T08:00:00Z', 'tennis-ball', 300, 1)`); err != nil {
		t.Fatal(err)
	}
	// A copy of the file and its log as they are now, as a killed writer
	// leaves them.
	dir := otherUserDir(t)
	for _, name := range []string{"diary.db", "diary.db-wal"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) == 0 {
			t.Fatalf("%s is empty", name)
		}
		dst := filepath.Join(dir, name)
		if err := os.WriteFile(dst, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() == 0 {
			if err := os.Chown(dst, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runAsOther(t, dir, "", "history")
	if code != exitWrite || !strings.Contains(errs, filepath.Join(dir, "diary.db-wal")+" holds changes") ||
		!strings.Contains(errs, "folder "+dir+" is not writable (mode 0500)") || strings.Contains(errs, "(1544)") {
		t.Errorf("history: exit %d, want %d\nstderr: %s", code, exitWrite, errs)
	}
}
