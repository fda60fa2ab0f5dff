package input

import "fmt"

// DepthError is YAML nested deeper than allowed; Line and Col (1-based) are
// where the limit was passed.
type DepthError struct {
	Max       int
	Line, Col int
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("nested deeper than %d levels", e.Max)
}

// CheckDepth refuses YAML (or JSON) nested deeper than max levels, counting
// flow brackets ([ and {) and block indentation (a deeper indent, or a
// "- " list item, opens a level). It reads each byte once and allocates
// only the indentation stack, so it is cheap on any input; it may count a
// little more than a parser would (brackets in a multi-line quoted string)
// but never less than the nesting of the block and flow structure.
func CheckDepth(data []byte, max int) error {
	d := &depthScan{data: data, max: max, line: 1}
	for i := 0; i < len(data); {
		// Start of a line: measure its indentation and list dashes.
		start := i
		for i < len(data) && data[i] == ' ' {
			i++
		}
		if i >= len(data) {
			break
		}
		if c := data[i]; c == '\n' || c == '\r' || c == '#' {
			i = skipLine(data, i)
			d.line++
			continue
		}
		var err error
		if d.flow == 0 {
			if i, err = d.block(start, i); err != nil {
				return err
			}
		}
		if i, err = d.rest(start, i); err != nil {
			return err
		}
		i++ // the newline
		d.line++
	}
	return nil
}

// depthScan is CheckDepth's state: the open levels so far.
type depthScan struct {
	data   []byte
	max    int
	flow   int   // open [ and {
	indent []int // columns of the open block levels
	line   int
}

// block counts the block levels open at i, the first character after the
// indentation of the line that starts at start, and returns where the
// line's content starts (after any list dashes).
func (d *depthScan) block(start, i int) (int, error) {
	col := i - start
	for len(d.indent) > 0 && d.indent[len(d.indent)-1] >= col {
		d.indent = d.indent[:len(d.indent)-1]
	}
	d.indent = append(d.indent, col)
	// "- - - x" nests one level per dash.
	data := d.data
	for i+1 < len(data) && data[i] == '-' && (data[i+1] == ' ' || data[i+1] == '\n') {
		i++
		for i < len(data) && data[i] == ' ' {
			i++
		}
		d.indent = append(d.indent, i-start)
		if len(d.indent)-1 > d.max {
			return i, &DepthError{Max: d.max, Line: d.line, Col: i - start + 1}
		}
	}
	if len(d.indent)-1 > d.max {
		return i, &DepthError{Max: d.max, Line: d.line, Col: col + 1}
	}
	return i, nil
}

// rest counts the flow brackets in the rest of the line, from i, outside
// quotes and comments, and returns the index of the line's newline (or the
// end of the data).
func (d *depthScan) rest(start, i int) (int, error) {
	data := d.data
	var quote byte
	prev := byte(' ')
	for ; i < len(data) && data[i] != '\n'; i++ {
		c := data[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && isTokenStart(prev):
			quote = c
		case c == '#' && (prev == ' ' || prev == '\t'):
			return skipLine(data, i) - 1, nil // the newline
		case c == '[' || c == '{':
			d.flow++
			if d.flow+len(d.indent)-1 > d.max {
				return i, &DepthError{Max: d.max, Line: d.line, Col: i - start + 1}
			}
		case c == ']' || c == '}':
			if d.flow > 0 {
				d.flow--
			}
		}
		if i < len(data) {
			prev = data[i]
		}
	}
	return i, nil
}

// isTokenStart reports whether a quote after prev opens a quoted scalar
// (and is not an apostrophe inside a plain one, as in "don't").
func isTokenStart(prev byte) bool {
	switch prev {
	case ' ', '\t', ':', '[', '{', ',', '-', '?':
		return true
	}
	return false
}

// skipLine returns the index of the newline ending the line at i, or the
// end of data, plus one.
func skipLine(data []byte, i int) int {
	for i < len(data) && data[i] != '\n' {
		i++
	}
	return i + 1
}
