package software

import (
	"encoding/json"
	"testing"
)

// equalJSON compares two values through their JSON forms and reports the difference; it returns whether they are equal.
func equalJSON(t *testing.T, got, want any) bool {
	t.Helper()
	g, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Errorf("got:\n%s\nwant:\n%s", g, w)
		return false
	}
	return true
}
