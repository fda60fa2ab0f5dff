//go:build linux

package diary

import "golang.org/x/sys/unix"

// fsState says whether the file system holding dir is mounted read-only,
// and whether it has no space left for this user. SQLite's codes do not
// tell these apart from other faults (a write on a full disk may come back
// as a disk I/O error, a read-only mount as "unable to open"), so the
// message asks the file system itself.
func fsState(dir string) (readOnly, full bool) {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return false, false
	}
	return st.Flags&unix.ST_RDONLY != 0, st.Bavail == 0
}
