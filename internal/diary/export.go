package diary

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// Record is the whole diary, to hand to a clinician or a script.
type Record struct {
	Schema   int        `json:"schema"` // the diary's schema version
	Path     string     `json:"path"`
	Consent  *Consent   `json:"consent"`
	Episodes []*Episode `json:"episodes"`
	Checkins []*Checkin `json:"checkins"`
	Routines []*Routine `json:"routines"`
}

// Load reads the whole diary.
func (s *Store) Load() (*Record, error) {
	r := &Record{Path: s.path, Episodes: []*Episode{}, Checkins: []*Checkin{}, Routines: []*Routine{}}
	var err error
	if r.Schema, err = s.Version(); err != nil {
		return nil, err
	}
	if c, ok, err := s.ConsentGiven(); err != nil {
		return nil, err
	} else if ok {
		r.Consent = &c
	}
	if eps, err := s.Episodes(); err != nil {
		return nil, err
	} else if eps != nil {
		r.Episodes = eps
	}
	if cs, err := s.Checkins(); err != nil {
		return nil, err
	} else if cs != nil {
		r.Checkins = cs
	}
	if rs, err := s.Routines(); err != nil {
		return nil, err
	} else if rs != nil {
		r.Routines = rs
	}
	return r, nil
}

// ExportFormats are the formats of `backtriage diary export`.
var ExportFormats = []string{"csv", "markdown", "json"}

// Export writes the record in a format: csv (one row per event), markdown
// (for a clinician to read) or json (everything, as stored).
func Export(w io.Writer, format string, r *Record, exportedAt time.Time) error {
	switch strings.ToLower(format) {
	case "json":
		// C1 and bidi characters escaped, as in every JSON output.
		enc := json.NewEncoder(textwrap.JSONWriter(w))
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Tool       string `json:"tool"`
			ExportedAt string `json:"exported_at"`
			*Record
		}{"backtriage diary", stamp(exportedAt), r})
	case "csv":
		return exportCSV(w, r)
	case "markdown", "md":
		_, err := io.WriteString(w, textwrap.SafeLines(exportMarkdown(r, exportedAt)))
		return err
	}
	return fmt.Errorf("unknown format %q; valid: %s", format, strings.Join(ExportFormats, ", "))
}

// event is one row of the CSV and one line of the Markdown timeline.
type event struct {
	at       time.Time
	kind     string // assessment, check-in, routine
	episode  int64
	level    string
	pain     string
	compared string
	steps    string
	note     string
	summary  string
}

