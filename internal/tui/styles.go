package tui

import (
	"image/color"
	"os"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	catppuccin "github.com/catppuccin/go"

	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/figure"
	"github.com/backtriage/backtriage/internal/rules"
)

// themes are the --theme names: huh's themes and a plain one without
// colour.
var themes = []string{"charm", "dracula", "catppuccin", "base16", "base", "plain"}

// ThemeNames lists the --theme names.
func ThemeNames() []string { return slices.Clone(themes) }

// ValidTheme reports whether name is a theme.
func ValidTheme(name string) bool { return slices.Contains(themes, name) }

// palette is what newStyles takes from a huh theme: its focused title,
// select pointer, selected prefix, error and description foregrounds and
// its focused button's background.
type palette struct {
	accent, pointer, chosen, err, muted, button color.Color
}

// themePalette is huh's colours for a --theme, as huh's Theme functions set
// them ("base" and "plain" are huh's base theme). They are written out here
// because building a huh theme to read six colours costs the first frame
// about 70 KB of stack (huh's Styles is 40 KB, built by value) and 50 KB
// of heap; TestThemePalette keeps them equal to huh's.
func themePalette(theme string, dark bool) palette {
	ld := lipgloss.LightDark(dark)
	switch theme {
	case "dracula":
		purple := lipgloss.Color("#bd93f9")
		return palette{accent: purple, pointer: lipgloss.Color("#f1fa8c"), chosen: lipgloss.Color("#50fa7b"),
			err: lipgloss.Color("#ff5555"), muted: lipgloss.Color("#6272a4"), button: purple}
	case "catppuccin":
		var f catppuccin.Flavour = catppuccin.Latte
		if dark {
			f = catppuccin.Mocha
		}
		return palette{accent: f.Mauve(), pointer: f.Pink(), chosen: f.Green(), err: f.Red(), muted: f.Subtext0(), button: f.Pink()}
	case "base16":
		return palette{accent: lipgloss.Color("6"), pointer: lipgloss.Color("3"), chosen: lipgloss.Color("2"),
			err: lipgloss.Color("9"), muted: lipgloss.Color("8"), button: lipgloss.Color("5")}
	case "base", "plain":
		none := lipgloss.NoColor{}
		return palette{accent: none, pointer: none, chosen: none, err: none, muted: none, button: lipgloss.Color("7")}
	}
	fuchsia := lipgloss.Color("#F780E2")
	return palette{
		accent:  ld(lipgloss.Color("#5A56E0"), lipgloss.Color("#7571F9")),
		pointer: fuchsia,
		chosen:  ld(lipgloss.Color("#02CF92"), lipgloss.Color("#02A877")),
		err:     ld(lipgloss.Color("#FF4672"), lipgloss.Color("#ED567A")),
		muted:   ld(lipgloss.Color(""), lipgloss.Color("243")),
		button:  fuchsia,
	}
}

// styles are built once per theme and background and reused for every
// frame: huh rebuilds its theme on every key, which is most of its cost.
// Marks and gutters are pre-rendered strings.
type styles struct {
	plain bool
	dark  bool

	app, title, heading, text, muted, why lipgloss.Style
	qFocused, qBlurred                    lipgloss.Style
	selected, err, ok, key                lipgloss.Style
	button, buttonOff                     lipgloss.Style
	progressDone, progressTodo            lipgloss.Style
	box, dangerBox                        lipgloss.Style
	banner                                [4]lipgloss.Style
	fig                                   figure.Styles

	// Pre-rendered pieces of option lines.
	bar, noBar                               string // gutter of the focused / other questions
	cursor, noCursor                         string
	checkOn, checkOff                        string // many
	radioOn, radioOff                        string // one and yes/no
	errMark                                  string
	painMark, causeMark, bothMark, emptyMark string

	// huh is huh's theme drawn with these styles, built on first use.
	huh *huh.Styles

	// field is what question fields (internal/field) draw with: the same
	// styles and marks, shared with the check-in's form.
	field *field.Styles
}

// FieldStyles are the question fields' styles for a theme and background:
// the check-in's form draws with them, so it looks like the questionnaire.
func FieldStyles(theme string, dark bool) *field.Styles {
	return newStyles(theme, dark).field
}

// FieldStylesFor is FieldStyles of a theme, for a form that learns
// whether the background is dark as it starts (the check-in's).
func FieldStylesFor(theme string) func(dark bool) *field.Styles {
	return func(dark bool) *field.Styles { return FieldStyles(theme, dark) }
}

