package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// diaryFlags are the flags of the commands that use the private diary, and
// of its clock.
type diaryFlags struct {
	DataDir string
	NoStore bool
	Now     string

	warned map[string]bool // the faults already shown this run
}

// addStore registers --data-dir and --no-store, on the commands that read
// or write the diary.
func (d *diaryFlags) addStore(f *pflag.FlagSet) {
	d.addDataDir(f)
	f.BoolVar(&d.NoStore, "no-store", false, "Store nothing in the diary, and do not ask (also BACKTRIAGE_NO_STORE=1)")
}

// addDataDir registers --data-dir alone, on the commands that only find the
// diary (diary path, forget).
func (d *diaryFlags) addDataDir(f *pflag.FlagSet) {
	f.StringVar(&d.DataDir, "data-dir", "", "Keep the diary in the folder DIR (default $XDG_DATA_HOME/backtriage, or ~/.local/share/backtriage)")
}

// addClock registers --now, on the commands that date what they print or
// store (with --date: rootOptions.addClockFlags).
func (d *diaryFlags) addClock(f *pflag.FlagSet) {
	f.StringVar(&d.Now, "now", "", "The date and time to use, in RFC 3339 such as 2026-11-09T08:00:00+01:00 (also BACKTRIAGE_NOW; for tests and records)")
}

// nowEnv is the environment variable that sets the clock, like --now.
const nowEnv = "BACKTRIAGE_NOW"

// clock is --now, else BACKTRIAGE_NOW; ok is false when neither is set.
func (d *diaryFlags) clock() (time.Time, bool, error) {
	v, from := d.Now, "--now"
	if v == "" {
		v, from = os.Getenv(nowEnv), nowEnv
	}
	if v == "" {
		return time.Time{}, false, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, false, usagef("%s %q: expected a date and time such as 2026-11-09T08:00:00+01:00", from, v)
	}
	return t, true, nil
}

func (d *diaryFlags) check() error {
	_, _, err := d.clock()
	return err
}

// off reports whether storing is turned off, and by what.
func (d *diaryFlags) off() (bool, string) {
	if d.NoStore {
		return true, "--no-store"
	}
	switch strings.ToLower(os.Getenv("BACKTRIAGE_NO_STORE")) {
	case "", "0", "false", "no":
		return false, ""
	}
	return true, "BACKTRIAGE_NO_STORE"
}

// path is the diary file.
func (d *diaryFlags) path() (string, error) {
	if d.DataDir != "" {
		return diary.PathIn(d.DataDir), nil
	}
	dir, err := diary.DefaultDir(os.Getenv)
	if err != nil {
		return "", err
	}
	return diary.PathIn(dir), nil
}

// forSession is the diary as the interactive flow gets it: on or off, and
// where; the flow opens it itself, after its results.
func (d *diaryFlags) forSession(o *rootOptions) session.Diary {
	off, _ := d.off()
	path, err := d.path()
	return session.Diary{Off: off, Path: path, PathErr: err, TableVersion: o.tableVersion}
}

// open opens the diary when storing is on and the person has agreed to it.
// It returns nil without an error when there is nothing to open (storing
// off, no diary, no consent). A fault is returned to be shown; it never
// stops the command's own work.
func (d *diaryFlags) open(cmd *cobra.Command) (*diary.Store, error) {
	if off, _ := d.off(); off {
		return nil, nil
	}
	path, err := d.path()
	if err != nil {
		return nil, err
	}
	s, err := diary.OpenAgreed(path, diary.Options{})
	if s != nil {
		d.warnFolder(cmd, path)
	}
	return s, err
}

// openRead opens the diary the person agreed to for reading only, when
// storing is on: it works where the diary cannot be written. nil without
// an error when there is nothing to read.
func (d *diaryFlags) openRead(cmd *cobra.Command) (*diary.Store, error) {
	if off, _ := d.off(); off {
		return nil, nil
	}
	path, err := d.path()
	if err != nil {
		return nil, err
	}
	s, err := diary.OpenAgreedReadOnly(path, diary.Options{})
	if s == nil || err != nil {
		return nil, err
	}
	d.warnFolder(cmd, path)
	return s, nil
}

