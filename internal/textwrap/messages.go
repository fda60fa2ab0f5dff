package textwrap

import (
	"io/fs"
	"os"
	"strings"
)

// Distance is the Levenshtein distance between a and b: the edits that
// turn one into the other, for "did you mean" suggestions.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// QuotePaths is an error's message with the file names of the file system
// errors in it (*fs.PathError, *os.LinkError) quoted as Quote quotes them,
// for a message printed to a terminal.
func QuotePaths(err error) string {
	msg := err.Error()
	var names []string
	walk(err, func(e error) {
		switch pe := e.(type) {
		case *fs.PathError:
			names = append(names, pe.Path)
		case *os.LinkError:
			names = append(names, pe.Old, pe.New)
		}
	})
	for _, n := range names {
		if q := Quote(n); q != n && n != "" {
			msg = strings.ReplaceAll(msg, n, q)
		}
	}
	return msg
}

// walk calls f on err and every error it wraps.
func walk(err error, f func(error)) {
	if err == nil {
		return
	}
	f(err)
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walk(u.Unwrap(), f)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walk(e, f)
		}
	}
}
