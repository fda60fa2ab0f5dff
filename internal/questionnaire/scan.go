package questionnaire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// readHead reads the records under keys at the head of a compiled rule
// table: `{"key": [["s", ...], ...], "key2": ..., ...` and stops after the
// last of keys, leaving the rest unread. It accepts only that much of JSON
// (lists of lists of strings, which is all Records are) and is several
// times faster than encoding/json on it: one pass notes where each string
// is, then the strings are slices of one copy of the head, not one
// allocation each.
func readHead(data []byte, keys ...string) (map[string]Records, error) {
	s := &headScanner{data: data, keys: keys, spans: make([]int32, 0, 4096)}
	if err := s.head(); err != nil {
		return nil, err
	}
	text := string(data[:s.i])
	flat := make([]string, len(s.spans)/2)
	for i := range flat {
		a, b := int(s.spans[2*i]), int(s.spans[2*i+1])
		if b >= 0 {
			flat[i] = text[a:b]
			continue
		}
		if err := json.Unmarshal(data[a-1:-b+1], &flat[i]); err != nil {
			return nil, fmt.Errorf("offset %d: %w", a, err)
		}
	}
	recs := make(Records, len(s.recEnds))
	from := int32(0)
	for i, to := range s.recEnds {
		recs[i] = flat[from:to:to]
		from = to
	}
	out := make(map[string]Records, len(keys))
	for key, g := range s.groups {
		out[key] = recs[g[0]:g[1]:g[1]]
	}
	return out, nil
}

// headScanner reads the head of a snapshot, noting for each string its
// start and end (the end negated when it holds an escape, for encoding/json
// to decode), for each record where its strings end, and for each key its
// records.
type headScanner struct {
	data []byte
	keys []string
	i    int

	spans   []int32
	recEnds []int32
	groups  map[string][2]int
}

func (s *headScanner) head() error {
	if len(s.data) > math.MaxInt32 {
		return fmt.Errorf("too large")
	}
	if err := s.expect('{'); err != nil {
		return err
	}
	s.groups = map[string][2]int{}
	for len(s.groups) < len(s.keys) {
		if len(s.groups) > 0 {
			if err := s.expect(','); err != nil {
				return err
			}
		}
		if err := s.str(); err != nil {
			return err
		}
		ks, ke := s.spans[len(s.spans)-2], s.spans[len(s.spans)-1]
		s.spans = s.spans[:len(s.spans)-2]
		key := string(s.data[ks:max(ke, 0)])
		if _, dup := s.groups[key]; ke < 0 || !contains(s.keys, key) || dup {
			return fmt.Errorf("expected each of %q once, first, found %q", s.keys, key)
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		first := len(s.recEnds)
		if err := s.records(); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		s.groups[key] = [2]int{first, len(s.recEnds)}
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
	if !s.closes() {
		for {
			if err := s.str(); err != nil {
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
	s.recEnds = append(s.recEnds, int32(len(s.spans)/2))
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
	if s.i < len(s.data) && s.data[s.i] == c { // compact JSON: no space to skip
		s.i++
		return nil
	}
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

// str reads a JSON string and notes its span. Control characters are not
// looked for: the head is written by encoding/json (rules.Table.Snapshot of
// a checked table), which escapes them, and searching for the quote alone
// is what keeps this fast.
func (s *headScanner) str() error {
	if err := s.expect('"'); err != nil {
		return err
	}
	start, esc := s.i, false
	for {
		j := bytes.IndexByte(s.data[s.i:], '"')
		if j < 0 {
			return s.errorf("unterminated string")
		}
		k := bytes.IndexByte(s.data[s.i:s.i+j], '\\')
		if k < 0 {
			s.i += j + 1
			end := int32(s.i - 1)
			if esc {
				end = -end
			}
			s.spans = append(s.spans, int32(start), end)
			return nil
		}
		esc = true
		s.i += k + 2 // the backslash and the byte it escapes
		if s.i > len(s.data) {
			return s.errorf("unterminated string")
		}
	}
}
