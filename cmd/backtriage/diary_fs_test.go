package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A diary that cannot be written (its folder is not writable) still
// withholds what a warning sign withholds: guide reads the plan read-only,
// as history does, and does not fall back to offering every routine.
func TestGuideWithholdsOnAnUnwritableDiary(t *testing.T) {
	dir := otherUserDir(t)
	if _, errs, code := runAsOther(t, dir, "", "assess", "--answers", charlotte, "--store", "--now", "2026-11-02T08:00:00Z"); code != 0 {
		t.Fatalf("assess --store: %d %s", code, errs)
	}
	in := strings.Replace(noWarnings, "warning_nerves: [none]", "warning_nerves: [one_arm]", 1) + "age: 31\npain_now: 5\npain_compared: same\n"
	if _, errs, code := runAsOther(t, dir, in, "checkin", "--answers", "-", "--now", "2026-11-03T08:00:00Z"); code != 0 {
		t.Fatalf("check-in: %d %s", code, errs)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	out, errs, _ := runAsOther(t, dir, "", "guide")
	if strings.Contains(out, "  stretch-before-bed ") || !strings.Contains(out, "Not offered now: A gentle stretch before bed") {
		t.Errorf("guide on a diary it cannot write offers what the nerve sign withholds:\n%s\n%s", out, errs)
	}
	if _, errs, code := runAsOther(t, dir, "", "guide", "stretch-before-bed"); code != exitUsage || !strings.Contains(errs, "not offered now") {
		t.Errorf("guide stretch-before-bed on a diary it cannot write: exit %d: %s", code, errs)
	}
}

// smallDisk mounts a tmpfs of size bytes for the test, when the tests run
// as root where mounting is allowed (CI's container); the full-disk and
// read-only cases need a real file system to say so.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fill leaves no space on the file system holding dir.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 64<<10)
	for {
		if _, err := f.Write(block); err != nil {
			break
		}
	}
	for n := len(block) / 2; n > 0; n /= 2 {
		for {
			if _, err := f.Write(block[:n]); err != nil {
				break
			}
		}
	}
}

// entries lists what is in dir (recursively), to see stray files.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A full disk is named as such, with exit status 4 for the diary's own
// commands; the assessment and the check-in go on (exit 0) and say it; and
// nothing is left behind: no new diary without consent, no -shm or -wal.
func TestFullDiskNamedAndNothingLeft(t *testing.T) {
	disk := smallDisk(t, "400k")
	d := filepath.Join(disk, "d")
	if _, errs, code := runDiary(t, d, "", nil, "assess", "--answers", charlotte, "--store"); code != 0 {
		t.Fatalf("assess --store: %d %s", code, errs)
	}
	fill(t, disk)
	before := entries(t, disk)
	const full = "the disk is full"
	checkin := noWarnings + "age: 31\npain_now: 5\npain_compared: same\n"
	for _, c := range []struct {
		stdin string
		args  []string
		code  int
	}{
		{"", []string{"diary", "start", "--yes", "--data-dir", filepath.Join(disk, "new")}, exitWrite},
		{"", []string{"assess", "--answers", charlotte, "--store"}, 0},
		{checkin, []string{"checkin", "--answers", "-"}, 0},
		{"", []string{"diary", "export", "--format", "json", "-o", filepath.Join(disk, "out.json")}, exitWrite},
	} {
		_, errs, code := runDiary(t, d, c.stdin, nil, c.args...)
		if code != c.code || !strings.Contains(errs, full) {
			t.Errorf("%s on a full disk: exit %d, want %d saying %q:\n%s", c.args[0], code, c.code, full, errs)
		}
		if now := entries(t, disk); strings.Join(now, " ") != strings.Join(before, " ") {
			t.Errorf("%s on a full disk left files: %v, before %v", c.args[0], now, before)
		}
	}
	// Reading needs no space: history works and leaves nothing.
	if _, errs, code := runDiary(t, d, "", nil, "history"); code != 0 {
		t.Errorf("history on a full disk: exit %d: %s", code, errs)
	}
	if now := entries(t, disk); strings.Join(now, " ") != strings.Join(before, " ") {
		t.Errorf("history on a full disk left files: %v, before %v", now, before)
	}
}

// A read-only file system is named as such, with exit status 4 for the
// diary's own commands; history and guide read the diary on it.
func TestReadOnlyFileSystemNamed(t *testing.T) {
	disk := smallDisk(t, "1m")
	d := filepath.Join(disk, "d")
	if _, errs, code := runDiary(t, d, "", nil, "assess", "--answers", charlotte, "--store"); code != 0 {
		t.Fatalf("assess --store: %d %s", code, errs)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", disk).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	const ro = "the file system is read-only"
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"diary", "start", "--yes", "--data-dir", filepath.Join(disk, "new")}, exitWrite},
		{[]string{"assess", "--answers", charlotte, "--store"}, 0},
		{[]string{"diary", "export", "--format", "json", "-o", filepath.Join(disk, "out.json")}, exitWrite},
		{[]string{"forget", "--yes"}, exitWrite},
	} {
		_, errs, code := runDiary(t, d, "", nil, c.args...)
		if code != c.code || !strings.Contains(errs, ro) {
			t.Errorf("%s on a read-only file system: exit %d, want %d saying %q:\n%s", c.args[0], code, c.code, ro, errs)
		}
	}
	if out, errs, code := runDiary(t, d, "", nil, "history"); code != 0 || !strings.Contains(out, "ASSESSMENTS") {
		t.Errorf("history on a read-only file system: exit %d: %s %s", code, out, errs)
	}
	if out, errs, _ := runDiary(t, d, "", nil, "guide"); !strings.Contains(out, "Guided routines for the steps in your plan") {
		t.Errorf("guide on a read-only file system does not read the plan: %s %s", out, errs)
	}
}
