//go:build !linux

package diary

// fsState cannot ask the file system here; the SQLite and system error
// codes alone classify the fault.
func fsState(string) (readOnly, full bool) { return false, false }
