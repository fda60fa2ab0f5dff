package diary

import (
	"os"
	"time"
)

// BusyTimeoutEnv, set to a Go duration ("200ms"), replaces
// DefaultBusyTimeout in a whole process, for the end-to-end tests: they
// run the binary against a locked diary and need not wait the full 5
// seconds each time. Options.BusyTimeout still comes first.
const BusyTimeoutEnv = "BACKTRIAGE_TEST_BUSY_TIMEOUT"

// defaultBusy is DefaultBusyTimeout, or BusyTimeoutEnv's duration.
func defaultBusy() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(BusyTimeoutEnv)); err == nil && d > 0 {
		return d
	}
	return DefaultBusyTimeout
}
