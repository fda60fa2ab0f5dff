package questionnaire

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// readHead reads the records under keys at the head of a compiled rule
// table: `{"key": [["s", ...], ...], "key2": ..., ...` and stops after the
// last of keys, leaving the rest unread. It accepts only that much of JSON
// (lists of lists of strings, which is all Records are) and is several
// times faster than encoding/json on it. It reads twice: once to check the
// syntax, find the end of the head and count, once to fill slices of the
// exact size with strings that are slices of one copy of the head, not one
// allocation each.
func readHead(data []byte, keys ...string) (map[string]Records, error) {
	count := &headScanner{data: data, keys: keys}
	if err := count.head(); err != nil {
		return nil, err
	}
	fill := &headScanner{data: data, keys: keys, text: string(data[:count.i]),
		flat: make([]string, 0, count.nStrings), recs: make(Records, 0, count.nRecords), out: map[string]Records{}}
	if err := fill.head(); err != nil {
		return nil, err // not reached: the same bytes passed above
	}
	return fill.out, nil
}

// headScanner reads the head of a snapshot. While counting, text is empty
// and only nStrings and nRecords grow; while filling, the strings go into
// flat, the records (slices of flat) into recs, and each key's into out.
type headScanner struct {
	data []byte
	keys []string
	i    int

	nStrings, nRecords int

	text string
	flat []string
	recs Records
	out  map[string]Records
}

func (s *headScanner) head() error {
	if err := s.expect('{'); err != nil {
		return err
	}
	seen := map[string]bool{}
	for len(seen) < len(s.keys) {
		if len(seen) > 0 {
			if err := s.expect(','); err != nil {
				return err
			}
		}
		ks, ke, esc, err := s.str()
		if err != nil {
			return err
		}
		key := string(s.data[ks:ke])
		if esc || !contains(s.keys, key) || seen[key] {
			return fmt.Errorf("expected each of %q once, first, found %q", s.keys, key)
		}
		seen[key] = true
		if err := s.expect(':'); err != nil {
			return err
		}
		first := len(s.recs)
		if err := s.records(); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		if s.out != nil {
			s.out[key] = s.recs[first:len(s.recs):len(s.recs)]
		}
	}
	return nil
}

// records reads [[string, ...], ...].
func (s *headScanner) records() error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.closes() {
		return nil
	}
	for {
		if err := s.record(); err != nil {
			return err
		}
		if s.closes() {
			return nil
		}
		if err := s.expect(','); err != nil {
			return err
		}
	}
}

// record reads [string, ...].
func (s *headScanner) record() error {
	if err := s.expect('['); err != nil {
		return err
	}
	first := len(s.flat)
	s.nRecords++
	if !s.closes() {
		for {
			a, b, esc, err := s.str()
			if err != nil {
				return err
			}
			s.nStrings++
			if err := s.keep(a, b, esc); err != nil {
				return err
			}
			if s.closes() {
				break
			}
			if err := s.expect(','); err != nil {
				return err
			}
		}
	}
	if s.out != nil {
		s.recs = append(s.recs, s.flat[first:len(s.flat):len(s.flat)])
	}
	return nil
}

// keep adds a string to flat when filling: a slice of text, or decoded by
// encoding/json when it holds an escape.
func (s *headScanner) keep(a, b int, esc bool) error {
	if s.out == nil {
		return nil
	}
	if !esc {
		s.flat = append(s.flat, s.text[a:b])
		return nil
	}
	var v string
	if err := json.Unmarshal(s.data[a-1:b+1], &v); err != nil {
		return fmt.Errorf("offset %d: %w", a, err)
	}
	s.flat = append(s.flat, v)
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (s *headScanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\n', '\t', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *headScanner) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: "+format, append([]any{s.i}, args...)...)
}

func (s *headScanner) expect(c byte) error {
	s.ws()
	if s.i >= len(s.data) || s.data[s.i] != c {
		return s.errorf("expected %q", c)
	}
	s.i++
	return nil
}

// closes reports whether the next byte after white space ends a list,
// taking it if so.
func (s *headScanner) closes() bool {
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		return true
	}
	return false
}

// str reads a JSON string: the bounds of its contents, and whether it
// holds an escape (to be decoded by encoding/json). Control characters are
// not looked for: the head is written by encoding/json (rules.Table.Snapshot
// of a checked table), which escapes them, and a search for the quote alone
// is what keeps this fast.
func (s *headScanner) str() (start, end int, esc bool, err error) {
	if err := s.expect('"'); err != nil {
		return 0, 0, false, err
	}
	start = s.i
	for {
		j := bytes.IndexByte(s.data[s.i:], '"')
		if j < 0 {
			return 0, 0, false, s.errorf("unterminated string")
		}
		k := bytes.IndexByte(s.data[s.i:s.i+j], '\\')
		if k < 0 {
			s.i += j + 1
			return start, s.i - 1, esc, nil
		}
		esc = true
		s.i += k + 2 // the backslash and the byte it escapes
		if s.i > len(s.data) {
			return 0, 0, false, s.errorf("unterminated string")
		}
	}
}
