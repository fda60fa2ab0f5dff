// Package rules loads and validates backtriage's rule table: sources, causes,
// self-care steps and the rules that link answers to them. Loading is strict
// and reports every problem as file:line:col, like Prometheus' rulefmt.
package rules

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Level is a triage level. Its ids are a public contract.
type Level int

const (
	SelfCare Level = iota
	Soon
	Urgent
	Emergency
)

var levelIDs = [...]string{"self-care", "soon", "urgent", "emergency"}

// LevelIDs lists the level ids from least to most urgent.
func LevelIDs() []string { return levelIDs[:] }

func (l Level) String() string { return levelIDs[l] }

// ParseLevel reads a level id.
func ParseLevel(s string) (Level, bool) {
	for i, id := range levelIDs {
		if id == s {
			return Level(i), true
		}
	}
	return SelfCare, false
}

func (l Level) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

func (l *Level) UnmarshalText(b []byte) error {
	v, ok := ParseLevel(string(b))
	if !ok {
		return fmt.Errorf("unknown level %q; valid: self-care, soon, urgent, emergency", b)
	}
	*l = v
	return nil
}

// Pos is where something was defined.
type Pos struct {
	File string
	Line int
	Col  int
}

// Source is an article or a clinical guideline that rules cite.
type Source struct {
	ID        string `yaml:"id"`
	Kind      string `yaml:"kind"` // article | guideline
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher"`
	URL       string `yaml:"url"`
	// Seed names the article's text in shared/seeds, to check quotes against.
	Seed string `yaml:"seed"`
	// Author is who wrote an article, in words ("Kathryn Merrow, massage
	// therapist"), so a quote is credited to a person, not to "the expert".
	Author string `yaml:"author"`
	// SeenAt is where a guideline's quoted text was read: the page itself or
	// a faithful copy of it. The text is kept in testdata/guidance/<id>.txt.
	SeenAt string `yaml:"seen_at" json:",omitempty"`
	Pos    Pos    `yaml:"-"`
}

// Speaker says in words who said a passage of the source: saidBy is a
// citation's said_by, "author" or the name of a reader who commented.
func (s *Source) Speaker(saidBy string) string {
	switch {
	case saidBy == "":
		return ""
	case saidBy == SaidByAuthor && s.Author != "":
		return s.Author + ", in \"" + s.Title + "\""
	case saidBy == SaidByAuthor:
		return "the author of \"" + s.Title + "\" (not named)"
	default:
		return saidBy + ", a reader, in the comments of \"" + s.Title + "\""
	}
}

// SaidByAuthor is the said_by of a passage the article's author wrote; any
// other said_by is the name of a reader whose comment it is.
const SaidByAuthor = "author"

// Muscle is a muscle involved in a cause: where it sits and where it sends
// pain, as region ids the picture knows.
type Muscle struct {
	Name   string   `yaml:"name"`
	Where  string   `yaml:"where"`
	Sits   []string `yaml:"sits"`
	Refers []string `yaml:"refers"`
}

// Cause is something that can be behind the pain.
type Cause struct {
	ID      string   `yaml:"id"`
	Kind    string   `yaml:"kind"` // muscle | professional
	Title   string   `yaml:"title"`
	About   string   `yaml:"about"`
	Muscles []Muscle `yaml:"muscles"`
	Source  string   `yaml:"source"`
	Quote   string   `yaml:"quote"`
	// SaidBy and Own: see Rule.
	SaidBy string `yaml:"said_by"`
	Own    string `yaml:"own"`
	Pos    Pos    `yaml:"-"`
	// SourceIx is Source resolved to an index into Table.Sources; Ix is the
	// cause's own index in Table.Causes.
	SourceIx int `yaml:"-" json:"-"`
	Ix       int `yaml:"-" json:"-"`
}

// Step is one self-care step.
type Step struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	How     string `yaml:"how"`
	Fits    string `yaml:"fits"`
	Caution string `yaml:"caution"`
	// AvoidWhen leaves the step out of the plan when it holds.
	AvoidWhen *Cond `yaml:"avoid_when"`
	// UnsafeWith lists hazards (see Hazards) under which the step is left
	// out whenever a fired warning sign suspects one of them: pressing on,
	// loading or twisting the back is wrong with a possible fracture, say,
	// whichever question raised it.
	UnsafeWith []string `yaml:"unsafe_with"`
	Order      int      `yaml:"order"`
	// When is when in the day the step is done: tonight, day or week
	// (see StepTimes); the plan is shown grouped by it.
	When   string `yaml:"when" json:",omitempty"`
	Source string `yaml:"source"`
	Quote  string `yaml:"quote"`
	// SaidBy and Own: see Rule.
	SaidBy string `yaml:"said_by"`
	Own    string `yaml:"own"`
	// Routine, when set, is the step as a guided, timed routine
	// (`backtriage guide`).
	Routine *Routine `yaml:"routine" json:",omitempty"`
	Pos     Pos      `yaml:"-"`
	// Ix is the step's index in Table.Steps; SourceIx its source's.
	Ix       int `yaml:"-" json:"-"`
	SourceIx int `yaml:"-" json:"-"`
}

