// Package userpath handles file names as a person types and reads them: a
// leading ~ expanded as a shell would, names made absolute to show where a
// file went, quoted for a shell command line, and names a person would not
// mean refused.
package userpath

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// ExpandHome turns a leading ~/ into the home directory, as a shell would.
func ExpandHome(path string) string {
	path = strings.TrimSpace(path)
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := userHome(); err == nil {
			return filepath.Join(home, path[1:])
		}
	}
	return path
}

// userHome is os.UserHomeDir; tests replace it.
var (
	defaultHome = os.UserHomeDir
	userHome    = defaultHome
)

// Abs shows where a file went; the name as given if that fails.
func Abs(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

// Shown is a path as the person will find it: ~ expanded, made absolute.
func Shown(path string) string { return Abs(ExpandHome(path)) }

// QuoteArg quotes a path for a shell when it needs it.
func QuoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// CheckName refuses a file name a person would not mean: empty, a folder,
// or a hidden file with no name before the extension (".md", left when the
// name was cleared and the format then changed).
func CheckName(path string) error {
	path = strings.TrimSpace(path)
	if path == "" {
		return errors.New("give a file name")
	}
	if strings.HasSuffix(path, "/") {
		return errors.New("that is a folder; add a file name after it")
	}
	if base := filepath.Base(path); strings.HasPrefix(base, ".") {
		return errors.New("the name " + base + " would be a hidden file; give it a name before the extension")
	}
	return nil
}
