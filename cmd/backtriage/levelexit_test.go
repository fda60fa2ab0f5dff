package main

// The --exit-level statuses as docs/scripting.md documents them: the tests
// hold the contract's numbers, not the code's.
const (
	exitLevelSoon      = 10
	exitLevelUrgent    = 11
	exitLevelEmergency = 12
)
