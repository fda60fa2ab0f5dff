package field

import "testing"

// asked records the prompts read after.
type asked struct {
	script
	prompts []string
}

func (a *asked) Read(prompt string) (string, bool, error) {
	a.prompts = append(a.prompts, prompt)
	return a.script.Read(prompt)
}

// A yes/no dialog in a line mode: the question then one hint; only y or
// yes is yes, and the end of the input is no.
func TestAskYes(t *testing.T) {
	p := &asked{script: script{lines: []string{" Yes ", "y", "n", "", "yep"}}}
	for i, want := range []bool{true, true, false, false, false} {
		yes, ok, err := AskYes(p, "Keep it?")
		if yes != want || !ok || err != nil {
			t.Errorf("answer %d: yes %v, ok %v, err %v; want yes %v", i+1, yes, ok, err, want)
		}
	}
	if yes, ok, _ := AskYes(p, "Keep it?"); yes || ok {
		t.Errorf("at the end of the input: yes %v, ok %v", yes, ok)
	}
	if p.prompts[0] != "Keep it? Type y for yes, anything else for no:" {
		t.Errorf("prompt %q", p.prompts[0])
	}
}
