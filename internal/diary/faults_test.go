package diary

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/diarytest"
)

// Another program's SQLite file at the diary's place is never adopted: Open,
// Create and OpenReadOnly refuse it by name, write nothing to it (not even
// the switch to WAL), and Forget does not delete it.
func TestForeignDatabaseIsNeverAdoptedNorDeleted(t *testing.T) {
	dir := t.TempDir()
	path := PathIn(dir)
	data := diarytest.ForeignDB(t, path)
	for name, open := range map[string]func(string, Options) (*Store, error){"Open": Open, "Create": Create, "OpenReadOnly": OpenReadOnly} {
		s, err := open(path, Options{})
		if err == nil {
			s.Close()
		}
		if !IsKind(err, Foreign) {
			t.Fatalf("%s on another program's database: %v, want a Foreign error", name, err)
		}
		msg := err.Error()
		for _, want := range []string{path, "is an SQLite database of another program, not a backtriage diary", "left as it is"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the message lacks %q: %s", name, want, msg)
			}
		}
	}
	removed, err := Forget(path)
	if !IsKind(err, Foreign) || len(removed) != 0 || !strings.Contains(err.Error(), "deleting it") {
		t.Fatalf("Forget on another program's database: removed %v, %v; want a Foreign error and nothing removed", removed, err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Fatal("another program's database was changed")
	}
	for _, f := range Files(path)[1:] {
		if _, err := os.Lstat(f); err == nil {
			t.Errorf("%s was created beside another program's database", f)
		}
	}
}

// A text file at the diary's place is not a diary, so forget leaves it.
func TestForgetLeavesAFileThatIsNoDatabase(t *testing.T) {
	path := PathIn(t.TempDir())
	junk := []byte("these are my notes, not a database\n")
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Forget(path); !IsKind(err, Foreign) || !strings.Contains(err.Error(), "not an SQLite database") {
		t.Fatalf("Forget on a text file: %v, want a Foreign error saying it is no SQLite database", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, junk) {
		t.Fatal("the text file was changed")
	}
}

// Forget removes only regular files: a FIFO or a folder named diary.db (or
// -wal) is refused by name, and nothing is deleted. (A link:
// TestSymlinkRefusedEverywhere.)
func TestForgetRemovesOnlyRegularFiles(t *testing.T) {
	cases := map[string]struct {
		at   string // which of the three files is not regular: "", "-wal", "-shm"
		make func(string) error
		kind string
	}{
		"fifo":       {"", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "a FIFO"},
		"folder":     {"", func(p string) error { return os.Mkdir(p, 0o700) }, "a folder"},
		"wal fifo":   {"-wal", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "a FIFO"},
		"shm folder": {"-shm", func(p string) error { return os.Mkdir(p, 0o700) }, "a folder"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := PathIn(t.TempDir())
			if c.at != "" { // a real diary, with something odd beside it
				s, err := Create(path, Options{})
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
			}
			odd := path + c.at
			if err := c.make(odd); err != nil {
				t.Fatal(err)
			}
			removed, err := Forget(path)
			if !IsKind(err, NotRegular) || len(removed) != 0 {
				t.Fatalf("Forget: removed %v, %v; want a NotRegular error and nothing removed", removed, err)
			}
			if msg := err.Error(); !strings.Contains(msg, odd) || !strings.Contains(msg, "not a regular file but "+c.kind) {
				t.Errorf("the message does not say what was refused and why: %s", msg)
			}
			for _, f := range []string{path, odd} {
				if _, err := os.Lstat(f); err != nil {
					t.Errorf("%s is gone: %v", f, err)
				}
			}
		})
	}
}

// A FIFO at the diary's place is named as one (not SQLite's "disk I/O
// error"), and opening it does not wait on it.
func TestFIFOIsNamedNotOpened(t *testing.T) {
	path := PathIn(t.TempDir())
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func(string, Options) (*Store, error){"Open": Open, "Create": Create, "OpenReadOnly": OpenReadOnly} {
		_, err := open(path, Options{})
		if !IsKind(err, NotRegular) {
			t.Fatalf("%s on a FIFO: %v, want NotRegular", name, err)
		}
		if msg := err.Error(); !strings.Contains(msg, path+" is not a regular file but a FIFO") || strings.Contains(msg, "I/O") {
			t.Errorf("%s: %s", name, msg)
		}
	}
}

