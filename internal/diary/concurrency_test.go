package diary

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/testkit/diarytest"
)

// rounds is how many times each race is run: the races below lost an
// episode or left a consentless file in most runs before creation and
// migration became one immediate transaction.
const rounds = 20

// race runs fns at once, each on its own connections, and returns their
// errors.
func race(fns ...func() error) []error {
	errs := make([]error, len(fns))
	var start, done sync.WaitGroup
	start.Add(1)
	for i, fn := range fns {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = fn()
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

// saveOne is a whole `assess --store` on the diary: create it with
// consent (or open the one there), store an episode, close.
func saveOne(path, source string) error {
	s, err := CreateAgreed(path, "--store on the command line", t0, Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = s.AddEpisode(&Episode{At: t0, Source: source, Level: "self-care"})
	return err
}

// Two programs creating a new diary at once: both succeed, both episodes
// are stored, one consent.
func TestTwoCreatorsLoseNothing(t *testing.T) {
	for round := range rounds {
		path := PathIn(filepath.Join(t.TempDir(), "backtriage"))
		errs := race(func() error { return saveOne(path, "a") }, func() error { return saveOne(path, "b") })
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: creator %d: %v", round, i, err)
			}
		}
		s, err := OpenReadOnly(path, Options{})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		eps, err := s.Episodes()
		_, ok, cerr := s.ConsentGiven()
		s.Close()
		if err != nil || cerr != nil || len(eps) != 2 || !ok {
			t.Fatalf("round %d: %d episodes (%v), consent %v (%v); want 2 and consent", round, len(eps), err, ok, cerr)
		}
	}
}

// checkinOne is a check-in on the diary the person agreed to: nothing when
// there is none.
func checkinOne(path string) error {
	s, err := OpenAgreed(path, Options{})
	if s == nil || err != nil {
		return err
	}
	defer s.Close()
	_, err = s.AddCheckin(sampleCheckin(1))
	return err
}

// forgetOne is `forget --yes`.
func forgetOne(path string) error {
	_, err := Forget(path)
	return err
}

// afterForget checks what a race with forget may leave: no diary file, or
// one with the consent in it; never a diary without consent.
func afterForget(t *testing.T, round int, path string) {
	t.Helper()
	if missing(path) {
		return
	}
	s, err := OpenReadOnly(path, Options{})
	if errors.Is(err, ErrNoDiary) {
		t.Fatalf("round %d: a file with no diary was left at %s", round, path)
	}
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	defer s.Close()
	if _, ok, err := s.ConsentGiven(); err != nil || !ok {
		t.Fatalf("round %d: a diary without consent was left (%v)", round, err)
	}
}

// Forgetting while a check-in or a creation runs: each either happens
// before the other or after it, with no internal error, and no file is
// left without consent.
func TestForgetRacingWritesLeavesNoConsentlessFile(t *testing.T) {
	for round := range rounds {
		for _, other := range []string{"checkin", "create"} {
			path := PathIn(filepath.Join(t.TempDir(), "backtriage"))
			write := func() error { return saveOne(path, "a") }
			if other == "checkin" {
				s, err := CreateAgreed(path, "test", t0, Options{})
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
				write = func() error { return checkinOne(path) }
			}
			errs := race(write, func() error { return forgetOne(path) })
			for i, err := range errs {
				if err != nil {
					t.Fatalf("round %d, %s vs forget: %s: %v", round, other, [2]string{other, "forget"}[i], err)
				}
			}
			afterForget(t, round, path)
		}
	}
}

// A write waits for another program holding the diary for a second (the
// busy timeout is 5 s): it succeeds, as the README promises.
func TestLockHeldOneSecondIsWaitedFor(t *testing.T) {
	s := newDiary(t, Options{})
	path := s.Path()
	s.Close()
	for _, way := range []string{"open", "create", "write"} {
		t.Run(way, func(t *testing.T) {
			w, err := OpenAgreed(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			release := lockFor(t, path, time.Second)
			defer release()
			switch way {
			case "open":
				var s2 *Store
				if s2, err = OpenAgreed(path, Options{}); err == nil {
					_, err = s2.AddCheckin(sampleCheckin(2))
					s2.Close()
				}
			case "create":
				err = saveOne(path, "c")
			case "write":
				_, err = w.AddCheckin(sampleCheckin(3))
			}
			if err != nil {
				t.Fatalf("%s while another program held the diary for 1 s: %v", way, err)
			}
		})
	}
}

// lockFor holds the write lock on path from another connection and lets
// it go after d.
func lockFor(t *testing.T, path string, d time.Duration) (wait func()) {
	t.Helper()
	release := diarytest.Lock(t, path)
	done := make(chan struct{})
	timer := time.AfterFunc(d, func() { release(); close(done) })
	return func() {
		if timer.Stop() {
			release()
			close(done)
		}
		<-done
	}
}

// Every way of opening sets the busy timeout on its connection before any
// statement (the DSN's first pragma), the read-only one too.
func TestEveryOpenHasTheBusyTimeout(t *testing.T) {
	s := newDiary(t, Options{BusyTimeout: 1234 * time.Millisecond})
	path := s.Path()
	opens := map[string]func() (*Store, error){
		"Create":       func() (*Store, error) { return Create(path, Options{BusyTimeout: 1234 * time.Millisecond}) },
		"Open":         func() (*Store, error) { return Open(path, Options{BusyTimeout: 1234 * time.Millisecond}) },
		"OpenReadOnly": func() (*Store, error) { return OpenReadOnly(path, Options{BusyTimeout: 1234 * time.Millisecond}) },
	}
	for name, open := range opens {
		st, err := open()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ms int
		if err := st.db.QueryRow(`PRAGMA busy_timeout`).Scan(&ms); err != nil || ms != 1234 {
			t.Errorf("%s: busy_timeout %d (%v), want 1234", name, ms, err)
		}
		st.Close()
	}
	var ms int
	if err := s.db.QueryRow(`PRAGMA busy_timeout`).Scan(&ms); err != nil || ms != 1234 {
		t.Errorf("the first store: busy_timeout %d (%v), want 1234", ms, err)
	}
}

// A file with no diary in it yet (another backtriage is creating it, or
// was stopped first) is no diary to every way in but the consenting one,
// and is left as it is: no schema is written into it without consent.
func TestOpenLeavesEmptyFile(t *testing.T) {
	path := PathIn(t.TempDir())
	if err := os.WriteFile(path, nil, FileMode); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrNoDiary) {
		t.Errorf("Open of an empty file: %v, want ErrNoDiary", err)
	}
	if s, err := OpenAgreed(path, Options{}); s != nil || err != nil {
		t.Errorf("OpenAgreed of an empty file: %v, %v; want nothing", s, err)
	}
	if _, err := OpenReadOnly(path, Options{}); !errors.Is(err, ErrNoDiary) {
		t.Errorf("OpenReadOnly of an empty file: %v, want ErrNoDiary", err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != 0 {
		t.Fatalf("the empty file was written to: %v", err)
	}
	s, err := CreateAgreed(path, "test", t0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok, err := s.ConsentGiven(); !ok || err != nil {
		t.Errorf("CreateAgreed on the empty file: consent %v, %v", ok, err)
	}
}
