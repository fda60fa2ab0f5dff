package service

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/backtriage/backtriage/internal/diary"
)

// Locate: --no-store wins; BACKTRIAGE_NO_STORE turns storing off unless it
// says no; --data-dir places the file, else the XDG folder.
func TestLocate(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	for _, c := range []struct {
		dataDir string
		noStore bool
		env     map[string]string
		off     string
		path    string
	}{
		{dataDir: "/d", path: "/d/diary.db"},
		{dataDir: "/d", noStore: true, env: map[string]string{NoStoreEnv: "1"}, off: "--no-store", path: "/d/diary.db"},
		{env: map[string]string{NoStoreEnv: "yes", "XDG_DATA_HOME": "/x"}, off: NoStoreEnv, path: "/x/backtriage/diary.db"},
		{env: map[string]string{NoStoreEnv: "No", "XDG_DATA_HOME": "/x"}, path: "/x/backtriage/diary.db"},
		{env: map[string]string{NoStoreEnv: "0", "HOME": "/h"}, path: "/h/.local/share/backtriage/diary.db"},
	} {
		d := Locate(c.dataDir, c.noStore, env(c.env))
		if d.OffBy != c.off || d.Off != (c.off != "") || filepath.ToSlash(d.Path) != c.path || d.PathErr != nil {
			t.Errorf("Locate(%q, %v, %v) = off %v by %q at %q (%v); want off by %q at %q",
				c.dataDir, c.noStore, c.env, d.Off, d.OffBy, d.Path, d.PathErr, c.off, c.path)
		}
	}
}

// FaultOf sorts the diary's errors the way the exit statuses need.
func TestFaultOf(t *testing.T) {
	for kind, want := range map[diary.Kind]Fault{
		diary.Corrupt: Unreadable, diary.Foreign: Unreadable, diary.NotRegular: Unreadable, diary.TooNew: Unreadable,
		diary.Unreadable: Unreadable, diary.Link: Unreadable,
		diary.ReadOnly: Unwritable, diary.Full: Unwritable, diary.Locked: Unwritable,
	} {
		err := fmt.Errorf("wrapped: %w", &diary.Error{Kind: kind, Path: "p", Err: errors.New("x")})
		if got := FaultOf(err); got != want {
			t.Errorf("FaultOf(kind %v) = %v; want %v", kind, got, want)
		}
	}
	if FaultOf(errors.New("disk")) != NotDiaryFault || FaultOf(nil) != NotDiaryFault {
		t.Error("an error not the diary's is a diary fault")
	}
}
