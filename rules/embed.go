// Package ruletable embeds the rule table shipped with backtriage; see
// README.md in this folder for the format. internal/rules loads and validates
// it. The folder keeps the name rules/ (where rule authors look for the
// YAML); the package is named for what it holds, so that it and the loader,
// package rules, never need an import alias.
package ruletable

import "embed"

// FS holds the built-in rule files: the source of truth.
//
//go:embed *.yaml
var FS embed.FS

// Snapshot is the same table validated and compiled to JSON, which loads in
// a fraction of the time YAML takes. Regenerate it after editing the YAML:
//
//	go test ./internal/rules -run TestBuiltinSnapshot -update
//
//go:embed table.json
var Snapshot []byte
