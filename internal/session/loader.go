package session

import (
	"errors"
	"runtime/debug"
	"sync"

	"github.com/backtriage/backtriage/internal/triage"
)

// Loader loads the rule table in the background, once: the first screen or
// question shows meanwhile, and nothing waits for it until an answer needs
// the engine.
type Loader struct {
	start sync.Once
	fn    func() (*triage.Engine, error)
	done  chan struct{}
	eng   *triage.Engine
	err   error
}

// NewLoader prepares loading with fn; nil loads nothing (Result then says
// there is no rule table).
func NewLoader(fn func() (*triage.Engine, error)) *Loader {
	return &Loader{fn: fn, done: make(chan struct{})}
}

// loadGCPercent is GOGC while the rule table loads.
const loadGCPercent = 25

// Begin starts loading, once. Loading allocates a lot for a short while, so
// the collector runs more often meanwhile, keeping the peak memory low, and
// the memory is handed back when it is done.
func (l *Loader) Begin() {
	l.start.Do(func() {
		if l.fn == nil {
			l.err = errNoTable
			close(l.done)
			return
		}
		go func() {
			old := debug.SetGCPercent(loadGCPercent)
			l.eng, l.err = l.fn()
			debug.SetGCPercent(old)
			if l.eng == nil && l.err == nil {
				l.err = errNoTable
			}
			close(l.done)
			debug.FreeOSMemory()
		}()
	})
}

var errNoTable = errors.New("no rule table")

// Done is closed once the table is loaded or failed to.
func (l *Loader) Done() <-chan struct{} { return l.done }

// Result is the engine or why there is none; call it after Done.
func (l *Loader) Result() (*triage.Engine, error) {
	<-l.done
	return l.eng, l.err
}

// Ready returns the engine without waiting: ok is false while it is still
// loading (loading starts if it had not).
func (l *Loader) Ready() (eng *triage.Engine, err error, ok bool) {
	l.Begin()
	select {
	case <-l.done:
		return l.eng, l.err, true
	default:
		return nil, nil, false
	}
}
