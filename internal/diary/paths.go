// Package diary is backtriage's private record: assessments (episodes),
// daily check-ins and finished self-care routines, kept in one SQLite file
// on this machine, readable only by its owner, and only once the person has
// agreed to it. Nothing here decides anything clinical: the diary stores
// what the engine and the follow-up rules concluded, and hands it back.
//
// Faults never reach the assessment: every error is a *Error that says in
// words what went wrong with which file, and callers show it and go on.
package diary

import (
	"errors"
	"os"
	"path/filepath"
)

// FileName is the diary's file inside its folder.
const FileName = "diary.db"

// DirMode and FileMode keep the diary to its owner: it is health data.
const (
	DirMode  os.FileMode = 0o700
	FileMode os.FileMode = 0o600
)

// DefaultDir is the diary's folder: $XDG_DATA_HOME/backtriage, or, when
// XDG_DATA_HOME is unset, empty or relative (the XDG Base Directory spec
// says to ignore a relative path), $HOME/.local/share/backtriage.
func DefaultDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "backtriage"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("cannot find the diary's folder: neither XDG_DATA_HOME nor HOME is set; give one with --data-dir")
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "backtriage"), nil
}

// PathIn is the diary file in folder dir.
func PathIn(dir string) string { return filepath.Join(dir, FileName) }

// Exists reports whether a diary file is at path. Nothing is created.
func Exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Files are the diary file and the two files SQLite keeps beside it in WAL
// mode; forgetting removes all three.
func Files(path string) []string { return []string{path, path + "-wal", path + "-shm"} }
