package testrules

import "testing"

func TestLoads(t *testing.T) {
	if _, err := Engine(); err != nil {
		t.Fatal(err)
	}
}
