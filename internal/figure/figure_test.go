package figure

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/rules"
)

func TestMarksDifferWithoutColour(t *testing.T) {
	s := Render(Spec{Pain: []string{"between_shoulder_blades"}, Cause: []string{"neck_front", "middle_back"}}, Styles{})
	for _, mark := range []string{MarkPain, MarkCause, "BACK", "FRONT"} {
		if !strings.Contains(s, mark) {
			t.Errorf("no %q in\n%s", mark, s)
		}
	}
	if strings.Contains(s, "\x1b[") {
		t.Error("colour with empty styles")
	}
	if strings.Contains(s, MarkBoth) {
		t.Error("both-mark where pain and cause do not meet")
	}
}

func TestBothAndBackOnly(t *testing.T) {
	spec := Spec{Pain: []string{"middle_back"}, Cause: []string{"middle_back"}}
	s := Render(spec, Styles{})
	if !strings.Contains(s, MarkBoth) || strings.Contains(s, "FRONT") || NeedsFront(spec) {
		t.Errorf("want the back only, with the both-mark:\n%s", s)
	}
	if Width(spec) != viewWidth {
		t.Errorf("width %d", Width(spec))
	}
}

// Every region the rule table knows has cells in the picture, on the side
// the table puts it, and the picture draws no region the table does not
// know.
func TestEveryRegionIsDrawn(t *testing.T) {
	for _, r := range rules.Regions() {
		spec := Spec{Pain: []string{r.ID}}
		s := Render(spec, Styles{})
		if !strings.Contains(s, MarkPain) {
			t.Errorf("region %s has no cells", r.ID)
		}
		if NeedsFront(spec) != r.Front {
			t.Errorf("region %s: front view %v, the table says front %v", r.ID, NeedsFront(spec), r.Front)
		}
	}
	for _, id := range regionOf {
		if !rules.IsRegion(id) {
			t.Errorf("the picture draws %q, which the rule table does not know", id)
		}
	}
}

func TestSize(t *testing.T) {
	spec := Spec{Pain: []string{"chest"}}
	s := Render(spec, Styles{Pain: lipgloss.NewStyle().Bold(true)})
	lines := strings.Split(s, "\n")
	if len(lines) != Height {
		t.Errorf("height %d, want %d", len(lines), Height)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w != Width(spec) {
			t.Errorf("line width %d, want %d: %q", w, Width(spec), l)
		}
	}
}

// The side chosen (pain_side) is marked, not both: seen from behind, the
// person's right is on the right; from the front, on the left. The
// captions say which side is which.
func TestSideIsMarked(t *testing.T) {
	half := func(s string, front, rightHalf bool) int {
		n := 0
		for _, l := range strings.Split(s, "\n")[1:] {
			r := []rune(l)
			lo, hi := 0, viewWidth
			if front {
				lo, hi = viewWidth+gap, 2*viewWidth+gap
			}
			mid := (lo + hi) / 2
			for i := lo; i < hi && i < len(r); i++ {
				if string(r[i]) == MarkPain && (i > mid) == rightHalf && i != mid {
					n++
				}
			}
		}
		return n
	}
	for _, side := range []string{"left", "right"} {
		s := Render(Spec{Pain: []string{"shoulder_blades", "chest"}, Side: side}, Styles{})
		backRight, backLeft := half(s, false, true), half(s, false, false)
		frontRight, frontLeft := half(s, true, true), half(s, true, false)
		if side == "right" && (backRight == 0 || backLeft != 0 || frontLeft == 0 || frontRight != 0) ||
			side == "left" && (backLeft == 0 || backRight != 0 || frontRight == 0 || frontLeft != 0) {
			t.Errorf("side %s: back %d left %d right, front %d left %d right:\n%s", side, backLeft, backRight, frontLeft, frontRight, s)
		}
		if first := strings.Split(s, "\n")[0]; !strings.HasPrefix(first, "L") || !strings.Contains(first, "R") {
			t.Errorf("captions do not name the sides: %q", first)
		}
	}
	both := Render(Spec{Pain: []string{"shoulder_blades"}, Side: "both"}, Styles{})
	if half(both, false, true) == 0 || half(both, false, false) == 0 {
		t.Errorf("both sides: not both marked:\n%s", both)
	}
}
