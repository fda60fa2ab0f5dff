package rules_test

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

var update = flag.Bool("update", false, "rewrite rules/table.json from the YAML")

// The snapshot that starts up must be exactly the YAML table, compiled.
//
// It reads the YAML alone (no fallback questionnaire), so that it can
// rebuild a snapshot that is stale or broken: questionnaire.Default reads
// the snapshot.
func TestBuiltinSnapshot(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := tbl.Snapshot(tbl.Questionnaire())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("../../rules/table.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(backtriage.RuleSnapshot(), want) {
		t.Fatal("rules/table.json is out of date with rules/*.yaml; run: go generate ./...")
	}
	qn := questionnaire.Default()
	if !reflect.DeepEqual(qn.Records(), tbl.Questionnaire().Records()) {
		t.Fatal("questionnaire.Default differs from rules/questions.yaml")
	}
	if !reflect.DeepEqual(questionnaire.Dialogs().Records(), tbl.Dialogs().Records()) {
		t.Fatal("questionnaire.Dialogs differs from rules/questions.yaml")
	}
	loaded, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), qn)
	if err != nil {
		t.Fatal(err)
	}
	again, err := loaded.Snapshot(qn)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, want) {
		t.Fatal("the snapshot does not survive a round trip")
	}
}

func TestSnapshotRejectsStaleIDs(t *testing.T) {
	qn := questionnaire.Default()
	bad := bytes.Replace(backtriage.RuleSnapshot(), []byte(`"q": "sleep_neck"`), []byte(`"q": "sleep_neck_old"`), 1)
	if bytes.Equal(bad, backtriage.RuleSnapshot()) {
		t.Skip("no sleep_neck condition in the snapshot")
	}
	if _, err := rules.LoadSnapshot(bad, qn); err == nil {
		t.Fatal("a snapshot naming an unknown question loaded")
	}
}

// BenchmarkLoadBuiltin is what start-up pays: the embedded snapshot.
func BenchmarkLoadBuiltin(b *testing.B) {
	qn := questionnaire.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), qn); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSnapshotRejectsMalformed(t *testing.T) {
	qn := questionnaire.Default()
	for _, in := range []string{`{}`, `{"rules":[null]}`, `{"steps":[{}]}`, `{"rules":[{"ID":"x"}]}`, `not json`, `{"rules":[{"ID":"x","when":{"op":"has","q":"nope"}}]}`} {
		if _, err := rules.LoadSnapshot([]byte(in), qn); err == nil {
			t.Errorf("accepted %s", in)
		}
	}
}
