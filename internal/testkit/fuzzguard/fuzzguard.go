// Package fuzzguard is for fuzz tests: it runs one call on one input and
// turns a panic or a hang into a test failure that shows the input.
package fuzzguard

import (
	"fmt"
	"runtime/debug"
	"testing"
	"time"
)

// Deadline is how long one input may take before it counts as a hang.
const Deadline = 10 * time.Second

// Call runs f, failing t if it panics or does not return within Deadline.
// what names the call in messages ("Parse"), input is shown with them.
func Call[T any](t testing.TB, what string, input []byte, f func() (T, error)) (T, error) {
	t.Helper()
	type result struct {
		v     T
		err   error
		panic string
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
			}
		}()
		v, err := f()
		done <- result{v: v, err: err}
	}()
	select {
	case r := <-done:
		if r.panic != "" {
			t.Fatalf("%s panicked on %q: %s", what, input, r.panic)
		}
		return r.v, r.err
	case <-time.After(Deadline):
		t.Fatalf("%s did not return within %s on %q", what, Deadline, input)
	}
	var zero T
	return zero, nil
}
