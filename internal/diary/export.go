package diary

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
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
	return export(w, format, recordSource(r), exportedAt)
}

// Export writes the whole diary in a format as Export does, streaming: each
// record is written as it is read from the file, so memory does not grow
// with the diary. What it reads is one state of the file (one read
// transaction), even while another backtriage writes.
func (s *Store) Export(w io.Writer, format string, exportedAt time.Time) error {
	head := Record{Path: s.path}
	if err := s.head(&head); err != nil {
		return err
	}
	return s.snapshot(func(db q) error {
		src := source{
			head: head,
			episodes: func(byTime bool) iter.Seq2[*Episode, error] {
				return rows(s, db, "the episodes", `SELECT `+episodeCols+` FROM episodes ORDER BY `+order(byTime), scanEpisode)
			},
			checkins: func(byTime bool) iter.Seq2[*Checkin, error] {
				return rows(s, db, "the check-ins", `SELECT `+checkinCols+` FROM checkins ORDER BY `+order(byTime), scanCheckin)
			},
			routines: func(byTime bool) iter.Seq2[*Routine, error] {
				return rows(s, db, "the routines", `SELECT `+routineCols+` FROM routines ORDER BY `+order(byTime), scanRoutine)
			},
		}
		return export(w, format, src, exportedAt)
	})
}

// order is the records' order: as stored (by the text of their time, as
// Load reads them), or by the instant, whatever the UTC offset it was
// written with (the timeline's order).
func order(byTime bool) string {
	if byTime {
		return "julianday(at), id"
	}
	return "at, id"
}

// source is what an export reads: the head of the record, and each kind of
// record as a sequence, as stored or by time.
type source struct {
	head     Record // Schema, Path and Consent
	episodes func(byTime bool) iter.Seq2[*Episode, error]
	checkins func(byTime bool) iter.Seq2[*Checkin, error]
	routines func(byTime bool) iter.Seq2[*Routine, error]
}

// recordSource reads a record in memory.
func recordSource(r *Record) source {
	return source{
		head:     Record{Schema: r.Schema, Path: r.Path, Consent: r.Consent},
		episodes: func(byTime bool) iter.Seq2[*Episode, error] { return listed(r.Episodes, byTime, (*Episode).at) },
		checkins: func(byTime bool) iter.Seq2[*Checkin, error] { return listed(r.Checkins, byTime, (*Checkin).at) },
		routines: func(byTime bool) iter.Seq2[*Routine, error] { return listed(r.Routines, byTime, (*Routine).at) },
	}
}

func (e *Episode) at() time.Time { return e.At }
func (c *Checkin) at() time.Time { return c.At }
func (r *Routine) at() time.Time { return r.At }

// listed yields a slice's records, by time when asked (stable: records at
// the same instant keep their order).
func listed[T any](list []T, byTime bool, at func(T) time.Time) iter.Seq2[T, error] {
	if byTime {
		list = slices.Clone(list)
		slices.SortStableFunc(list, func(a, b T) int { return at(a).Compare(at(b)) })
	}
	return func(yield func(T, error) bool) {
		for _, v := range list {
			if !yield(v, nil) {
				return
			}
		}
	}
}

func export(w io.Writer, format string, src source, exportedAt time.Time) error {
	switch strings.ToLower(format) {
	case "json":
		return exportJSON(w, src, exportedAt)
	case "csv":
		return exportCSV(w, src)
	case "markdown", "md":
		return exportMarkdown(w, src, exportedAt)
	}
	return fmt.Errorf("unknown format %q; valid: %s", format, strings.Join(ExportFormats, ", "))
}

