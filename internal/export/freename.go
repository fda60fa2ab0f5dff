package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FreeName is name when nothing is there, else the first of name-2,
// name-3 … (before the extension: summary-2.txt) that is free, so a
// default file name never offers to replace a file. Up to 999 are tried;
// past that name itself is returned and the dialog asks before replacing.
func FreeName(name string) string {
	if !exists(name) {
		return name
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; i < 1000; i++ {
		if n := fmt.Sprintf("%s-%d%s", stem, i, ext); !exists(n) {
			return n
		}
	}
	return name
}

// exists reports whether anything (a file, a folder, a dangling link) is
// at path.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
