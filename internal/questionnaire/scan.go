package questionnaire

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// section builds what one key of the head holds from its records.
type section interface{ add(record []string) error }

// readHead reads the records under keys at the head of a compiled rule
// table: `{"key": [["s", ...], ...], "key2": ..., ...` and stops after the
// last of keys, leaving the rest unread. It accepts only that much of JSON
// (lists of lists of strings, which is all Records are) and is several
// times faster than encoding/json on it. It reads twice and keeps nothing
// but the records: once to check the syntax, find the end of the head
// and count each key's questions and options, so that open can allocate
// them once at their size; then it gives each record to the section open
// made for its key, its strings slices of one copy of the head.
func readHead(data []byte, keys []string, open func(key string, questions, options int) section) error {
	counts := map[string]*[2]int{}
	count := &headScanner{data: data, keys: keys, record: func(key string, spans []int32) error {
		c := counts[key]
		if c == nil {
			c = new([2]int)
			counts[key] = c
		}
		if len(spans) > 0 {
			switch string(data[spans[0]:max(spans[1], 0)]) { // no allocation: a comparison
			case "question":
				c[0]++
			case "option":
				c[1]++
			}
		}
		return nil
	}}
	if err := count.head(); err != nil {
		return err
	}
	text := string(data[:count.i])
	out := map[string]section{}
	for _, k := range keys {
		c := counts[k]
		if c == nil {
			c = new([2]int)
		}
		out[k] = open(k, c[0], c[1])
	}
	var fields []string
	fill := &headScanner{data: data, keys: keys, record: func(key string, spans []int32) error {
		var err error
		if fields, err = spanFields(data, text, spans, fields[:0]); err != nil {
			return err
		}
		if len(fields) == 0 {
			return fmt.Errorf("an empty record")
		}
		if err := out[key].add(fields); err != nil {
			return fmt.Errorf("record %q: %w", fields[0], err)
		}
		return nil
	}}
	return fill.head() // the same bytes passed above: only a bad record fails here
}

// spanFields appends the strings at spans to fields: slices of text (a
// copy of data's start), or unescaped where they hold an escape.
func spanFields(data []byte, text string, spans []int32, fields []string) ([]string, error) {
	for i := 0; i < len(spans); i += 2 {
		a, b := int(spans[i]), int(spans[i+1])
		if b >= 0 {
			fields = append(fields, text[a:b])
			continue
		}
		v, err := unescape(data[a:-b])
		if err != nil {
			return nil, fmt.Errorf("offset %d: %w", a, err)
		}
		fields = append(fields, v)
	}
	return fields, nil
}

// unescape decodes a JSON string's contents that hold escapes. It is
// encoding/json's decoding, written out: calling encoding/json for the one
// string with an escape pulls its decoder into memory, a quarter of a
// megabyte more at start-up.
func unescape(raw []byte) (string, error) {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(raw) {
			return "", fmt.Errorf("a string ends in a backslash")
		}
		i++
		switch c = raw[i]; c {
		case '"', '\\', '/':
			b.WriteByte(c)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, n := hex4(raw[i+1:])
			if n == 0 {
				return "", fmt.Errorf("a bad \\u escape")
			}
			i += n
			if utf16.IsSurrogate(r) {
				// A pair stands for one character; a lone half is U+FFFD, as
				// encoding/json has it.
				r2, n2 := rune(-1), 0
				if i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					r2, n2 = hex4(raw[i+3:])
				}
				if d := utf16.DecodeRune(r, r2); n2 > 0 && d != utf8.RuneError {
					r, i = d, i+2+n2
				} else {
					r = utf8.RuneError
				}
			}
			b.WriteRune(r)
		default:
			return "", fmt.Errorf("an unknown escape \\%c", c)
		}
	}
	return b.String(), nil
}

// hex4 reads four hex digits; n is 4, or 0 when they are not there.
func hex4(p []byte) (r rune, n int) {
	if len(p) < 4 {
		return 0, 0
	}
	for _, c := range p[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, 0
		}
	}
	return r, 4
}

// headScanner reads the head of a snapshot, giving each record to record
// as the start and end of each string (the end negated when the string
// holds an escape, to be unescaped). The spans are reused from
// one record to the next.
type headScanner struct {
	data   []byte
	keys   []string
	i      int
	record func(key string, spans []int32) error

	key   string
	spans []int32
}

func (s *headScanner) head() error {
	if len(s.data) > math.MaxInt32 {
		return fmt.Errorf("too large")
	}
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
		s.spans = s.spans[:0]
		if err := s.str(); err != nil {
			return err
		}
		ks, ke := s.spans[0], s.spans[1]
		key := string(s.data[ks:max(ke, 0)])
		if ke < 0 || !contains(s.keys, key) || seen[key] {
			return fmt.Errorf("expected each of %q once, first, found %q", s.keys, key)
		}
		seen[key] = true
		if err := s.expect(':'); err != nil {
			return err
		}
		s.key = key
		if err := s.records(); err != nil {
			return fmt.Errorf("%s: %w", key, err)
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
		if err := s.oneRecord(); err != nil {
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

// oneRecord reads [string, ...] and gives it to record.
func (s *headScanner) oneRecord() error {
	if err := s.expect('['); err != nil {
		return err
	}
	s.spans = s.spans[:0]
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
	return s.record(s.key, s.spans)
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
