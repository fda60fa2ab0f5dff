package field

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// The line-by-line mode of every field: the question, how to answer it and
// its numbered options as plain text, then a typed line read by the one
// parser the line modes share (the questionnaire's and the check-in's).

// Printer writes a line of plain text.
type Printer interface{ Println(s string) }

// Prompter is a line-by-line front end: it prints, and reads one line
// after a prompt (ok is false at the end of the input).
type Prompter interface {
	Printer
	Read(prompt string) (line string, ok bool, err error)
}

// Action is what a line-mode question ends with.
type Action int

const (
	// Next: answered, kept, or skipped; go on.
	Next Action = iota
	// Back: "<" was typed, go back a question.
	Back
	// Quit: "q" was typed.
	Quit
)

// AskOptions are what a front end lets a line-mode question do.
type AskOptions struct {
	// CanBack lets "<" go back; otherwise it says this is the first
	// question.
	CanBack bool
	// Ended is returned when the input ends before a required question
	// is answered.
	Ended error
}

// Ask asks f's question line by line until it has a usable answer, is
// kept or skipped (Enter alone), or the person types ?, < or q.
func Ask(f Field, p Prompter, a answers.Answers, o AskOptions) (Action, error) {
	q := f.Question()
	needed := ""
	if answers.Required(q) {
		needed = " (needed)"
	}
	p.Println(q.Prompt + needed)
	f.Describe(p)
	for {
		if v, ok := a[q.ID]; ok && a.Answered(q.ID) {
			p.Println("Current answer: " + answers.Text(q, v) + ". Press Enter to keep it.")
		}
		line, ok, err := p.Read(">")
		if err != nil {
			return Next, err
		}
		if !ok {
			if answers.Required(q) && !a.Answered(q.ID) {
				return Next, o.Ended
			}
			return Next, nil
		}
		cmd := strings.ToLower(line)
		if q.Kind == Text && cmd != "" {
			cmd = "text" // a note is what is typed, even "q"
		}
		switch cmd {
		case "?":
			p.Println("Why we ask: " + q.Why)
			continue
		case "<":
			if o.CanBack {
				return Back, nil
			}
			p.Println("This is the first question.")
			continue
		case "q", "quit":
			return Quit, nil
		case "":
			if answers.Required(q) && !a.Answered(q.ID) {
				p.Println(answers.MissingMessage(q))
				continue
			}
			if !a.Answered(q.ID) {
				// As on the terminal: enter alone never picks an
				// option, and says the question was passed over.
				f.base().skipped = true
				p.Println("Skipped.")
			}
			return Next, nil
		}
		v, err := f.Parse(line)
		if err != nil {
			p.Println(err.Error())
			continue
		}
		f.Set(a, v)
		return Next, nil
	}
}

// Set records v as the answer.
func (b *Base) Set(a answers.Answers, v answers.Value) {
	a[b.q.ID] = v
	b.skipped = false
}

// Parse reads a line as an answer to q, as every line mode does: option
// numbers (or ids or labels; several separated by spaces, commas or
// semicolons), yes or no, or a number. The error is a sentence to show
// before asking again.
func Parse(q *questionnaire.Question, line string) (answers.Value, error) {
	switch q.Kind {
	case questionnaire.Number:
		n, err := answers.ParseNumber(q, line)
		if err != nil {
			return answers.Value{}, Retry(err.Error())
		}
		return answers.Num(n), nil
	case questionnaire.YesNo:
		return parseYesNo(q, line)
	case questionnaire.One:
		id, err := pick(q.Choices(), line)
		if err != nil {
			return answers.Value{}, err
		}
		return answers.Choice(id), nil
	case questionnaire.Many:
		return parseMany(q, line)
	}
	return answers.Value{}, errors.New("this question takes text")
}

// Parse reads a typed line as this question's answer.
func (c *choice) Parse(line string) (answers.Value, error) { return Parse(c.q, line) }

// Parse reads a typed number.
func (n *Number) Parse(line string) (answers.Value, error) { return Parse(n.q, line) }

// Describe says how to choose, and lists the options by number.
func (c *choice) Describe(p Printer) {
	switch c.q.Kind {
	case questionnaire.Many:
		p.Println("Choose any: type the numbers, separated by spaces or commas.")
	case questionnaire.One:
		p.Println("Choose one: type its number.")
	case questionnaire.YesNo:
		p.Println("Type 1 for yes or 2 for no.")
	}
	for i, o := range c.q.Choices() {
		p.Println(fmt.Sprintf("  %d. %s", i+1, o.Label))
	}
}

// Describe gives the range.
func (n *Number) Describe(p Printer) {
	unit := ""
	if n.q.Unit != "" {
		unit = " " + n.q.Unit
	}
	p.Println(fmt.Sprintf("Type a whole number from %d to %d%s.", n.q.Min, n.q.Max, unit))
}

// Retry is a sentence for the person, shown before asking again: unlike an
// ordinary error it is written to be read, capitalised and punctuated.
type Retry string

func (r Retry) Error() string { return string(r) }

// pick reads one option, by its number or its id or label.
func pick(opts []questionnaire.Option, tok string) (string, error) {
	if n, err := strconv.Atoi(tok); err == nil {
		if n < 1 || n > len(opts) {
			return "", Retry(fmt.Sprintf("There is no option %d; type a number from 1 to %d.", n, len(opts)))
		}
		return opts[n-1].ID, nil
	}
	for _, o := range opts {
		if strings.EqualFold(tok, o.ID) || strings.EqualFold(tok, o.Label) {
			return o.ID, nil
		}
	}
	return "", Retry(fmt.Sprintf("%q is not one of the options; type its number, from 1 to %d.", tok, len(opts)))
}

// parseYesNo reads yes or no, in words or by the option's number.
func parseYesNo(q *questionnaire.Question, line string) (answers.Value, error) {
	switch strings.ToLower(line) {
	case "y", "yes":
		return answers.Bool(true), nil
	case "n", "no":
		return answers.Bool(false), nil
	}
	id, err := pick(q.Choices(), line)
	if err != nil {
		return answers.Value{}, Retry("Type 1 (or yes) for yes, 2 (or no) for no.")
	}
	return answers.Choose(q, id), nil
}

// parseMany reads any number of options; an exclusive option must come
// alone.
func parseMany(q *questionnaire.Question, line string) (answers.Value, error) {
	opts := q.Choices()
	var ids []string
	for _, tok := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		id, err := pick(opts, tok)
		if err != nil {
			return answers.Value{}, err
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) > 1 {
		for _, id := range ids {
			if o, _ := q.Option(id); o.Exclusive {
				return answers.Value{}, Retry(fmt.Sprintf("%q cannot be combined with other options; choose it alone.", o.Label))
			}
		}
	}
	v := answers.Value{}
	for _, id := range ids {
		v = answers.Toggle(q, v, id)
	}
	return v, nil
}
