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

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
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

// path is the diary file (service.DiaryPath).
func (d *diaryFlags) path() (string, error) { return service.DiaryPath(d.DataDir, os.Getenv) }

// diaryOf is the diary as the flags resolved it (service.Locate): on or
// off, and where. A fault about its folder is shown once a run.
func (o *rootOptions) diaryOf(cmd *cobra.Command) service.Diary {
	d := service.Locate(o.diary.DataDir, o.diary.NoStore, os.Getenv)
	d.TableVersion = o.tableVersion
	d.Notice = func(w string) { o.diary.warn(cmd, errors.New(w)) }
	return d
}

// consentWords is what is shown before asking: what is kept, and where,
// wrapped to the terminal (78 columns when not on one) at spaces, so the
// path stays whole. The words stored with the consent are not wrapped.
func consentWords(words string) string {
	return strings.Join(textwrap.Words(words, helpWidth(os.Stdout)), "\n")
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

// tableVersion names the rule table in use (service.TableVersion).
func (o *rootOptions) tableVersion() string {
	var eng *triage.Engine
	if o.RulesDir != "" {
		eng, _ = o.engine() // "unknown" when it cannot be loaded
	}
	return service.TableVersion(o.RulesDir, eng)
}

// trendLine is the diary's trend for the current episode, for summaries:
// "" when there is none (no diary, no check-ins) or the diary cannot be read.
func (o *rootOptions) trendLine(cmd *cobra.Command, t *rules.Table) string {
	s, err := o.diaryOf(cmd).Open()
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
	return service.TrendLine(rec, t)
}

// saveEpisode keeps a finished assessment when the diary is on: with
// consent given before, with --store (which is consent), or after asking
// when ask is set (on a terminal). It reports what happened on stderr and
// never fails the command.
func (o *rootOptions) saveEpisode(cmd *cobra.Command, as *triage.Assessment, source string, explicit bool, ask service.Ask) {
	d := o.diaryOf(cmd)
	s, err := d.OpenOrAgree(explicit, triage.PolicyFor(as).OfferDiary, ask, o.now())
	if s == nil {
		o.diary.warn(cmd, err)
		return
	}
	defer s.Close()
	eng, err := o.engine()
	if err != nil {
		o.diary.warn(cmd, err)
		return
	}
	// The table's questionnaire: --rules DIR's own, if it has one.
	k, err := d.KeepEpisode(s, service.Episode{Assessment: as, Questionnaire: eng.Questionnaire(), Source: source, At: o.now(), New: explicit})
	if err != nil {
		o.diary.warn(cmd, err)
		return
	}
	fmt.Fprintln(cmd.ErrOrStderr(), k.Message())
	if k.Stored && k.CheckIn {
		o.recurringNote(cmd, s, as)
	}
}

// recurringNote says, after saving an episode, what the follow-up rules make
// of it coming soon after the last one (service.RecurringAfter).
func (o *rootOptions) recurringNote(cmd *cobra.Command, s *diary.Store, as *triage.Assessment) {
	eng, err := o.engine()
	if err != nil {
		return
	}
	found, err := service.RecurringAfter(s, eng.Table(), as)
	o.diary.warn(cmd, err)
	w := cmd.ErrOrStderr()
	for _, r := range found {
		fmt.Fprintf(w, "\n%s%s.\n%s\n", r.Rule.Tag(), r.Rule.Title, r.Rule.Advice)
		for i, c := range r.Elsewhere {
			fmt.Fprintf(w, "  %d. %s\n", i+1, c.Title)
		}
	}
}

// askConsentOnTerminal asks for consent on the terminal: the words first,
// then yes or no. It is used only when input and the prompt's output are a
// terminal; a script never gets a question.
func (o *rootOptions) askConsentOnTerminal(cmd *cobra.Command) service.Ask {
	return func(words string) bool {
		errw := cmd.ErrOrStderr()
		fmt.Fprintln(errw, "\n"+consentWords(words))
		return askYes(cmd.InOrStdin(), errw, "Keep a diary? Type y for yes, anything else for no:")
	}
}
