package field

import "strings"

// The line modes' yes/no dialogs (keep a diary, replace a file, delete the
// diary) are answered one way everywhere: y or yes is yes, and anything
// else, Enter alone too, is no, so that a slip never says yes.

const yesNoHint = "Type y for yes, anything else for no:"

// YesNoPrompt is a dialog's question as a line mode asks it: the words,
// then how to answer.
func YesNoPrompt(question string) string { return question + " " + yesNoHint }

// IsYes reports whether a line typed after a YesNoPrompt says yes.
func IsYes(line string) bool {
	line = strings.TrimSpace(line)
	return strings.EqualFold(line, "y") || strings.EqualFold(line, "yes")
}

// AskYes asks question as a YesNoPrompt on p; ok is false at the end of
// the input (and yes then false).
func AskYes(p Prompter, question string) (yes, ok bool, err error) {
	line, ok, err := p.Read(YesNoPrompt(question))
	return ok && err == nil && IsYes(line), ok, err
}
