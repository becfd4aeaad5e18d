package assess

import (
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// FuzzAssess assesses records decoded from arbitrary JSON and renders their reports: whatever the record holds,
// Assess must not panic, must account for every test, and must keep the scores within their bounds.
func FuzzAssess(f *testing.F) {
	for _, r := range []*fair.Resource{fullDataset(), fullSoftware(), minimalRecord(), {}} {
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	f.Add([]byte(`{"identifier":{"value":"swh:1:rev:"},"rights":[{"uri":"https://creativecommons.org/publicdomain/zero/"}],"distributions":[{"contentURL":"%zz"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r fair.Resource
		if json.Unmarshal(data, &r) != nil {
			return
		}
		rep, err := Assess(context.Background(), &r)
		if err != nil {
			t.Fatalf("Assess: %v", err)
		}
		tests := 0
		for _, m := range rep.Metrics {
			if m.Earned < 0 || m.Earned > m.Total {
				t.Fatalf("%s earned %v of %v", m.ID, m.Earned, m.Total)
			}
			tests += len(m.Tests)
		}
		defs, _ := rep.MetricSet.metrics()
		want := 0
		for _, m := range defs {
			want += len(m.tests)
		}
		if tests != want {
			t.Fatalf("%d test results, want %d", tests, want)
		}
		if rep.Overall.Earned > rep.Reachable || rep.Overall.Percent < 0 || rep.Overall.Percent > 100 {
			t.Fatalf("overall %+v, reachable %v", rep.Overall, rep.Reachable)
		}
		if err := rep.WriteText(io.Discard); err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteHTML(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkAssess(b *testing.B) {
	r := fullDataset()
	for b.Loop() {
		if _, err := Assess(context.Background(), r); err != nil {
			b.Fatal(err)
		}
	}
}
