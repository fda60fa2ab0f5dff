package safeio

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
	var (
		flow   int   // open [ and {
		indent []int // columns of the open block levels
		line   = 1
	)
	for i := 0; i < len(data); {
		// Start of a line: measure its indentation and list dashes.
		start := i
		col := 0
		for i < len(data) && data[i] == ' ' {
			i++
			col++
		}
		if i >= len(data) {
			break
		}
		if c := data[i]; c == '\n' || c == '\r' || c == '#' {
			i = skipLine(data, i)
			line++
			continue
		}
		if flow == 0 {
			for len(indent) > 0 && indent[len(indent)-1] >= col {
				indent = indent[:len(indent)-1]
			}
			indent = append(indent, col)
			// "- - - x" nests one level per dash.
			for i+1 < len(data) && data[i] == '-' && (data[i+1] == ' ' || data[i+1] == '\n') {
				i++
				for i < len(data) && data[i] == ' ' {
					i++
				}
				indent = append(indent, i-start)
				if len(indent)-1 > max {
					return &DepthError{Max: max, Line: line, Col: i - start + 1}
				}
			}
			if len(indent)-1 > max {
				return &DepthError{Max: max, Line: line, Col: col + 1}
			}
		}
		// The rest of the line: brackets outside quotes and comments.
		var quote byte
		prev := byte(' ')
	rest:
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
				i = skipLine(data, i) - 1 // the newline
				break rest
			case c == '[' || c == '{':
				flow++
				if flow+len(indent)-1 > max {
					return &DepthError{Max: max, Line: line, Col: i - start + 1}
				}
			case c == ']' || c == '}':
				if flow > 0 {
					flow--
				}
			}
			if i < len(data) {
				prev = data[i]
			}
		}
		i++ // the newline
		line++
	}
	return nil
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
