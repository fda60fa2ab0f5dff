package vignettes_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/testkit/fuzzguard"
	"github.com/backtriage/backtriage/internal/vignettes"
)

var vignetteLineCol = regexp.MustCompile(`^[1-9][0-9]*:[1-9][0-9]*: `)

// vignetteWholeFile are the only messages allowed without line:col.
var vignetteWholeFile = []string{"file is larger than ", "file is empty;"}

// FuzzParseVignettes feeds arbitrary bytes to the vignette loader. It must
// not panic or hang, every rejection names the file and (unless about the
// whole file) a line:col, and every accepted case is complete.
func FuzzParseVignettes(f *testing.F) {
	eng := builtinEngine(f)
	qn, table := eng.Questionnaire(), eng.Table()
	files, _ := filepath.Glob(filepath.Join(vignettesDir, "*.yaml"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		validCase, ``, `cases: []`, `cases: [~]`, "cases:\n  -\n", `cases: !!str x`, `name: !!seq [a]`,
		"name: a\ndescription: d\nanswers: !!map {age: 40}\nlevel: soon\ntop3: !!str pillow\n",
		"name: a\ndescription: |\n  lit\nanswers: {}\nlevel: self-care\n",
		"cases:\n  - &x {name: a, description: d, answers: {}, level: soon}\n  - *x\n",
		// Deep and wide: nesting past the limit, and very many cases.
		"cases:\n  - answers: " + strings.Repeat("[", 64000) + "\n",
		strings.Repeat("- ", 100) + "x\n",
		strings.Repeat("- name: c\n  description: d\n  answers: {warning_now: [none]}\n  level: self-care\n", 2000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, err := fuzzguard.Call(t, "Parse", data, func() ([]*vignettes.Case, error) {
			return vignettes.Parse("v.yaml", data, qn, table)
		})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				rest, ok := strings.CutPrefix(line, "v.yaml:")
				if !ok {
					t.Fatalf("error line does not start with v.yaml: %q\ninput: %q", line, data)
				}
				rest = strings.TrimPrefix(rest, " ")
				whole := false
				for _, p := range vignetteWholeFile {
					whole = whole || strings.HasPrefix(rest, p)
				}
				if !whole && !vignetteLineCol.MatchString(rest) {
					t.Fatalf("error without line:col: %q\ninput: %q", line, data)
				}
			}
			return
		}
		for _, c := range cases {
			if c == nil || c.Name == "" || c.Description == "" || c.Answers == nil || len(c.Top3) > 3 ||
				c.Pos.Line == 0 {
				t.Fatalf("accepted an incomplete case %+v from %q", c, data)
			}
			for _, id := range c.Top3 {
				if table.Cause(id) == nil {
					t.Fatalf("accepted unknown cause %q", id)
				}
			}
			eng.Assess(c.Answers)
		}
	})
}