// Rule links a condition over the answers to what it concludes.
type Rule struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	When     *Cond    `yaml:"when"`
	Level    string   `yaml:"level"`
	Action   string   `yaml:"action"`
	Cause    string   `yaml:"cause"`
	Weight   int      `yaml:"weight"`
	Steps    []string `yaml:"steps"`
	SeekHelp string   `yaml:"seek_help"`
	// Suspects lists the hazards (see Hazards) a warning sign raises; steps
	// unsafe with any of them leave the plan when the rule fires.
	Suspects []string `yaml:"suspects"`
	// Replaces lists warning rules, at or below this rule's level, that say
	// less of the same sign: when this rule fires they are not listed, so
	// the warnings read once each (the level cannot drop: this rule's is
	// at least theirs).
	Replaces []string `yaml:"replaces" json:",omitempty"`
	// Broad marks a cause rule whose answer is common to many causes (pain
	// between the shoulder blades, pain on waking): it adds its weight to a
	// cause another, specific rule already points at, and never ranks a
	// cause on its own.
	Broad  bool   `yaml:"broad"`
	Source string `yaml:"source"`
	Quote  string `yaml:"quote"`
	// SaidBy says who said the quote when the source is an article:
	// "author", or the name of the reader whose comment it is.
	SaidBy string `yaml:"said_by"`
	// Own, when set, marks what no source gives (a technique's details, a
	// number) as the tool's own suggestion, and says why.
	Own string `yaml:"own"`
	// GuidanceLevel is the level the cited guidance gives for the quoted
	// sign; Departure says why the rule's own level is lower, and is
	// required whenever it is (see checkGuidanceLevels).
	GuidanceLevel string `yaml:"guidance_level" json:",omitempty"`
	Departure     string `yaml:"departure" json:",omitempty"`
	// ShownBelow hides a seek_help line once the assessment reaches this
	// level: "book a doctor if it lasts six weeks" is wrong beside "call
	// the emergency number now".
	ShownBelow string `yaml:"shown_below" json:",omitempty"`
	Tests      *Tests `yaml:"tests" json:"-"`
	Pos        Pos    `yaml:"-"`

	// References resolved to indexes into the table at load, so the engine
	// never looks anything up by name: CauseIx is -1 without a cause. Ix is
	// the rule's own index in Table.Rules.
	Ix       int   `yaml:"-" json:"-"`
	CauseIx  int   `yaml:"-" json:"-"`
	StepIx   []int `yaml:"-" json:"-"`
	SourceIx int   `yaml:"-" json:"-"`

	level Level // parsed Level; SelfCare when none
	// guidanceLevel and shownBelow parsed; shownBelow is above Emergency
	// (never hidden) when not set.
	guidanceLevel Level
	shownBelow    Level
}

// GuidanceLevelOf is the level the rule's cited guidance gives, and whether
// the rule states one.
func (r *Rule) GuidanceLevelOf() (Level, bool) {
	return r.guidanceLevel, r.GuidanceLevel != ""
}

// ShownAt reports whether the rule's seek_help line fits an assessment at
// level l.
func (r *Rule) ShownAt(l Level) bool { return r.ShownBelow == "" || l < r.shownBelow }

// LevelOf is the rule's triage level; SelfCare for a rule that sets none.
func (r *Rule) LevelOf() Level { return r.level }

// IsWarning reports whether the rule is a warning sign.
func (r *Rule) IsWarning() bool { return r.level > SelfCare }

// Tests are a rule's inline cases: answers that must make it fire, and
// answers that must not.
type Tests struct {
	Fires       []*AnswersNode `yaml:"fires"`
	DoesNotFire []*AnswersNode `yaml:"does_not_fire"`
}

// AnswersNode is an answers mapping inside a rule file, validated like an
// answers file.
type AnswersNode struct {
	Answers answers.Answers
	Pos     Pos
	node    nodeRef
}

