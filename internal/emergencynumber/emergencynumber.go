// Package emergencynumber says which number to call for an ambulance where
// the person is: from --region, or the country part of the locale
// (LC_ALL, LC_MESSAGES, LANG). The numbers are data, in one table; when the
// region is unknown every number in the table is shown.
package emergencynumber

import (
	"sort"
	"strings"
)

// Number is the emergency number of a region.
type Number struct {
	Region string // ISO 3166 code, upper case: "GB"
	Name   string // "the UK"
	Number string // "999", or "112 or 999"
}

// table is the emergency (ambulance) numbers by ISO 3166 country code.
// 112 works across the European Union and most of Europe; some countries
// keep an older number as well.
var table = map[string]Number{
	"GB": {Name: "the UK", Number: "999"},
	"IE": {Name: "Ireland", Number: "112 or 999"},
	"US": {Name: "the US", Number: "911"},
	"CA": {Name: "Canada", Number: "911"},
	"AU": {Name: "Australia", Number: "000"},
	"NZ": {Name: "New Zealand", Number: "111"},
	"IN": {Name: "India", Number: "112"},
	"ZA": {Name: "South Africa", Number: "10177 or 112"},
	"DE": {Name: "Germany", Number: "112"},
	"FR": {Name: "France", Number: "112 or 15"},
	"ES": {Name: "Spain", Number: "112"},
	"IT": {Name: "Italy", Number: "112"},
	"NL": {Name: "the Netherlands", Number: "112"},
	"BE": {Name: "Belgium", Number: "112"},
	"LU": {Name: "Luxembourg", Number: "112"},
	"AT": {Name: "Austria", Number: "112"},
	"CH": {Name: "Switzerland", Number: "144 or 112"},
	"PT": {Name: "Portugal", Number: "112"},
	"DK": {Name: "Denmark", Number: "112"},
	"SE": {Name: "Sweden", Number: "112"},
	"NO": {Name: "Norway", Number: "113 or 112"},
	"FI": {Name: "Finland", Number: "112"},
	"IS": {Name: "Iceland", Number: "112"},
	"PL": {Name: "Poland", Number: "112"},
	"CZ": {Name: "Czechia", Number: "112"},
	"SK": {Name: "Slovakia", Number: "112"},
	"HU": {Name: "Hungary", Number: "112"},
	"RO": {Name: "Romania", Number: "112"},
	"BG": {Name: "Bulgaria", Number: "112"},
	"GR": {Name: "Greece", Number: "112"},
	"HR": {Name: "Croatia", Number: "112"},
	"SI": {Name: "Slovenia", Number: "112"},
	"EE": {Name: "Estonia", Number: "112"},
	"LV": {Name: "Latvia", Number: "112"},
	"LT": {Name: "Lithuania", Number: "112"},
	"MT": {Name: "Malta", Number: "112"},
	"CY": {Name: "Cyprus", Number: "112"},
}

// aliases are other names people type for a region.
var aliases = map[string]string{"UK": "GB", "EN": "GB"}

// Summary lists the main numbers for when the region is unknown.
const Summary = "999 in the UK, 112 in Europe and India, 911 in the US and Canada, 000 in Australia, 111 in New Zealand"

// Lookup finds a region by ISO code ("gb", "UK" and "GB" all work).
func Lookup(region string) (Number, bool) {
	r := strings.ToUpper(strings.TrimSpace(region))
	if a, ok := aliases[r]; ok {
		r = a
	}
	n, ok := table[r]
	n.Region = r
	return n, ok
}

// Regions lists the codes in the table, sorted.
func Regions() []string {
	out := make([]string, 0, len(table))
	for r := range table {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// FromLocale reads the country from the locale variables, in POSIX order
// (LC_ALL, then LC_MESSAGES, then LANG): "en_GB.UTF-8" is GB. "" when no
// variable names a country (C, POSIX, C.UTF-8, unset).
func FromLocale(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		// The first set variable decides, as for any locale category.
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		_, cc, ok := strings.Cut(v, "_")
		if !ok || len(cc) != 2 {
			return ""
		}
		return strings.ToUpper(cc)
	}
	return ""
}

// Resolve picks the region: the flag when given, else the locale. ok is
// false when the region is not in the table (all numbers are shown then).
func Resolve(flag string, getenv func(string) string) (Number, bool) {
	r := flag
	if r == "" {
		r = FromLocale(getenv)
	}
	if r == "" {
		return Number{}, false
	}
	return Lookup(r)
}

// phrase is what rule actions and the level advice say; the number is put
// next to it.
const phrase = "your local emergency number"

// Annotate puts the local number next to every "your local emergency
// number" in text: "your local emergency number (999 in the UK)". With no
// known region it puts the main numbers (Summary) where the text does not
// already name some right after the phrase: a person told to call never
// has to look the number up.
//
// With a known region the short lists of main numbers the rule table and
// the level advice carry (Lists) are dropped where they follow the phrase:
// "your local emergency number (999 in the UK) now", not the number twice.
func Annotate(text string, n Number, ok bool) string {
	if !strings.Contains(text, phrase) {
		return text
	}
	if !ok {
		return listAll(text)
	}
	for _, l := range Lists {
		text = strings.ReplaceAll(text, phrase+" now ("+l+")", phrase+" now")
	}
	return strings.ReplaceAll(text, phrase, phrase+" ("+n.Number+" in "+n.Name+")")
}

// listAll puts Summary after every "your local emergency number" that is
// not already followed by a list of numbers ("... now (999 in the UK, ...)").
func listAll(text string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, phrase)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		end := i + len(phrase)
		b.WriteString(text[:end])
		rest := text[end:]
		if !strings.HasPrefix(rest, " (") && !strings.HasPrefix(rest, " now (") {
			b.WriteString(" (" + Summary + ")")
		}
		text = rest
	}
}

// Lists are the short lists of main numbers written into advice after
// "your local emergency number now"; a test keeps every such list in the
// rule table among them.
var Lists = []string{
	"999 in the UK, 112 in Europe, 911 in the US",
	"999 in the UK, 112 in Europe, 911 in the US and Canada",
}

// Line is one sentence naming the number to call: the local one, or all.
func Line(n Number, ok bool) string {
	if ok {
		return "Emergency number in " + n.Name + ": " + n.Number + "."
	}
	return "Emergency numbers: " + Summary + ". Elsewhere, your local emergency number."
}

// Local is the resolved region: its number, or Known false for all.
type Local struct {
	Number
	Known bool
}

// Here resolves the region from the flag or the locale.
func Here(flag string, getenv func(string) string) Local {
	n, ok := Resolve(flag, getenv)
	return Local{n, ok}
}

// Annotate is Annotate for this region.
func (l Local) Annotate(text string) string { return Annotate(text, l.Number, l.Known) }

// Line is Line for this region.
func (l Local) Line() string { return Line(l.Number, l.Known) }