func events(r *Record) []event {
	var out []event
	for _, e := range r.Episodes {
		var causes []string
		for _, c := range e.Causes {
			if c.Top {
				causes = append(causes, c.Title)
			}
		}
		sum := "Warning signs: " + warningTitles(e.Warnings)
		if len(causes) > 0 {
			sum += ". Likely causes: " + strings.Join(causes, "; ")
		}
		if len(e.Plan) > 0 {
			sum += ". Plan: " + stepTitles(e.Plan)
		}
		out = append(out, event{at: e.At, kind: "assessment", episode: e.ID, level: e.Level, summary: sum})
		// The answers and the steps left out follow their assessment, one
		// row each, so the CSV is the whole record as the JSON is.
		for _, a := range answerLines(e.Answers) {
			out = append(out, event{at: e.At, kind: "answer", episode: e.ID, steps: a.id, summary: a.prompt + ": " + a.text})
		}
		for _, w := range e.Withheld {
			out = append(out, event{at: e.At, kind: "left out", episode: e.ID, steps: w.ID, summary: w.Title + ": " + w.Why})
		}
	}
	for _, c := range r.Checkins {
		ev := event{at: c.At, kind: "check-in", episode: c.EpisodeID, level: c.Level, compared: c.Compared,
			steps: strings.Join(c.StepsDone, " "), note: c.Note}
		if c.Pain != nil {
			ev.pain = strconv.Itoa(*c.Pain)
		}
		var advice []string
		for _, a := range c.Advice {
			advice = append(advice, a.Title)
		}
		ev.summary = "Warning signs: " + warningTitles(c.Warnings)
		if len(advice) > 0 {
			ev.summary += ". Advice: " + strings.Join(advice, "; ")
		}
		out = append(out, ev)
	}
	for _, rt := range r.Routines {
		state := "stopped early"
		if rt.Finished {
			state = "finished"
		}
		out = append(out, event{at: rt.At, kind: "routine", episode: rt.EpisodeID, steps: rt.Step,
			summary: fmt.Sprintf("Guided routine %s, %s after %s", rt.Step, state, time.Duration(rt.Seconds)*time.Second)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

func warningTitles(ws []Warning) string {
	if len(ws) == 0 {
		return "none"
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = "[" + w.Level + "] " + w.Title
	}
	return strings.Join(parts, "; ")
}

func stepTitles(ss []Step) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.Title
	}
	return strings.Join(parts, "; ")
}

func exportCSV(w io.Writer, r *Record) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"at", "kind", "episode", "level", "pain", "compared", "steps", "note", "summary"})
	for _, e := range events(r) {
		ep := ""
		if e.episode > 0 {
			ep = strconv.FormatInt(e.episode, 10)
		}
		// Every text cell is guarded: an answer's or a step's words end up in
		// the summary, a step id in steps.
		cw.Write([]string{stamp(e.at), e.kind, ep, csvSafe(e.level), e.pain, csvSafe(e.compared), csvSafe(e.steps), csvNote(e.note), csvSafe(e.summary)})
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe is a cell on one line, without a control character, and kept
// from being read as a formula by a spreadsheet.
func csvSafe(s string) string { return noFormula(textwrap.Safe(s)) }

// csvNote is a note's cell: its line breaks kept, each further line
// indented, so that the CSV shown on a terminal has no line of the note at
// column 0.
func csvNote(s string) string { return noFormula(textwrap.SafeBlock(s, "  ")) }

// noFormula keeps a cell from being read as a formula by a spreadsheet.
func noFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func exportMarkdown(r *Record, exportedAt time.Time) string {
	var b strings.Builder
	b.WriteString("# backtriage diary\n\n")
	b.WriteString("Exported: " + exportedAt.Format("2006-01-02 15:04 (UTC-07:00)") + "\n\n")
	b.WriteString(mdEscape(triage.Disclaimer) + " The causes and advice below are the tool's suggestions, kept as they were given.\n\n")
	if r.Consent != nil {
		b.WriteString("Kept since " + r.Consent.GivenAt.Format("2006-01-02") + ", with consent, in " + mdEscape(r.Path) + ".\n")
	}
	for _, e := range r.Episodes {
		fmt.Fprintf(&b, "\n## Assessment %d: %s\n\n", e.ID, e.At.Format("2006-01-02 15:04"))
		fmt.Fprintf(&b, "- Level: %s\n- Warning signs: %s\n", mdEscape(e.Level), mdEscape(warningTitles(e.Warnings)))
		for _, c := range e.Causes {
			if c.Top {
				fmt.Fprintf(&b, "- Likely cause: %s\n", mdEscape(c.Title))
			}
		}
		for _, s := range e.Plan {
			fmt.Fprintf(&b, "- Plan: %s\n", mdEscape(s.Title))
		}
		for _, s := range e.Withheld {
			fmt.Fprintf(&b, "- Left out: %s (%s)\n", mdEscape(s.Title), mdEscape(s.Why))
		}
		fmt.Fprintf(&b, "- Rule table: %s\n", mdEscape(e.TableVersion))
		if lines := answerLines(e.Answers); len(lines) > 0 {
			b.WriteString("\n### Answers\n\n")
			for _, a := range lines {
				fmt.Fprintf(&b, "- %s (%s): %s\n", mdEscape(a.prompt), mdEscape(a.id), mdEscape(a.text))
			}
		}
	}
	b.WriteString("\n## Timeline\n\n")
	b.WriteString("| when | what | level | pain | compared | steps done | note | summary |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, e := range events(r) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", e.at.Format("2006-01-02 15:04"), e.kind, mdCell(e.level), e.pain,
			mdCell(e.compared), mdCell(e.steps), mdCell(e.note), mdCell(e.summary))
	}
	return b.String()
}

// mdEscape is a value on one line, without a control character
// (textwrap.Safe), that Markdown shows as written.
func mdEscape(s string) string {
	s = strings.Join(strings.Fields(textwrap.Safe(s)), " ")
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "[", `\[`, "]", `\]`).Replace(s)
}

func mdCell(s string) string { return strings.ReplaceAll(mdEscape(s), "|", `\|`) }

// answerLine is one stored answer in words: the question's prompt and the
// options' labels, as the person saw them.
type answerLine struct{ id, prompt, text string }

// answerLines are an episode's answers in the questionnaire's order, each
// with its prompt and the labels of the options chosen. An answer to a
// question this build does not know (a newer or older table) is kept, by
// its id and raw value, after the others.
func answerLines(ans map[string]any) []answerLine {
	var out []answerLine
	seen := map[string]bool{}
	for _, q := range questionnaire.Default().Questions() {
		v, ok := ans[q.ID]
		if !ok {
			continue
		}
		seen[q.ID] = true
		out = append(out, answerLine{id: q.ID, prompt: q.Prompt, text: answerText(q, v)})
	}
	var rest []string
	for id := range ans {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		out = append(out, answerLine{id: id, prompt: id, text: answerText(nil, ans[id])})
	}
	return out
}

// answerText is a stored answer in words: option labels for option ids,
// Yes or No, a number with its unit. Values come as stored (JSON: strings,
// numbers, booleans, lists) or as built in memory.
func answerText(q *questionnaire.Question, v any) string {
	label := func(id string) string {
		if q != nil {
			for _, o := range q.Choices() {
				if o.ID == id {
					return o.Label
				}
			}
		}
		return id
	}
	switch v := v.(type) {
	case string:
		return label(v)
	case bool:
		if v {
			return "Yes"
		}
		return "No"
	case []string:
		parts := make([]string, len(v))
		for i, id := range v {
			parts[i] = label(id)
		}
		return strings.Join(parts, "; ")
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = answerText(q, x)
		}
		return strings.Join(parts, "; ")
	case float64, int, int64, json.Number:
		n := fmt.Sprint(v)
		if q != nil && q.Unit != "" {
			n += " " + q.Unit
		}
		return n
	}
	b, _ := json.Marshal(v)
	return string(b)
}
