package questionnaire

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/backtriage/backtriage"
)

// viaJSON reads the same head with encoding/json, for comparison.
func viaJSON(t *testing.T, data []byte) map[string]Records {
	t.Helper()
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	out := map[string]Records{}
	for _, k := range []string{SnapshotKey, FollowupSnapshotKey} {
		var rs Records
		if err := json.Unmarshal(all[k], &rs); err != nil {
			t.Fatal(err)
		}
		out[k] = rs
	}
	return out
}

// The fast reader reads what encoding/json reads: on the built-in snapshot,
// and on strings with escapes, empty lists and other spacing.
func TestReadHeadAgreesWithEncodingJSON(t *testing.T) {
	inputs := [][]byte{
		backtriage.RuleSnapshot(),
		[]byte(`{"questionnaire":[["a\"b","c\\d","\u00e9\n","<&>","\ud83d\ude00"],[]],"followup_facts":[],"sources":[1,2]}`),
		[]byte("{ \"followup_facts\" : [ [ \"x\" ] ] ,\n\t\"questionnaire\" : [ ] }"),
	}
	for _, in := range inputs {
		got, err := readHead(in, SnapshotKey, FollowupSnapshotKey)
		if err != nil {
			t.Fatalf("%.60s: %v", in, err)
		}
		want := viaJSON(t, in)
		for k, rs := range want {
			if len(rs) == 0 && len(got[k]) == 0 {
				continue
			}
			if !reflect.DeepEqual(got[k], rs) {
				t.Errorf("%.60s: %s:\n got %q\nwant %q", in, k, got[k], rs)
			}
		}
	}
}

func TestReadHeadRejectsWhatItDoesNotKnow(t *testing.T) {
	for _, in := range []string{
		``, `[]`, `{`, `{"sources":[]}`, `{"questionnaire":[["a"]]}`,
		`{"questionnaire":[["a"]],"questionnaire":[]}`,
		`{"questionnaire":[["a",]],"followup_facts":[]}`,
		`{"questionnaire":[["a" "b"]],"followup_facts":[]}`,
		`{"questionnaire":[[1]],"followup_facts":[]}`,
		`{"questionnaire":[["unterminated]],"followup_facts":[]}`,
		`{"questionnaire":[["a\`,
		`{"questionnaire":[["\x"]],"followup_facts":[]}`,
		`{"questionnaire":{},"followup_facts":[]}`,
	} {
		if got, err := readHead([]byte(in), SnapshotKey, FollowupSnapshotKey); err == nil {
			t.Errorf("accepted %s: %q", in, got)
		}
	}
}

func TestFromSnapshotRejectsBadRecords(t *testing.T) {
	for _, in := range []string{
		`{"questionnaire":[["question","q","one","","p","s","w"]],"followup_facts":[]}`,
		`{"questionnaire":[["page","p","t","i"],["option","a","A"]],"followup_facts":[]}`,
		`{"questionnaire":[["page","p","t","i"],["question","q","number","","p","s","w"],["range","x","2",""]],"followup_facts":[]}`,
		`{"questionnaire":[["chapter","p"]],"followup_facts":[]}`,
		`{"questionnaire":[[]],"followup_facts":[]}`,
		`{"questionnaire":[["page","p","t","i"],["question","q","one","","p","s","w"],["option","a","A"]],"followup_facts":[]}`,
	} {
		if _, _, err := FromSnapshot([]byte(in)); err == nil {
			t.Errorf("accepted %s", in)
		}
	}
}