// The ReadOnly message names what cannot be written, from the modes (the
// folder first: SQLite writes its journal there). The modes are read, not
// tried, so this holds for any user.
func TestReadOnlyWordsNameFolderOrFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	path := PathIn(dir)
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o400); err != nil {
		t.Fatal(err)
	}
	msg := (&Error{Kind: ReadOnly, Op: "saving the check-in", Path: path}).Error()
	if !strings.Contains(msg, path+" is not writable (mode 0400)") || !strings.Contains(msg, "chmod 600 "+path) {
		t.Errorf("a read-only file: %s", msg)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	msg = (&Error{Kind: ReadOnly, Op: "saving the check-in", Path: path}).Error()
	if !strings.Contains(msg, "folder "+dir+" is not writable (mode 0500)") || !strings.Contains(msg, "chmod 700 "+dir) || strings.Contains(msg, "readable") {
		t.Errorf("a read-only folder: %s", msg)
	}
}

// Reading commands open the diary read-only: everything is there, nothing
// can be written, and a database with no diary in it yet is no diary.
func TestOpenReadOnly(t *testing.T) {
	s := newDiary(t, Options{})
	if _, err := s.AddCheckin(sampleCheckin(4)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r, err := OpenReadOnly(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rec, err := r.Load()
	if err != nil || len(rec.Checkins) != 1 || rec.Consent == nil {
		t.Fatalf("read-only load: %+v %v", rec, err)
	}
	if _, err := r.AddCheckin(sampleCheckin(5)); !IsKind(err, ReadOnly) {
		t.Errorf("writing through a read-only store: %v, want ReadOnly", err)
	}
	empty := PathIn(t.TempDir())
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(empty, Options{}); err != ErrNoDiary {
		t.Errorf("an empty file read-only: %v, want ErrNoDiary", err)
	}
}

// An existing folder others can list gets a warning naming it, its mode
// and the fix; a private one none. The folder is not changed.
func TestFolderWarning(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mine")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Create(PathIn(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	w := FolderWarning(PathIn(dir))
	for _, want := range []string{dir, "0755", "other users can list", "chmod 700 " + dir} {
		if !strings.Contains(w, want) {
			t.Errorf("the warning lacks %q: %q", want, w)
		}
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o755 {
		t.Errorf("the person's folder was changed to %04o", st.Mode().Perm())
	}
	if st, _ := os.Stat(PathIn(dir)); st.Mode().Perm() != FileMode {
		t.Errorf("the diary is %04o", st.Mode().Perm())
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if w := FolderWarning(PathIn(dir)); w != "" {
		t.Errorf("a private folder warned: %q", w)
	}
	// The default folder, made by us, is private.
	s = newDiary(t, Options{})
	if w := FolderWarning(s.Path()); w != "" {
		t.Errorf("the folder Create made warned: %q", w)
	}
}

// The CSV and Markdown exports hold an episode's answers (prompt and the
// options' labels) and the steps left out with why, as the JSON does; a
// formula in any cell is guarded and Markdown is escaped.
func TestExportHoldsAnswersAndWithheld(t *testing.T) {
	s := newDiary(t, Options{})
	ep := &Episode{At: t0, Source: "assess", Level: "self-care",
		Answers:  map[string]any{"age": float64(34), "warning_history": []any{"none"}, "from_newer_table": "=HYPERLINK(1)"},
		Plan:     []Step{{ID: "tennis-ball", Title: "Tennis ball"}},
		Withheld: []Step{{ID: "heat", Title: "Heat *pack*", Why: "=1+1 a fever rules out heat"}}, TableVersion: "sha256:1"}
	if _, err := s.AddEpisode(ep); err != nil {
		t.Fatal(err)
	}
	r, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Export(&b, "csv", r, t0); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows[1:] {
		if row[2] != "1" {
			t.Errorf("a row not of episode 1: %q", row)
		}
		got = append(got, row[1]+" | "+row[6]+" | "+row[8])
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) {
				t.Errorf("an unguarded formula cell %q in %q", cell, row)
			}
		}
	}
	// The question in its own words, as the questionnaire asks it today.
	historyQ, _ := questionnaire.Default().Question("warning_history")
	want := []string{
		"assessment |  | Warning signs: none. Plan: Tennis ball",
		"answer | warning_history | " + historyQ.Prompt + ": None of these",
		"answer | age | How old are you?: 34 years",
		"answer | from_newer_table | from_newer_table: =HYPERLINK(1)",
		"left out | heat | Heat *pack*: =1+1 a fever rules out heat",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CSV rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	b.Reset()
	if err := Export(&b, "markdown", r, t0); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, w := range []string{
		"### Answers\n\n- " + historyQ.Prompt + " (warning\\_history): None of these\n- How old are you? (age): 34 years\n",
		"- Left out: Heat \\*pack\\* (=1+1 a fever rules out heat)",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("Markdown lacks %q:\n%s", w, md)
		}
	}
}

// A diary damaged inside is still a diary: forget deletes it.
func TestForgetDeletesADamagedDiary(t *testing.T) {
	s := newDiary(t, Options{})
	for i := range 50 {
		if _, err := s.AddCheckin(sampleCheckin(i)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	data, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	for i := 100; i < len(data); i++ { // the header stays, the schema is gone
		data[i] = 0x5a
	}
	if err := os.WriteFile(s.Path(), data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(s.Path(), Options{}); !IsKind(err, Corrupt) {
		t.Fatalf("the damaged diary opened: %v", err)
	}
	if removed, err := Forget(s.Path()); err != nil || len(removed) == 0 {
		t.Fatalf("Forget on a damaged diary: %v %v", removed, err)
	}
	if _, err := os.Lstat(s.Path()); err == nil {
		t.Error("the damaged diary is still there")
	}
}

// A symbolic link at the diary's path is refused the same way by every way
// in (opening to write, to read, creating with consent, forgetting): a Link
// error naming the link and its target, and neither is changed.
func TestSymlinkRefusedEverywhere(t *testing.T) {
	ways := map[string]func(string) error{
		"Open":         func(p string) error { _, err := Open(p, Options{}); return err },
		"OpenAgreed":   func(p string) error { _, err := OpenAgreed(p, Options{}); return err },
		"OpenReadOnly": func(p string) error { _, err := OpenReadOnly(p, Options{}); return err },
		"Create":       func(p string) error { _, err := Create(p, Options{}); return err },
		"CreateAgreed": func(p string) error { _, err := CreateAgreed(p, "test", t0, Options{}); return err },
		"Forget":       func(p string) error { _, err := Forget(p); return err },
	}
	for name, way := range ways {
		for _, kind := range []string{"diary", "dangling"} {
			t.Run(name+"/"+kind, func(t *testing.T) {
				dir := t.TempDir()
				target := filepath.Join(dir, "elsewhere.db")
				var before []byte
				if kind == "diary" {
					s, err := CreateAgreed(target, "test", t0, Options{})
					if err != nil {
						t.Fatal(err)
					}
					s.Close()
					before, _ = os.ReadFile(target)
				}
				path := PathIn(filepath.Join(dir, "backtriage"))
				if err := os.MkdirAll(filepath.Dir(path), DirMode); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(target, path); err != nil {
					t.Fatal(err)
				}
				err := way(path)
				if !IsKind(err, Link) {
					t.Fatalf("%s through a link: %v, want a Link error", name, err)
				}
				if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "symbolic link to "+target) {
					t.Errorf("the message does not name the link and its target: %s", msg)
				}
				if got, err := os.Readlink(path); err != nil || got != target {
					t.Errorf("the link was changed: %q, %v", got, err)
				}
				after, _ := os.ReadFile(target)
				if !bytes.Equal(before, after) {
					t.Errorf("the link's target was changed")
				}
				if kind == "dangling" && !missing(target) {
					t.Errorf("a file was created through the dangling link")
				}
			})
		}
	}
}

// An index that misses a row (integrity_check finds it, quick_check does
// not) is a damaged diary: every way in refuses it with the same Corrupt
// error as a damaged file, and nothing is written to it.
func TestDamagedIndexIsRefused(t *testing.T) {
	s := newDiary(t, Options{})
	for i := range 2 {
		if _, err := s.AddCheckin(sampleCheckin(i)); err != nil {
			t.Fatal(err)
		}
	}
	path := s.Path()
	s.Close()
	diarytest.DamageIndex(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ways := map[string]func() error{
		"OpenAgreed":   func() error { _, err := OpenAgreed(path, Options{}); return err },
		"OpenReadOnly": func() error { _, err := OpenReadOnly(path, Options{}); return err },
		"CreateAgreed": func() error { _, err := CreateAgreed(path, "test", t0, Options{}); return err },
	}
	for name, way := range ways {
		err := way()
		var de *Error
		if !errors.As(err, &de) || de.Kind != Corrupt || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(de.Err.Error(), "index checkins_episode") {
			t.Errorf("%s on a diary with a damaged index: %v (%v), want the damaged-diary error", name, err, de.Err)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the damaged diary was written to")
	}
}
