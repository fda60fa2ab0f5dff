// Package input is how backtriage reads what it is given (answers files,
// rule tables, check-ins, typed lines), so that no input can hang the
// program or exhaust its memory, and every problem in it is reported at its
// file:line:col.
//
// Reading: only regular files are opened, and never in a way that blocks
// (a FIFO's open waits for a writer forever); every read is capped; YAML
// nested deeper than a limit is refused before a parser sees it (parsers
// can take time and memory quadratic in the depth); typed lines are capped
// too (lines.go). Diagnostics: diag.go. YAML syntax trees: yamlnode.go.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"syscall"
)

// MaxDepth is the deepest nesting an input may have. Rule files are up to
// about 24 levels deep (a pattern nested in a rule), answers files two or
// three.
const MaxDepth = 64

// ErrNotRegular is returned for a FIFO, device, socket or directory.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for input larger than the cap.
var ErrTooLarge = errors.New("too large")

// TooLargeError says how large is too large.
type TooLargeError struct{ Max int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than %s; refusing to read it", Size(e.Max))
}
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Size formats a byte count for messages.
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// FileKind names what a path that is not a regular file is, for messages:
// "a FIFO (named pipe)", "a folder" and so on.
func FileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file (mode " + m.String() + ")"
}

func notRegular(m fs.FileMode) error {
	return fmt.Errorf("%w: it is %s", ErrNotRegular, FileKind(m))
}

// ReadFile reads the regular file at name, at most max bytes. It follows
// symbolic links, but what they lead to must be a regular file: it is
// checked before opening and again on the open file, which is opened
// non-blocking so that a FIFO swapped in between cannot make it wait.
func ReadFile(name string, max int64) ([]byte, error) {
	st, err := os.Stat(name)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Op = "open" // what the reader tried to do; the stat is ours
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	f, err := openNonblock(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fst, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fst.Mode().IsRegular() {
		return nil, notRegular(fst.Mode())
	}
	if fst.Size() > max {
		return nil, &TooLargeError{Max: max}
	}
	return ReadAll(f, max)
}

// openNonblock opens name read-only without waiting: O_NONBLOCK makes the
// open of a FIFO with no writer return at once; reads of a regular file
// ignore the flag.
func openNonblock(name string) (*os.File, error) {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// ReadAll reads r to the end, at most max bytes; more is ErrTooLarge. It is
// for streams (standard input) where no stat can tell the size ahead.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Max: max}
	}
	return data, nil
}

// ReadFS reads name from fsys like ReadFile: fs.Stat first, refusing
// anything but a regular file, then at most max bytes. Use it with DirFS
// for folders on disk, whose Open never blocks.
func ReadFS(fsys fs.FS, name string, max int64) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	if st.Size() > max {
		return nil, &TooLargeError{Max: max}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	return ReadAll(f, max)
}

// DirFS is os.DirFS(dir) whose Open never blocks (see ReadFile). Stat,
// ReadDir and Glob behave as os.DirFS's.
func DirFS(dir string) fs.FS { return dirFS{dir: dir, FS: os.DirFS(dir)} }

type dirFS struct {
	dir string
	fs.FS
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	st, err := os.Stat(path.Join(d.dir, name))
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.Unwrap(err)}
	}
	if st.IsDir() {
		return d.FS.Open(name) // a directory's open does not block
	}
	f, err := openNonblock(path.Join(d.dir, name))
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.Unwrap(err)}
	}
	return f, nil
}

func (d dirFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