// newStyles derives the styles from a huh theme's palette. Only huh's
// accent colours are taken; text keeps the terminal's own colour, which is
// always legible.
//
// It is split into parts, one frame each: a lipgloss.Style is 648 bytes
// and every chained call on one takes a stack slot of its own, so in one
// function the styles took a 50 KB frame, which grew the stack of the
// goroutine drawing the first frame to 128 KB (64 KB in parts).
func newStyles(theme string, dark bool) *styles {
	s := &styles{plain: theme == "plain", dark: dark}
	ld := lipgloss.LightDark(dark)
	c := themeColours(theme, dark, ld)
	s.setTextStyles(c, ld)
	s.setBanners(ld)
	s.setFigure(c, ld)
	s.setMarks(c)
	s.setField()
	return s
}

// colours are a theme's colours as the styles use them.
type colours struct {
	accent, pointer, chosen, err, muted color.Color
	btnFg, btnBg                        color.Color // the focused button's text and fill
}

func themeColours(theme string, dark bool, ld lipgloss.LightDarkFunc) colours {
	p := themePalette(theme, dark)
	c := colours{accent: p.accent, pointer: p.pointer, chosen: p.chosen, err: p.err, muted: p.muted, btnBg: p.button}
	if theme == "base" {
		c.accent, c.pointer, c.chosen, c.err = lipgloss.Color("6"), lipgloss.Color("3"), lipgloss.Color("2"), lipgloss.Color("1")
		c.muted = lipgloss.Color("8")
	}
	if isNoColor(c.muted) {
		c.muted = ld(lipgloss.Color("244"), lipgloss.Color("245"))
	}
	if isNoColor(c.err) {
		c.err = ld(lipgloss.Color("#D7263D"), lipgloss.Color("#FF5F87"))
	}
	// Every colour drawn on the terminal's background reads at 4.5:1 or
	// better (WCAG AA): some theme colours are too pale on light terminals
	// (charm's chosen green was 2:1 on white) or too dim on dark ones.
	c.accent, c.pointer, c.chosen, c.err, c.muted = legible(c.accent, dark), legible(c.pointer, dark), legible(c.chosen, dark), legible(c.err, dark), legible(c.muted, dark)
	if !isNoColor(c.btnBg) {
		c.btnFg, c.btnBg = onFill(c.btnBg)
	}
	return c
}

// fg is a style in colour c, or without colour for the plain theme.
func (s *styles) fg(c color.Color) lipgloss.Style {
	if s.plain || isNoColor(c) {
		return lipgloss.NewStyle()
	}
	return lipgloss.NewStyle().Foreground(c)
}

func (s *styles) setTextStyles(c colours, ld lipgloss.LightDarkFunc) {
	n := lipgloss.NewStyle
	s.app = s.fg(c.accent).Bold(true)
	s.title = s.fg(c.accent).Bold(true)
	s.heading = s.fg(c.accent).Bold(true)
	s.text = n()
	s.muted = s.fg(c.muted)
	s.why = s.fg(c.muted).Italic(true)
	s.qFocused = s.fg(c.accent).Bold(true)
	s.qBlurred = n().Bold(true)
	s.selected = s.fg(c.chosen)
	s.err = s.fg(c.err).Bold(true)
	s.ok = s.fg(c.chosen).Bold(true)
	s.key = s.fg(c.accent).Bold(true)
	if s.plain || isNoColor(c.btnBg) {
		s.button = n().Reverse(true).Bold(true).Padding(0, 1)
	} else {
		s.button = n().Foreground(c.btnFg).Background(c.btnBg).Bold(true).Padding(0, 1)
	}
	s.buttonOff = n().Padding(0, 1)
	s.progressDone = s.fg(c.accent)
	s.progressTodo = s.fg(c.muted)
	s.box = n().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	s.dangerBox = n().Border(lipgloss.ThickBorder()).Padding(0, 1)
	if !s.plain {
		s.box = s.box.BorderForeground(c.accent)
		s.dangerBox = s.dangerBox.BorderForeground(levelColor(rules.Emergency, ld))
	}
}

