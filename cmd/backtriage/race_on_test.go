//go:build race

package main

// raceBinary: this test binary has the race detector, so TestMain builds
// the binary the end-to-end tests drive with it too (`go test -race`, as
// .ci/run does, then covers the program itself, not only the tests).
const raceBinary = true