// consent creates the diary and records the person's agreement. how says
// how it was given ("asked", "--store", "diary start").
func (d *diaryFlags) consent(cmd *cobra.Command, how string, at time.Time) (*diary.Store, error) {
	path, err := d.path()
	if err != nil {
		return nil, err
	}
	s, err := diary.CreateAgreed(path, how, at, diary.Options{})
	if err != nil {
		return nil, err
	}
	d.warnFolder(cmd, path)
	return s, nil
}

// consentWords is what is shown before asking: what is kept, and where,
// wrapped to the terminal (78 columns when not on one) at spaces, so the
// path stays whole. The words stored with the consent are not wrapped.
func (d *diaryFlags) consentWords() string {
	path, err := d.path()
	if err != nil {
		path = "(no folder: " + err.Error() + ")"
	}
	return strings.Join(textwrap.Words(diary.ConsentText(path), helpWidth(os.Stdout)), "\n")
}

// askYes asks a yes/no question on a line; anything but y or yes is no.
func askYes(in io.Reader, out io.Writer, prompt string) bool {
	fmt.Fprint(out, prompt+" ")
	line, _ := bufio.NewReader(in).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes"
}

// warn shows a diary fault and carries on: the store never blocks the
// assessment or the check-in. A fault met twice in one run (reading the
// trend, then saving) is shown once.
func (d *diaryFlags) warn(cmd *cobra.Command, err error) {
	if err == nil || d.warned[err.Error()] {
		return
	}
	if d.warned == nil {
		d.warned = map[string]bool{}
	}
	d.warned[err.Error()] = true
	fmt.Fprintln(cmd.ErrOrStderr(), "backtriage: "+err.Error())
}

// warnFolder warns, once a run, when others can list the diary's folder.
func (d *diaryFlags) warnFolder(cmd *cobra.Command, path string) {
	if w := diary.FolderWarning(path); w != "" {
		d.warn(cmd, errors.New(w))
	}
}

// tableVersion names the rule table in use: the hash of the built-in
// snapshot (rules/table.json), or of the --rules table's snapshot.
func (o *rootOptions) tableVersion() string {
	if o.RulesDir == "" {
		return diary.TableVersion(backtriage.RuleSnapshot())
	}
	eng, err := o.engine()
	if err != nil {
		return "unknown"
	}
	snap, err := eng.Table().Snapshot(eng.Questionnaire())
	if err != nil {
		return "unknown"
	}
	return "rules-dir " + diary.TableVersion(snap)
}

// trendLine is the diary's trend for the current episode, for summaries:
// "" when there is none (no diary, no check-ins) or the diary cannot be read.
func (o *rootOptions) trendLine(cmd *cobra.Command, t *rules.Table) string {
	s, err := o.diary.open(cmd)
	o.diary.warn(cmd, err)
	if s == nil {
		return ""
	}
	defer s.Close()
	rec, err := s.Recent(false)
	if err != nil {
		o.diary.warn(cmd, err)
		return ""
	}
	st := followup.Current(rec)
	tr := followup.TrendOf(st)
	if tr == nil || st.Episode == nil {
		return ""
	}
	return "Since your assessment on " + st.Episode.At.Format("2006-01-02") + ": " + tr.Line(stepName(t)) + "."
}

// stepName turns a step id into its title.
func stepName(t *rules.Table) func(string) string {
	return func(id string) string {
		if s := t.Step(id); s != nil {
			return s.Title
		}
		return id
	}
}

