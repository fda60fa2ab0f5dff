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

// scanAll is the scanner's records, as readHead gives them to builders.
func scanAll(data []byte, keys ...string) (map[string]Records, error) {
	out := map[string]Records{}
	s := &headScanner{data: data, keys: keys, record: func(key string, spans []int32) error {
		f, err := spanFields(data, string(data), spans, []string{})
		out[key] = append(out[key], f)
		return err
	}}
	return out, s.head()
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
		got, err := scanAll(in, SnapshotKey, FollowupSnapshotKey)
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
		if got, err := scanAll([]byte(in), SnapshotKey, FollowupSnapshotKey); err == nil {
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

// unescape decodes what encoding/json decodes, and refuses what it refuses.
func TestUnescapeAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{
		`plain`, `a\"b`, `c\\d`, `\/`, `\b\f\n\r\t`, `\u00e9`, `\u00E9`, `\u003c\u0026\u003e`,
		`\u2028`, `\ud83d\ude00`, `\ud83d`, `\ud83dx`, `\ude00`, `\ud83d\u0041`, `\ud83d\ud83d\ude00`,
		`\x`, `\u12`, `\u12g4`, `\`, `a\`,
	}
	// And what json.Marshal writes for text with every kind of character.
	for _, s := range []string{"tab\there", "nul\x00", "esc\x1b[0m", "<&>", "\u2029", "😀 é", "\xff bad"} {
		b, _ := json.Marshal(s)
		cases = append(cases, string(b[1:len(b)-1]))
	}
	for _, c := range cases {
		var want string
		wantErr := json.Unmarshal([]byte(`"`+c+`"`), &want)
		got, err := unescape([]byte(c))
		if (err != nil) != (wantErr != nil) || got != want {
			t.Errorf("%s: got %q, %v; encoding/json: %q, %v", c, got, err, want, wantErr)
		}
	}
}
