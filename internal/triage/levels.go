package triage

import (
	"strings"

	"github.com/backtriage/backtriage/internal/rules"
)

// LevelInfo is how a level is shown: a headline and what to do now. The
// wording is the same in the terminal and every export.
type LevelInfo struct {
	Headline string
	Do       string
}

var levelInfo = map[rules.Level]LevelInfo{
	rules.Emergency: {
		Headline: "Emergency: call for help now",
		Do: "Call your local emergency number now (999 in the UK, 112 in Europe, 911 in the US and Canada). " +
			"Do not drive yourself and do not wait to see if it passes. Self-care can wait.",
	},
	rules.Urgent: {
		Headline: "Urgent: see a doctor today",
		Do: "Contact a doctor today: ask your practice for an urgent appointment, or call a non-emergency medical " +
			"line (111 in the UK). If it gets worse, or you feel very unwell, call emergency services.",
	},
	rules.Soon: {
		Headline: "Soon: book a doctor or physiotherapist",
		Do: "Book an appointment with a doctor or physiotherapist in the next few days. " +
			"The self-care plan below can help in the meantime.",
	},
	rules.SelfCare: {
		Headline: "Self-care: start with the plan below",
		Do: "Nothing in your answers needs a doctor now. Start with the self-care plan, and get help if anything under " +
			"\"When to get help\" happens or the pain is no better after 1 to 2 weeks.",
	},
}

// Info describes a level.
func Info(l rules.Level) LevelInfo { return levelInfo[l] }

// Disclaimer is said once, where it matters: at the top of every summary and
// on the welcome screen.
const Disclaimer = "This suggests; it does not diagnose. It is not a substitute for a doctor, " +
	"physiotherapist or other professional who can examine you."

// HeldAtEmergency is why an emergency assessment has no causes and no
// self-care plan.
const HeldAtEmergency = "Likely causes and self-care are not shown at emergency level: " +
	"get help now. A doctor will look for the cause."

// heldNotMuscle is why an urgent assessment for a cause that is not a
// muscle has no causes and no self-care plan; what lists what a doctor must
// rule out, in the order the warning signs gave them.
func heldNotMuscle(what []string) string {
	list := what[0]
	if n := len(what); n > 1 {
		list = strings.Join(what[:n-1], ", ") + " or " + what[n-1]
	}
	return "Muscle causes and self-care are not shown: a doctor needs to rule out " + list +
		" first. Tell them what you answered here; self-care can start once they have seen you."
}

// ForWhileYouWait opens the self-care plan at urgent level: it is for the
// hours until the person is seen, never instead of being seen.
const ForWhileYouWait = "For while you wait to be seen today, never instead of it:"

// AnyTime is the last line of "when to get help" at every level, in every
// front end: at emergency level what to do if it gets worse while waiting;
// otherwise that the person never needs the tool's leave to see a doctor.
func AnyTime(l rules.Level) string {
	if l == rules.Emergency {
		return "If anything gets worse while you wait, or you are alone and feel worse, call your local emergency number again."
	}
	return "Any time you are worried, or the pain is severe or getting worse: see a doctor. You never need a reason from this tool to get help."
}
