//go:build !race

package main

// raceBinary: see race_on_test.go.
const raceBinary = false
