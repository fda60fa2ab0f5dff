// Package words changes the case of a sentence's first letter, for text
// built from parts: a muscle's "Between the shoulder blades" after a comma,
// a heading put after "While you wait to be seen:".
package words

import (
	"unicode"
	"unicode/utf8"
)

// Capitalize upper-cases the first letter.
func Capitalize(s string) string { return mapFirst(s, unicode.ToUpper) }

// LowerFirst lower-cases the first letter, unless the word is an acronym
// ("NHS", "GP"): its second letter is a capital too.
func LowerFirst(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return mapFirst(s, unicode.ToLower)
}

func mapFirst(s string, f func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(f(r)) + s[n:]
}