// saveEpisode stores a finished assessment when the diary is on: with
// consent given before, with --store (which is consent), or after asking
// when ask is set (on a terminal). It reports what happened on stderr and
// never fails the command.
func (o *rootOptions) saveEpisode(cmd *cobra.Command, as *triage.Assessment, source string, explicit bool, ask func() bool) {
	if off, _ := o.diary.off(); off {
		return
	}
	s, err := o.diary.open(cmd)
	if err != nil {
		o.diary.warn(cmd, err)
		return
	}
	if s == nil {
		switch {
		case explicit:
			s, err = o.diary.consent(cmd, "--store on the command line", o.now())
		case !triage.PolicyFor(as).OfferDiary:
			// Nothing is asked beside advice to get help: it stays the
			// last thing on the screen.
			return
		case ask != nil && ask():
			s, err = o.diary.consent(cmd, "asked", o.now())
		default:
			return
		}
		if err != nil {
			o.diary.warn(cmd, err)
			return
		}
	}
	defer s.Close()
	qn, version := questionnaire.Default(), o.tableVersion()
	if o.eng != nil {
		qn = o.eng.Questionnaire() // --rules DIR's own, if it has one
	}
	var id int64
	stored := true
	if explicit {
		// --store records a new episode even with the same answers as the
		// last: the person says the pain is back.
		id, err = diary.SaveEpisode(s, as, qn, version, source, o.now())
	} else {
		id, stored, err = diary.SaveNewEpisode(s, as, qn, version, source, o.now())
	}
	if err != nil {
		o.diary.warn(cmd, err)
		return
	}
	pol := triage.PolicyFor(as)
	switch {
	case !stored && !pol.SuggestCheckin:
		fmt.Fprintf(cmd.ErrOrStderr(), "Already in your diary (assessment %d) in %s.\n", id, s.Path())
		return
	case !stored:
		fmt.Fprintf(cmd.ErrOrStderr(), "Already in your diary (assessment %d: the same answers) in %s. If the pain has come back, record it as a new episode with: backtriage assess --answers FILE --store\n", id, s.Path())
		return
	case !pol.SuggestCheckin:
		// Recorded, but no daily routine suggested over advice to get help.
		fmt.Fprintf(cmd.ErrOrStderr(), "Saved to your diary (assessment %d) in %s.\n", id, s.Path())
		return
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Saved to your diary (assessment %d) in %s. Check in each day with: backtriage checkin\n", id, s.Path())
	o.recurringNote(cmd, s, as)
}

// recurringNote says, after saving an episode, what the follow-up rules make
// of it coming soon after the last one: the cause is likely elsewhere, and
// which causes those are. Below urgent level only: a warning sign is the
// advice otherwise.
func (o *rootOptions) recurringNote(cmd *cobra.Command, s *diary.Store, as *triage.Assessment) {
	if triage.PolicyFor(as).Stop {
		return
	}
	eng, err := o.engine()
	if err != nil {
		return
	}
	rec, err := s.Recent(false)
	if err != nil {
		o.diary.warn(cmd, err)
		return
	}
	st := followup.Current(rec)
	if st.Previous == nil {
		return
	}
	w := cmd.ErrOrStderr()
	for _, r := range eng.Table().FollowupFired(followup.Facts(st, nil, "", st.Episode.At)) {
		if r.Outcome != "elsewhere" {
			continue
		}
		fmt.Fprintf(w, "\n%s%s.\n%s\n", r.Tag(), r.Title, r.Advice)
		for i, c := range followup.Elsewhere(eng.Table(), st.Episode, 3) {
			fmt.Fprintf(w, "  %d. %s\n", i+1, c.Title)
		}
	}
}

// askConsentOnTerminal asks for consent on the terminal: the words first,
// then yes or no. It is used only when input and the prompt's output are a
// terminal; a script never gets a question.
func (o *rootOptions) askConsentOnTerminal(cmd *cobra.Command) func() bool {
	return func() bool {
		errw := cmd.ErrOrStderr()
		fmt.Fprintln(errw, "\n"+o.diary.consentWords())
		return askYes(cmd.InOrStdin(), errw, "Keep a diary? Type y for yes, anything else for no:")
	}
}