// exportJSON writes what json.Encoder with a two-space indent writes for
// the whole record, one record at a time.
func exportJSON(w io.Writer, src source, exportedAt time.Time) error {
	// C1 and bidi characters escaped, as in every JSON output.
	ew := &errWriter{w: textwrap.JSONWriter(w)}
	ew.str("{\n")
	for _, f := range []struct {
		name string
		v    any
	}{{"tool", "backtriage diary"}, {"exported_at", stamp(exportedAt)}, {"schema", src.head.Schema}, {"path", src.head.Path}, {"consent", src.head.Consent}} {
		ew.str(`  "` + f.name + `": `)
		ew.json(f.v, "  ")
		ew.str(",\n")
	}
	if err := jsonList(ew, "episodes", src.episodes(false), false); err != nil {
		return err
	}
	if err := jsonList(ew, "checkins", src.checkins(false), false); err != nil {
		return err
	}
	if err := jsonList(ew, "routines", src.routines(false), true); err != nil {
		return err
	}
	ew.str("}\n")
	return ew.err
}

// jsonList writes one list of the record as it is read.
func jsonList[T any](ew *errWriter, name string, seq iter.Seq2[T, error], last bool) error {
	ew.str(`  "` + name + `": [`)
	n := 0
	for v, err := range seq {
		if err != nil {
			return err
		}
		if n > 0 {
			ew.str(",")
		}
		ew.str("\n    ")
		ew.json(v, "    ")
		if ew.err != nil {
			return ew.err
		}
		n++
	}
	if n > 0 {
		ew.str("\n  ")
	}
	ew.str("]")
	if !last {
		ew.str(",")
	}
	ew.str("\n")
	return ew.err
}

// errWriter keeps the first write error, so a long export checks once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// str and json write, keeping the first error in e.err (checked by the
// callers once a record is written).
func (e *errWriter) str(s string) { _, _ = io.WriteString(e, s) }

