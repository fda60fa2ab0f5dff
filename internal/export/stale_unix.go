//go:build unix

package export

import (
	"os"
	"syscall"
)

// lockTemp takes a lock on the temporary file being filled, held until the
// returned file is closed; the system drops it when the process ends,
// however it ends.
func lockTemp(path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		f.Close()
		return nil
	}
	return f
}

// unused reports whether no process holds the temporary file's lock.
func unused(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// mine reports whether the file belongs to this user: another user's file
// in a shared folder is not ours to remove.
func mine(path string) bool {
	st, err := os.Lstat(path)
	if err != nil {
		return false
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(sys.Uid) == os.Geteuid()
}
