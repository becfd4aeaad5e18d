package fair_test

import (
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/pidtable"
)

// TestDetectPIDRealTable checks DetectPID on the table of real identifiers written the ways people paste them.
func TestDetectPIDRealTable(t *testing.T) {
	if len(pidtable.Table) < 100 {
		t.Fatalf("the table holds %d identifiers, want at least 100", len(pidtable.Table))
	}
	pass := 0
	for _, c := range pidtable.Table {
		got, err := fair.DetectPID(c.In)
		switch {
		case err != nil:
			t.Errorf("DetectPID(%q): %v, want %s %s", c.In, err, c.Scheme, c.Value)
		case string(got.Scheme) != c.Scheme || got.Value != c.Value:
			t.Errorf("DetectPID(%q) = %s %s, want %s %s", c.In, got.Scheme, got.Value, c.Scheme, c.Value)
		default:
			pass++
		}
	}
	t.Logf("%d of %d identifiers right", pass, len(pidtable.Table))
}
