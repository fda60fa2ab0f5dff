package flow

import (
	"errors"
	"path/filepath"
	"strings"
)

// CheckName refuses a file name a person would not mean: empty, or a hidden
// file with no name before the extension (".md", left when the name was
// cleared and the format then changed).
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

// Shown is a path as the person will find it: ~ expanded, made absolute.
func Shown(path string) string { return Abs(ExpandHome(path)) }
