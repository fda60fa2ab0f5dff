package report

import (
	"encoding/json"
	"strings"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// SchemaVersion is the version of the JSON below. It changes only with a
// migration note in docs/contracts.md.
const SchemaVersion = 1

// jsonReport is the JSON of `backtriage assess`: a public contract.
type jsonReport struct {
	Schema     int            `json:"schema"`
	Tool       string         `json:"tool"`
	Version    string         `json:"version,omitempty"`
	Date       string         `json:"date"`
	Disclaimer string         `json:"disclaimer"`
	Level      rules.Level    `json:"level"`
	Headline   string         `json:"headline"`
	DoNow      string         `json:"do_now"`
	Warnings   []jsonWarning  `json:"warnings"`
	Causes     []jsonCause    `json:"causes"`
	SelfCare   []jsonStep     `json:"selfcare"`
	Withheld   []jsonWithheld `json:"withheld"`
	// Held says why causes and selfcare are empty (at emergency level);
	// left out otherwise. An addition to schema 1.
	Held       string         `json:"held,omitempty"`
	SeekHelp   []string       `json:"seek_help"`
	Sources    []jsonSource   `json:"sources"`
	Answers    map[string]any `json:"answers"`
	Unanswered []string       `json:"unanswered"`
	// Handover is what a clinician reads first (an addition to schema 1).
	Handover []HandoverLine `json:"handover"`
}

type jsonFact struct {
	Question string   `json:"question"`
	Options  []string `json:"options,omitempty"`
	Text     string   `json:"text"`
}

type jsonWarning struct {
	Rule    string      `json:"rule"`
	Title   string      `json:"title"`
	Level   rules.Level `json:"level"`
	Action  string      `json:"action"`
	Because []jsonFact  `json:"because"`
}

type jsonReason struct {
	Rule    string     `json:"rule"`
	Title   string     `json:"title"`
	Weight  int        `json:"weight"`
	Broad   bool       `json:"broad,omitempty"`
	Answers []jsonFact `json:"answers"`
}

type jsonMuscle struct {
	Name   string   `json:"name"`
	Where  string   `json:"where"`
	Sits   []string `json:"sits"`
	Refers []string `json:"refers"`
}

type jsonCause struct {
	Rank    int          `json:"rank"`
	ID      string       `json:"id"`
	Title   string       `json:"title"`
	Kind    string       `json:"kind"`
	Score   int          `json:"score"`
	Top     bool         `json:"top"`
	About   string       `json:"about"`
	Muscles []jsonMuscle `json:"muscles"`
	Because []jsonReason `json:"because"`
}

type jsonStep struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	How     string   `json:"how"`
	Fits    string   `json:"fits,omitempty"`
	Caution string   `json:"caution,omitempty"`
	Own     string   `json:"own,omitempty"`
	For     []string `json:"for"`
}

type jsonWithheld struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Why   string `json:"why"`
}

type jsonQuote struct {
	Text    string `json:"text"`
	CitedBy string `json:"cited_by"`
	SaidBy  string `json:"said_by,omitempty"`
	Own     string `json:"own,omitempty"`
}

type jsonSource struct {
	ID        string      `json:"id"`
	Kind      string      `json:"kind"`
	Title     string      `json:"title"`
	Publisher string      `json:"publisher,omitempty"`
	URL       string      `json:"url,omitempty"`
	Quotes    []jsonQuote `json:"quotes"`
}

func facts(fs []triage.Fact) []jsonFact {
	out := make([]jsonFact, len(fs))
	for i, f := range fs {
		out[i] = jsonFact{Question: f.Question.ID, Options: f.Options, Text: f.Text}
	}
	return out
}

func renderJSON(as *triage.Assessment, m Meta) ([]byte, error) {
	info := triage.Info(as.Level)
	r := jsonReport{
		Schema: SchemaVersion, Tool: "backtriage", Version: m.Version,
		Date: m.Date.Format("2006-01-02"), Disclaimer: triage.Disclaimer,
		Level: as.Level, Headline: info.Headline, DoNow: info.Do,
		Warnings: []jsonWarning{}, Causes: []jsonCause{}, SelfCare: []jsonStep{},
		Withheld: []jsonWithheld{}, SeekHelp: []string{}, Sources: []jsonSource{},
		Answers: map[string]any{}, Unanswered: []string{}, Held: as.Held,
	}
	for _, w := range as.Warnings {
		r.Warnings = append(r.Warnings, jsonWarning{Rule: w.Rule.ID, Title: w.Rule.Title, Level: w.Level, Action: w.Rule.Action, Because: facts(w.Because)})
	}
	for i, c := range as.Causes {
		jc := jsonCause{Rank: i + 1, ID: c.Cause.ID, Title: c.Cause.Title, Kind: c.Cause.Kind, Score: c.Score, Top: c.Top,
			About: strings.TrimSpace(c.Cause.About), Muscles: []jsonMuscle{}}
		for _, mu := range c.Cause.Muscles {
			jc.Muscles = append(jc.Muscles, jsonMuscle{Name: mu.Name, Where: mu.Where, Sits: nonNil(mu.Sits), Refers: nonNil(mu.Refers)})
		}
		for _, rs := range c.Reasons {
			jc.Because = append(jc.Because, jsonReason{Rule: rs.Rule.ID, Title: rs.Rule.Title, Weight: rs.Rule.Weight, Broad: rs.Rule.Broad, Answers: facts(rs.Because)})
		}
		r.Causes = append(r.Causes, jc)
	}
	for _, p := range as.Plan {
		js := jsonStep{ID: p.Step.ID, Title: p.Step.Title, How: strings.TrimSpace(p.Step.How), Fits: p.Step.Fits, Caution: p.Step.Caution, Own: p.Step.Own, For: []string{}}
		for _, c := range p.For {
			js.For = append(js.For, c.ID)
		}
		r.SelfCare = append(r.SelfCare, js)
	}
	for _, w := range as.Withheld {
		r.Withheld = append(r.Withheld, jsonWithheld{ID: w.Step.ID, Title: w.Step.Title, Why: w.Why})
	}
	for _, h := range as.SeekHelp {
		r.SeekHelp = append(r.SeekHelp, h.Text)
	}
	for _, s := range as.Sources {
		js := jsonSource{ID: s.Source.ID, Kind: s.Source.Kind, Title: s.Source.Title, Publisher: s.Source.Publisher, URL: s.Source.URL}
		for _, q := range s.Quotes {
			js.Quotes = append(js.Quotes, jsonQuote{Text: strings.TrimSpace(q.Text), CitedBy: q.By(), SaidBy: s.Source.Speaker(q.SaidBy), Own: q.Own})
		}
		r.Sources = append(r.Sources, js)
	}
	for _, q := range m.Questionnaire.Questions() {
		if v, ok := as.Answers[q.ID]; ok {
			r.Answers[q.ID] = answers.JSONValue(q, v)
		}
	}
	for _, q := range as.Unanswered {
		r.Unanswered = append(r.Unanswered, q.ID)
	}
	r.Handover = Handover(as, m.Questionnaire, m.Trend)
	out, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	// C1 and bidi characters escaped, as in every JSON output.
	return append(textwrap.EscapeJSON(out), '\n'), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
