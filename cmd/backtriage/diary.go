package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// diaryFlags are the flags of the commands that use the private diary, and
// of its clock.
type diaryFlags struct {
	DataDir string
	NoStore bool
	Now     string
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
	return service.Yes(line)
}

// askConsentOnTerminal asks for consent on the terminal: the words first,
// then yes or no. It is used only when input and the prompt's output are a
// terminal; a script never gets a question.
func askConsentOnTerminal(cmd *cobra.Command) service.Ask {
	return func(words string) bool {
		errw := cmd.ErrOrStderr()
		fmt.Fprintln(errw, "\n"+consentWords(words))
		return askYes(cmd.InOrStdin(), errw, service.KeepDiaryPrompt())
	}
}