func (s *styles) setBanners(ld lipgloss.LightDarkFunc) {
	for l := rules.SelfCare; l <= rules.Emergency; l++ {
		b := lipgloss.NewStyle().Bold(true).Padding(0, 1)
		if s.plain {
			b = b.Reverse(true)
		} else {
			fgc, bgc := onFill(levelColor(l, ld))
			b = b.Foreground(fgc).Background(bgc)
		}
		s.banner[l] = b
	}
}

// setFigure sets the picture's styles: pain and cause differ in mark and
// colour.
func (s *styles) setFigure(c colours, ld lipgloss.LightDarkFunc) {
	s.fig = figure.Styles{
		Outline: s.fg(c.muted),
		Empty:   s.fg(c.muted).Faint(true),
		Pain:    s.fg(legible(ld(lipgloss.Color("#D7263D"), lipgloss.Color("#FF5F87")), s.dark)).Bold(true),
		Cause:   s.fg(legible(ld(lipgloss.Color("#0067C5"), lipgloss.Color("#4FC3F7")), s.dark)).Bold(true),
		Both:    s.fg(legible(ld(lipgloss.Color("#8E24AA"), lipgloss.Color("#E58CFF")), s.dark)).Bold(true),
		Caption: lipgloss.NewStyle().Bold(true),
	}
	if s.plain {
		s.fig.Empty = lipgloss.NewStyle()
	}
}

// setMarks pre-renders the marks and gutters; after setTextStyles and
// setFigure.
func (s *styles) setMarks(c colours) {
	s.bar = s.fg(c.accent).Render("┃") + " "
	s.noBar = "  "
	s.cursor = s.fg(c.pointer).Bold(true).Render("›") + " "
	s.noCursor = "  "
	s.checkOn = s.fg(c.chosen).Bold(true).Render("[x]") + " "
	s.checkOff = "[ ] "
	s.radioOn = s.fg(c.chosen).Bold(true).Render("(•)") + " "
	s.radioOff = "( ) "
	s.errMark = s.err.Render("!") + " "
	s.painMark = s.fig.Pain.Render(figure.MarkPain)
	s.causeMark = s.fig.Cause.Render(figure.MarkCause)
	s.bothMark = s.fig.Both.Render(figure.MarkBoth)
	s.emptyMark = s.fig.Empty.Render(figure.MarkEmpty)
}

// setField sets the question fields' styles from the others.
func (s *styles) setField() {
	s.field = &field.Styles{
		Text: s.text, Muted: s.muted, Why: s.why, Selected: s.selected, Err: s.err,
		QFocused: s.qFocused, QBlurred: s.qBlurred, Title: s.title, Key: s.key,
		Bar: s.bar, NoBar: s.noBar, Cursor: s.cursor, NoCursor: s.noCursor,
		CheckOn: s.checkOn, CheckOff: s.checkOff, RadioOn: s.radioOn, RadioOff: s.radioOff,
		ErrMark: s.errMark,
	}
}

// Level colours: red, orange, yellow, green, with dark text on the lighter
// ones. The banner also says the level in words.
func levelColor(l rules.Level, ld lipgloss.LightDarkFunc) color.Color {
	switch l {
	case rules.Emergency:
		return ld(lipgloss.Color("#C62828"), lipgloss.Color("#E53935"))
	case rules.Urgent:
		return ld(lipgloss.Color("#E65100"), lipgloss.Color("#FB8C00"))
	case rules.Soon:
		return ld(lipgloss.Color("#F9A825"), lipgloss.Color("#FDD835"))
	}
	return ld(lipgloss.Color("#2E7D32"), lipgloss.Color("#43A047"))
}

func isNoColor(c color.Color) bool {
	if c == nil {
		return true
	}
	_, ok := c.(lipgloss.NoColor)
	return ok
}

// darkFromEnv decides the background without asking the terminal: COLORFGBG
// ("15;0": light text on a dark background) when set, else dark. The real
// answer, if the terminal gives one, arrives later as a message.
func darkFromEnv(env []string) bool {
	v := lookup(env, "COLORFGBG")
	if v == "" {
		return true
	}
	parts := strings.Split(v, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil {
		return true
	}
	// 0-6 and 8 are dark colours; 7 and 9-15 light.
	return bg < 7 || bg == 8
}

func lookup(env []string, key string) string {
	if env == nil {
		return os.Getenv(key)
	}
	for i := len(env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(env[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}

// noColor reports NO_COLOR set to anything non-empty (https://no-color.org).
func noColor(env []string) bool { return lookup(env, "NO_COLOR") != "" }
