package questionlist

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// A mistyped id is refused with the nearest one named.
func TestOfNamesTheNearestID(t *testing.T) {
	_, err := Of([]string{"pain_wher"})
	var u *UnknownID
	if !errors.As(err, &u) || u.Nearest != "pain_where" {
		t.Fatalf("got %v, want an *UnknownID naming pain_where", err)
	}
	if _, err := Of([]string{"zzzzzzzzzz"}); !errors.As(err, &u) || u.Nearest != "" {
		t.Errorf("nothing near: got %v", err)
	}
}

// The JSON lists only the questions named, a number with its range and no
// options.
func TestWriteJSONOnlyTheNamed(t *testing.T) {
	l, err := Of([]string{"age", "pain_where"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := l.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	ids := map[string]map[string]any{}
	for _, q := range got {
		ids[q["id"].(string)] = q
	}
	if len(got) != 2 || ids["age"] == nil || ids["pain_where"] == nil {
		t.Fatalf("got %d questions: %s", len(got), b.String())
	}
	if opts, _ := ids["age"]["options"].([]any); ids["age"]["min"] == nil || len(opts) != 0 {
		t.Errorf("age: %v", ids["age"])
	}
	var text bytes.Buffer
	if err := l.WriteText(&text); err != nil || !strings.Contains(text.String(), "pain_where (") || strings.Contains(text.String(), "duration (") {
		t.Errorf("text: %v\n%s", err, text.String())
	}
}

func TestCompletionsLeaveOutTheGiven(t *testing.T) {
	ids, shorts := Completions([]string{"age"})
	if len(ids) == 0 || len(ids) != len(shorts) {
		t.Fatalf("%d ids, %d titles", len(ids), len(shorts))
	}
	for _, id := range ids {
		if id == "age" {
			t.Error("age offered again")
		}
	}
}
