package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// Help is cobra's, laid out here: every paragraph, command and flag
// wrapped to the terminal (78 columns when the output is not one) at
// spaces only, so that a flag or a web address is never split. fang's
// help, used before, did not wrap item lines and laid out 120 columns
// when not on a terminal.

// setHelp makes cmd's help, and every command's under it, this one.
func setHelp(root *cobra.Command) {
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) {
		writeHelp(cmd.OutOrStdout(), cmd, helpWidth(cmd.OutOrStdout()))
	})
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
}

// helpWidth is the terminal's width, or 78 when w is not a terminal, and
// never less than 40 (below that, lines overflow rather than break words).
func helpWidth(w io.Writer) int {
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
		if width, _, err := term.GetSize(f.Fd()); err == nil && width > 0 {
			return max(min(width-1, 100), 40)
		}
	}
	return textwrap.Width
}

// writeHelp writes cmd's help at width columns.
func writeHelp(w io.Writer, cmd *cobra.Command, width int) {
	var b strings.Builder
	para := func(text, indent string) {
		for _, l := range textwrap.Words(text, width-len(indent)) {
			b.WriteString(indent + l + "\n")
		}
	}
	about := cmd.Long
	if about == "" {
		about = cmd.Short
	}
	for _, p := range strings.Split(strings.TrimSpace(about), "\n\n") {
		para(strings.Join(strings.Fields(p), " "), "")
		b.WriteString("\n")
	}
	b.WriteString("Usage:\n")
	para(cmd.UseLine(), "  ")
	if cmd.HasAvailableSubCommands() {
		para(cmd.CommandPath()+" COMMAND", "  ")
	}
	if ex := strings.TrimSpace(cmd.Example); ex != "" {
		b.WriteString("\nExamples:\n")
		for _, l := range strings.Split(ex, "\n") {
			l = strings.TrimRight(strings.TrimSpace(l), " ")
			if ansi.StringWidth(l)+2 <= width {
				b.WriteString("  " + l + "\n") // as written, its comment aligned
				continue
			}
			// Too wide: wrapped, continuation lines hanging under it.
			hang(&b, "  ", l, "      ", width)
		}
	}
	if cmd.HasAvailableSubCommands() {
		b.WriteString("\nCommands:\n")
		var names, texts []string
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				names, texts = append(names, c.Use), append(texts, c.Short)
			}
		}
		table(&b, names, texts, width)
	}
	if fs := cmd.LocalFlags(); fs.HasAvailableFlags() {
		b.WriteString("\nFlags:\n")
		flagTable(&b, fs, width)
	}
	if fs := cmd.InheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString("\nFlags of every command:\n")
		flagTable(&b, fs, width)
	}
	if cmd.HasAvailableSubCommands() {
		b.WriteString("\n")
		para(fmt.Sprintf("Use \"%s COMMAND --help\" for more about a command.", cmd.CommandPath()), "")
	}
	_, _ = io.WriteString(w, b.String())
}

// flagTable lists flags: "-o, --output" and its description, which names
// the value (FILE, DIR) in words.
func flagTable(b *strings.Builder, fs *pflag.FlagSet, width int) {
	var names, texts []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", " + name
		}
		text := f.Usage
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && !strings.Contains(text, "(default") {
			text += " (default " + f.DefValue + ")"
		}
		names, texts = append(names, name), append(texts, text)
	})
	table(b, names, texts, width)
}

// table writes names and their texts in two columns, each text wrapped
// under itself; a name too long for the column has its text on the next
// line.
func table(b *strings.Builder, names, texts []string, width int) {
	const indent = "    "
	col := 0
	for _, n := range names {
		col = max(col, len(n))
	}
	col = min(col, 24)
	textIndent := strings.Repeat(" ", len(indent)+col+2)
	for i, n := range names {
		lines := textwrap.Words(texts[i], max(width-len(textIndent), 20))
		if len(n) > col {
			b.WriteString(indent + n + "\n")
		} else if len(lines) > 0 {
			b.WriteString(indent + n + strings.Repeat(" ", col-len(n)+2) + lines[0] + "\n")
			lines = lines[1:]
		}
		for _, l := range lines {
			b.WriteString(textIndent + l + "\n")
		}
	}
}

// hang writes text after prefix, its further lines indented by more.
func hang(b *strings.Builder, prefix, text, more string, width int) {
	for i, l := range textwrap.Words(text, width-len(more)) {
		if i == 0 {
			b.WriteString(prefix + l + "\n")
		} else {
			b.WriteString(more + l + "\n")
		}
	}
}
