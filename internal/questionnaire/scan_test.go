package questionnaire

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
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

// snapshotHead is a head with questionnaire q (JSON), no follow-up facts
// and dialogs d, or the built-in dialogs when d is "".
func snapshotHead(t *testing.T, q, d string) []byte {
	t.Helper()
	if d == "" {
		b, err := json.Marshal(Dialogs().Records())
		if err != nil {
			t.Fatal(err)
		}
		d = string(b)
	}
	return []byte(`{"questionnaire":` + q + `,"followup_facts":[],"dialogs":` + d + `}`)
}

const oneQuestion = `[["page","p","t","i"],["question","q","yesno","","p","s","w"]]`

func TestFromSnapshotRejectsBadRecords(t *testing.T) {
	if _, err := FromSnapshot(snapshotHead(t, oneQuestion, "")); err != nil {
		t.Fatalf("a good head: %v", err)
	}
	for _, q := range []string{
		`[["question","q","one","","p","s","w"]]`,
		`[["page","p","t","i"],["option","a","A"]]`,
		`[["page","p","t","i"],["question","q","number","","p","s","w"],["range","x","2",""]]`,
		`[["chapter","p"]]`,
		`[[]]`,
		`[["page","p","t","i"],["question","q","one","","p","s","w"],["option","a","A"]]`,
	} {
		if _, err := FromSnapshot(snapshotHead(t, q, "")); err == nil {
			t.Errorf("accepted %s", q)
		}
	}
}

// The dialogs at the head are checked as the loader checks them: each
// known, once, none missing, the path placeholder where a file is named.
func TestFromSnapshotRejectsBadDialogs(t *testing.T) {
	good := Dialogs().Records()
	for name, edit := range map[string]func(rs Records) Records{
		"missing":        func(rs Records) Records { return rs[1:] },
		"twice":          func(rs Records) Records { return append(rs, rs[0]) },
		"unknown id":     func(rs Records) Records { return append(rs, Records{{"dialog", "nap", "Nap?", ""}}...) },
		"empty prompt":   func(rs Records) Records { rs[0] = []string{"dialog", rs[0][1], " ", ""}; return rs },
		"short record":   func(rs Records) Records { rs[0] = rs[0][:3]; return rs },
		"a question":     func(rs Records) Records { rs[0] = []string{"question", "q", "yesno", "", "p", "s", "w"}; return rs },
		"no placeholder": func(rs Records) Records { return withDialog(rs, DialogReplaceFile, "Replace it?", "It exists.") },
		"other braces":   func(rs Records) Records { return withDialog(rs, DialogForgetDiary, "Delete {path} and {file}?", "") },
		"stray path":     func(rs Records) Records { return withDialog(rs, DialogQuit, "Quit {path}?", "") },
	} {
		rs := edit(slices.Clone(good))
		b, err := json.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := FromSnapshot(snapshotHead(t, oneQuestion, string(b))); err == nil || !strings.Contains(err.Error(), DialogsSnapshotKey+": ") {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

// withDialog is rs with id's words replaced.
func withDialog(rs Records, id DialogID, prompt, intro string) Records {
	for i, r := range rs {
		if r[1] == string(id) {
			rs[i] = []string{"dialog", string(id), prompt, intro}
		}
	}
	return rs
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