// Table is a loaded, validated rule table. It is immutable; share it freely.
type Table struct {
	Sources []*Source
	Causes  []*Cause
	Steps   []*Step
	Rules   []*Rule
	// Followup are the rules that say what a check-in means.
	Followup []*FollowupRule
	Files    []string

	sources map[string]*Source
	causes  map[string]*Cause
	steps   map[string]*Step
	causeIx map[string]int

	// qn and fqn are the questionnaire and the follow-up facts the
	// conditions were compiled against; see questions.go.
	qn, fqn *questionnaire.Questionnaire
	// ownQuestions: the folder carried its questionnaire, questionPages and
	// factPages as written (for the unread-option check).
	ownQuestions             bool
	questionPages, factPages []*QPage
	// dialogs: the dialogs' words; see dialogs.go.
	dialogs *questionnaire.DialogSet
}

// Source looks a source up by id.
func (t *Table) Source(id string) *Source { return t.sources[id] }

// Cause looks a cause up by id.
func (t *Table) Cause(id string) *Cause { return t.causes[id] }

// Step looks a step up by id.
func (t *Table) Step(id string) *Step { return t.steps[id] }

// CauseIndex is the position of a cause in Causes, or -1.
func (t *Table) CauseIndex(id string) int {
	if i, ok := t.causeIx[id]; ok {
		return i
	}
	return -1
}

// hazards are what a warning sign can suspect and a step can be unsafe with.
var hazards = []string{
	"cardiac",   // heart attack
	"vascular",  // aortic dissection or aneurysm
	"clot",      // pulmonary embolism
	"fracture",  // a broken or collapsed vertebra
	"cancer",    // a tumour or metastasis in the spine
	"infection", // spinal infection, sepsis
	"trauma",    // a fall, accident or blow
	"nerve",     // spinal cord or nerve root compression
	"inflammatory",
	"abdominal",   // kidney infection, gallstones: pain felt in the back from an organ
	"skin",        // shingles: a nerve and the skin over it
	"unexplained", // pain that does not fit a muscle and has no other explanation yet
}

// notMuscle names, for each hazard that a doctor must rule out before a
// muscle is blamed, what to rule out. A nerve (a trapped nerve) and
// inflammation of the spine sit beside muscle causes, so they are not here.
var notMuscle = map[string]string{
	"cardiac":     "a heart problem",
	"vascular":    "a problem with the aorta",
	"clot":        "a blood clot",
	"fracture":    "a fracture",
	"cancer":      "cancer",
	"infection":   "an infection",
	"trauma":      "an injury to bone",
	"abdominal":   "a kidney or gallbladder problem",
	"skin":        "shingles",
	"unexplained": "a cause other than a muscle",
}

// RulesOutMuscle says what a doctor must rule out before a muscle is blamed
// when a warning sign suspects hazard h, or "" when h sits beside a muscle
// cause.
func RulesOutMuscle(h string) string { return notMuscle[h] }

// Hazards lists the hazard ids rules may suspect and steps be unsafe with.
func Hazards() []string { return slices.Clone(hazards) }

// Region is a body region causes may name and the picture draws: its id
// (also an option of pain_where), its name in words, and whether it is on
// the front of the body.
type Region struct {
	ID, Name string
	Front    bool
}

// regions are every region, in the order of pain_where.
var regions = []Region{
	{"head", "the head", false},
	{"neck", "the back of the neck", false},
	{"neck_front", "the front and side of the neck", true},
	{"shoulder_top", "the top of the shoulder", false},
	{"shoulder_blades", "the shoulder blades", false},
	{"between_shoulder_blades", "between the shoulder blades", false},
	{"middle_back", "the middle of the back", false},
	{"lower_back", "the lower back", false},
	{"chest", "the chest", true},
	{"under_ribs", "under the ribs", true},
	{"arm_hand", "the arm and hand", false},
}

// Regions lists the body regions.
func Regions() []Region { return slices.Clone(regions) }

// RegionIDs lists the regions' ids.
func RegionIDs() []string {
	ids := make([]string, len(regions))
	for i, r := range regions {
		ids[i] = r.ID
	}
	return ids
}

// IsRegion reports whether id names a region.
func IsRegion(id string) bool {
	return slices.ContainsFunc(regions, func(r Region) bool { return r.ID == id })
}

// RegionName is a region in words ("between the shoulder blades"), or the
// id itself when it names none.
func RegionName(id string) string {
	for _, r := range regions {
		if r.ID == id {
			return r.Name
		}
	}
	return id
}
