// Package rules embeds the rule table shipped with backtriage; see README.md
// in this folder for the format. internal/rules loads and validates it.
package rules

import "embed"

// FS holds the built-in rule files.
//
//go:embed *.yaml
var FS embed.FS
