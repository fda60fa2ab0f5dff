// Package export writes summaries and answers files safely: the whole file
// or nothing, readable only by its owner (it is health data), and never over
// an existing file unless asked.
package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// ErrExists is returned (wrapped) when the file exists and force is off.
var ErrExists = errors.New("file already exists")

// Mode is the permission of written files: health data, owner only.
const Mode fs.FileMode = 0o600

// WriteFile writes data to path atomically; see Write.
func WriteFile(path string, data []byte, force bool) error {
	return Write(path, force, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write fills a temporary file in the same directory as path, syncs it and
// moves it into place, so a reader sees the old file or the new one, never
// half of one. Without force an existing file is left alone and the error
// wraps ErrExists. On any failure the temporary file is removed.
func Write(path string, force bool, fill func(io.Writer) error) (err error) {
	if path == "" {
		return errors.New("no file name given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("%s: %w", textwrap.Quote(path), err)
	}
	if err := checkTarget(abs, force); err != nil {
		return err
	}
	dir := filepath.Dir(abs)
	removeStale(dir, filepath.Base(abs))
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+tmpMark+"*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", textwrap.Quote(abs), cause(err))
	}
	// Held until the file is in place, on a descriptor of its own (closing
	// the filled file must not drop it): a later export knows the file is
	// not being written, and removes it, when it can take this lock.
	if lk := lockTemp(tmp.Name()); lk != nil {
		defer lk.Close()
	}
	// Clean up on every way out but success, a panicking fill included.
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fillTemp(tmp, abs, fill); err != nil {
		return err
	}
	if err := place(tmp.Name(), abs, force); err != nil {
		return err
	}
	done = true
	syncDir(dir)
	return nil
}

// checkTarget refuses a path that cannot be written: an existing file
// without force, anything but a file, a folder that does not exist.
func checkTarget(abs string, force bool) error {
	if st, err := os.Lstat(abs); err == nil {
		if err := replaceable(abs, st.Mode()); err != nil {
			return err
		}
		if !force {
			return fmt.Errorf("%s: %w (choose another name, or replace it with --force)", textwrap.Quote(abs), ErrExists)
		}
	}
	dir := filepath.Dir(abs)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: directory %s does not exist", textwrap.Quote(abs), textwrap.Quote(dir))
	case err != nil:
		return fmt.Errorf("cannot write %s: %w", textwrap.Quote(abs), err)
	case !st.IsDir():
		return fmt.Errorf("cannot write %s: %s is not a directory", textwrap.Quote(abs), textwrap.Quote(dir))
	}
	return nil
}

// fillTemp makes the temporary file owner-only, fills it, syncs it to disk
// and closes it.
func fillTemp(tmp *os.File, abs string, fill func(io.Writer) error) error {
	if err := tmp.Chmod(Mode); err != nil {
		return fmt.Errorf("cannot write %s: %w", textwrap.Quote(abs), cause(err))
	}
	if err := fill(tmp); err != nil {
		return fmt.Errorf("writing %s failed, nothing was changed: %w", textwrap.Quote(abs), cause(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s failed, nothing was changed: %w", textwrap.Quote(abs), cause(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s failed, nothing was changed: %w", textwrap.Quote(abs), cause(err))
	}
	return nil
}

// place moves the filled temporary file to abs: a rename with force,
// else a hard link, which fails if the name was taken meanwhile, so a file
// that appeared after checkTarget is still never replaced.
func place(tmp, abs string, force bool) error {
	var err error
	if force {
		err = os.Rename(tmp, abs)
	} else {
		err = os.Link(tmp, abs)
		if err == nil {
			os.Remove(tmp)
		} else if errors.Is(err, fs.ErrExist) {
			err = fmt.Errorf("%s: %w (choose another name, or replace it with --force)", textwrap.Quote(abs), ErrExists)
		} else if errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EXDEV) {
			// File systems without hard links: fall back to a checked rename.
			if _, statErr := os.Stat(abs); statErr == nil {
				err = fmt.Errorf("%s: %w (choose another name, or replace it with --force)", textwrap.Quote(abs), ErrExists)
			} else {
				err = os.Rename(tmp, abs)
			}
		}
	}
	if err != nil && !errors.Is(err, ErrExists) {
		return fmt.Errorf("cannot write %s: %w", textwrap.Quote(abs), cause(err))
	}
	return err
}

// replaceable refuses to replace anything but a regular file or a symbolic
// link (the link itself is replaced, never what it points to): --force on a
// device node, a FIFO or a socket would otherwise turn it into a file (as
// root, /dev/null).
func replaceable(abs string, m fs.FileMode) error {
	var what string
	switch {
	case m.IsRegular() || m&fs.ModeSymlink != 0:
		return nil
	case m.IsDir():
		return fmt.Errorf("%s is a directory; give a file name inside it", textwrap.Quote(abs))
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "not a regular file"
	}
	return fmt.Errorf("%s is %s, not a file; it is never replaced: give another file name", textwrap.Quote(abs), what)
}

// syncDir makes the rename durable; failure here loses nothing already
// written, so it is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// cause is err without the temporary file's path, with a full disk and a
// read-only file system named as such.
func cause(err error) error {
	err = input.WithoutPath(err)
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("the disk is full (%w)", err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("the file system is read-only (%w)", err)
	}
	return err
}

// tmpMark is in the name of every temporary file Write makes
// (".NAME.backtriage-tmp-123"), so stale ones are known for ours.
const tmpMark = ".backtriage-tmp-"

// removeStale removes the temporary files a killed export left in dir:
// ours by name (any target's, and the older ".NAME.tmp-*" of this target),
// regular files of this user, that no running export holds locked. They
// hold a whole health record each, so none is left behind for long.
func removeStale(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // Write reports what is wrong with the folder
	}
	for _, e := range entries {
		name := e.Name()
		ours := strings.HasPrefix(name, ".") && strings.Contains(name, tmpMark) ||
			strings.HasPrefix(name, "."+base+".tmp-")
		if !ours || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, name)
		if mine(path) && unused(path) {
			os.Remove(path)
		}
	}
}
