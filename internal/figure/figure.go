// Package figure draws a small picture of the back (and the front, when a
// region there matters) with lipgloss, marking where it hurts and where the
// likely cause sits. The cause is often somewhere else than the pain; the
// picture shows it. Marks differ in shape as well as colour, so the picture
// reads without colour too.
package figure

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/rules"
)

// Marks drawn in a region. They differ in shape, not only in colour.
const (
	MarkPain  = "●" // where it hurts
	MarkCause = "◆" // where the likely cause sits
	MarkBoth  = "◈" // both
	MarkEmpty = "·" // a region with nothing to show
)

// Spec says what to mark, as region ids (see rules.Regions).
type Spec struct {
	Pain  []string
	Cause []string
	// Front forces the front view; it is drawn anyway when a region on the
	// front of the body is marked.
	Front bool
	// Side is the side it hurts on ("left" or "right", as pain_side
	// answers): the pain is marked on that half of the body only. Any
	// other value marks both halves.
	Side string
}

// Styles colour the picture. The zero value draws it without colour.
type Styles struct {
	Outline lipgloss.Style
	Pain    lipgloss.Style
	Cause   lipgloss.Style
	Both    lipgloss.Style
	Empty   lipgloss.Style
	Caption lipgloss.Style
}

// frontRegions lists the regions on the front of the body, as the rule table
// says.
var frontRegions = func() (ids []string) {
	for _, r := range rules.Regions() {
		if r.Front {
			ids = append(ids, r.ID)
		}
	}
	return ids
}()

// regionOf maps template letters to region ids.
var regionOf = map[rune]string{
	'H': "head",
	'N': "neck",
	'F': "neck_front",
	'T': "shoulder_top",
	'S': "shoulder_blades",
	'B': "between_shoulder_blades",
	'M': "middle_back",
	'L': "lower_back",
	'C': "chest",
	'U': "under_ribs",
	'A': "arm_hand",
}

// The views, seen from behind and from the front. Letters are region cells
// (see regionOf); everything else is outline. Both are viewWidth wide.
var back = []string{
	"      ╭─────╮      ",
	"      │ HHH │      ",
	"      ╰┬NNN┬╯      ",
	"  ╭────┘NNN└────╮  ",
	"╭─┤TTTT     TTTT├─╮",
	"│A│ SSS BBB SSS │A│",
	"│A│ SSS BBB SSS │A│",
	"│A│  S  BBB  S  │A│",
	"│A│    MMMMM    │A│",
	"│A│    MMMMM    │A│",
	"│A│    LLLLL    │A│",
	"╰A┤    LLLLL    ├A╯",
	" A╰─────────────╯A ",
}

var front = []string{
	"      ╭─────╮      ",
	"      │ ◠ ◠ │      ",
	"      ╰┬FFF┬╯      ",
	"  ╭────┘FFF└────╮  ",
	"╭─┤             ├─╮",
	"│A│ CCCC   CCCC │A│",
	"│A│ CCCC   CCCC │A│",
	"│A│  CCC   CCC  │A│",
	"│A│ UUU     UUU │A│",
	"│A│ UUU     UUU │A│",
	"│A│             │A│",
	"╰A┤             ├A╯",
	" A╰─────────────╯A ",
}

const (
	viewWidth = 19
	gap       = 4
)

// Height is the number of lines Render draws.
const Height = 14

// NeedsFront reports whether the spec marks a region on the front.
func NeedsFront(s Spec) bool {
	if s.Front {
		return true
	}
	for _, r := range frontRegions {
		if slices.Contains(s.Pain, r) || slices.Contains(s.Cause, r) {
			return true
		}
	}
	return false
}

// Width is how wide Render draws for the spec.
func Width(s Spec) int {
	if NeedsFront(s) {
		return 2*viewWidth + gap
	}
	return viewWidth
}

// Render draws the back, and the front beside it when needed, with a
// caption over each.
func Render(s Spec, st Styles) string {
	views := [][]string{back}
	captions := []string{"BACK"}
	if NeedsFront(s) {
		views = append(views, front)
		captions = append(captions, "FRONT")
	}
	var b strings.Builder
	// Captions, centred over each view, with the person's left and right
	// at its edges: seen from behind, their left is on the left.
	line := make([]string, 0, 2*len(views))
	for i, c := range captions {
		if i > 0 {
			line = append(line, strings.Repeat(" ", gap))
		}
		l, r := "L", "R"
		if i > 0 { // the front, facing us
			l, r = r, l
		}
		pad := (viewWidth - len(c)) / 2
		line = append(line, st.Caption.Render(l)+strings.Repeat(" ", pad-1)+st.Caption.Render(c)+
			strings.Repeat(" ", viewWidth-pad-len(c)-1)+st.Caption.Render(r))
	}
	b.WriteString(strings.Join(line, ""))
	for row := range back {
		b.WriteByte('\n')
		for i, v := range views {
			if i > 0 {
				b.WriteString(strings.Repeat(" ", gap))
			}
			drawRow(&b, v[row], s, st, i > 0)
		}
	}
	return b.String()
}

// painHere reports whether a pain region's cell at column col of a view
// is on the side it hurts: the person's left is the viewer's left from
// behind, the viewer's right from the front; the middle column is both.
func painHere(s Spec, col int, front bool) bool {
	mid := viewWidth / 2
	left := col < mid
	if front {
		left = col > mid
	}
	switch {
	case col == mid:
		return true
	case s.Side == "left":
		return left
	case s.Side == "right":
		return !left
	}
	return true
}

// cellKind is how one cell is drawn.
type cellKind int

const (
	kindSpace cellKind = iota
	kindOutline
	kindEmpty
	kindPain
	kindCause
	kindBoth
)

func drawRow(b *strings.Builder, row string, s Spec, st Styles, front bool) {
	var run strings.Builder
	kind := kindSpace
	flush := func() {
		if run.Len() == 0 {
			return
		}
		b.WriteString(styleFor(kind, st).Render(run.String()))
		run.Reset()
	}
	col := 0
	for _, r := range row {
		k, text := cell(r, s, painHere(s, col, front))
		col++
		if k != kind {
			flush()
			kind = k
		}
		run.WriteString(text)
	}
	flush()
}

// cell is how template rune r is drawn; sided is false on the half of the
// body that does not hurt.
func cell(r rune, s Spec, sided bool) (cellKind, string) {
	if r == ' ' {
		return kindSpace, " "
	}
	region, ok := regionOf[r]
	if !ok {
		return kindOutline, string(r)
	}
	pain, cause := sided && slices.Contains(s.Pain, region), slices.Contains(s.Cause, region)
	switch {
	case pain && cause:
		return kindBoth, MarkBoth
	case pain:
		return kindPain, MarkPain
	case cause:
		return kindCause, MarkCause
	}
	return kindEmpty, MarkEmpty
}

func styleFor(k cellKind, st Styles) lipgloss.Style {
	switch k {
	case kindOutline:
		return st.Outline
	case kindEmpty:
		return st.Empty
	case kindPain:
		return st.Pain
	case kindCause:
		return st.Cause
	case kindBoth:
		return st.Both
	}
	return lipgloss.NewStyle()
}