func (e *errWriter) json(v any, prefix string) {
	if e.err != nil {
		return
	}
	b, err := json.MarshalIndent(v, prefix, "  ")
	if err != nil {
		e.err = err
		return
	}
	_, _ = e.Write(b)
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

// episodeEvents are an assessment's row, then its answers and the steps
// left out, one row each, so the CSV is the whole record as the JSON is.
func episodeEvents(e *Episode) []event {
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
	out := []event{{at: e.At, kind: "assessment", episode: e.ID, level: e.Level, summary: sum}}
	for _, a := range answerLines(e.Answers) {
		out = append(out, event{at: e.At, kind: "answer", episode: e.ID, steps: a.id, summary: a.prompt + ": " + a.text})
	}
	for _, w := range e.Withheld {
		out = append(out, event{at: e.At, kind: "left out", episode: e.ID, steps: w.ID, summary: w.Title + ": " + w.Why})
	}
	return out
}

func checkinEvents(c *Checkin) []event {
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
	return []event{ev}
}

func routineEvents(rt *Routine) []event {
	state := "stopped early"
	if rt.Finished {
		state = "finished"
	}
	return []event{{at: rt.At, kind: "routine", episode: rt.EpisodeID, steps: rt.Step,
		summary: fmt.Sprintf("Guided routine %s, %s after %s", rt.Step, state, time.Duration(rt.Seconds)*time.Second)}}
}

// eventsOf turns a sequence of records into their events.
func eventsOf[T any](seq iter.Seq2[T, error], of func(T) []event) iter.Seq2[[]event, error] {
	return func(yield func([]event, error) bool) {
		for v, err := range seq {
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(of(v), nil) {
				return
			}
		}
	}
}

// events calls emit with every event of the diary in time order: the
// three kinds, each read in time order, merged as they are read (an
// assessment before a check-in at the same instant, a check-in before a
// routine).
func events(src source, emit func(event) error) error {
	seqs := []iter.Seq2[[]event, error]{
		eventsOf(src.episodes(true), episodeEvents),
		eventsOf(src.checkins(true), checkinEvents),
		eventsOf(src.routines(true), routineEvents),
	}
	type head struct {
		next func() ([]event, error, bool)
		cur  []event
	}
	heads := make([]*head, 0, len(seqs))
	advance := func(h *head) error {
		evs, err, ok := h.next()
		if !ok {
			evs = nil
		}
		h.cur = evs
		return err
	}
	for _, seq := range seqs {
		next, stop := iter.Pull2(seq)
		defer stop()
		h := &head{next: next}
		if err := advance(h); err != nil {
			return err
		}
		heads = append(heads, h)
	}
	for {
		var first *head
		for _, h := range heads {
			if len(h.cur) > 0 && (first == nil || h.cur[0].at.Before(first.cur[0].at)) {
				first = h
			}
		}
		if first == nil {
			return nil
		}
		for _, e := range first.cur {
			if err := emit(e); err != nil {
				return err
			}
		}
		if err := advance(first); err != nil {
			return err
		}
	}
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

func exportCSV(w io.Writer, src source) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"at", "kind", "episode", "level", "pain", "compared", "steps", "note", "summary"})
	err := events(src, func(e event) error {
		ep := ""
		if e.episode > 0 {
			ep = strconv.FormatInt(e.episode, 10)
		}
		// Every text cell is guarded: an answer's or a step's words end up in
		// the summary, a step id in steps.
		return cw.Write([]string{stamp(e.at), e.kind, ep, csvSafe(e.level), e.pain, csvSafe(e.compared), csvSafe(e.steps), csvNote(e.note), csvSafe(e.summary)})
	})
	if err != nil {
		return err
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

func exportMarkdown(w io.Writer, src source, exportedAt time.Time) error {
	// The whole text through the sanitiser as it is written.
	b := &errWriter{w: textwrap.LinesWriter(w)}
	b.str("# backtriage diary\n\n")
	b.str("Exported: " + exportedAt.Format("2006-01-02 15:04 (UTC-07:00)") + "\n\n")
	b.str(mdEscape(triage.Disclaimer) + " The causes and advice below are the tool's suggestions, kept as they were given.\n\n")
	if c := src.head.Consent; c != nil {
		b.str("Kept since " + c.GivenAt.Format("2006-01-02") + ", with consent, in " + mdEscape(src.head.Path) + ".\n")
	}
	for e, err := range src.episodes(false) {
		if err != nil {
			return err
		}
		mdEpisode(b, e)
		if b.err != nil {
			return b.err
		}
	}
	b.str("\n## Timeline\n\n")
	b.str("| when | what | level | pain | compared | steps done | note | summary |\n")
	b.str("|---|---|---|---|---|---|---|---|\n")
	err := events(src, func(e event) error {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", e.at.Format("2006-01-02 15:04"), e.kind, mdCell(e.level), e.pain,
			mdCell(e.compared), mdCell(e.steps), mdCell(e.note), mdCell(e.summary))
		return b.err
	})
	if err != nil {
		return err
	}
	return b.err
}

// mdEpisode is an assessment's section of the Markdown.
func mdEpisode(b io.Writer, e *Episode) {
	fmt.Fprintf(b, "\n## Assessment %d: %s\n\n", e.ID, e.At.Format("2006-01-02 15:04"))
	fmt.Fprintf(b, "- Level: %s\n- Warning signs: %s\n", mdEscape(e.Level), mdEscape(warningTitles(e.Warnings)))
	for _, c := range e.Causes {
		if c.Top {
			fmt.Fprintf(b, "- Likely cause: %s\n", mdEscape(c.Title))
		}
	}
	for _, s := range e.Plan {
		fmt.Fprintf(b, "- Plan: %s\n", mdEscape(s.Title))
	}
	for _, s := range e.Withheld {
		fmt.Fprintf(b, "- Left out: %s (%s)\n", mdEscape(s.Title), mdEscape(s.Why))
	}
	fmt.Fprintf(b, "- Rule table: %s\n", mdEscape(e.TableVersion))
	if lines := answerLines(e.Answers); len(lines) > 0 {
		fmt.Fprint(b, "\n### Answers\n\n")
		for _, a := range lines {
			fmt.Fprintf(b, "- %s (%s): %s\n", mdEscape(a.prompt), mdEscape(a.id), mdEscape(a.text))
		}
	}
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
