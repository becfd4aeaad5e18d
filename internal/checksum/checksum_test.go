package checksum

import "testing"

func TestCrockfordRoundTrip(t *testing.T) {
	for _, n := range []uint64{0, 1, 31, 32, 1<<30 - 1, 123456789} {
		s := EncodeCrockford(n, 6)
		got, ok := DecodeCrockford(s)
		if !ok || got != n {
			t.Errorf("DecodeCrockford(EncodeCrockford(%d)=%q) = %d, %v", n, s, got, ok)
		}
	}
	if _, ok := DecodeCrockford("0u1"); ok {
		t.Error("DecodeCrockford accepted 'u'")
	}
	if got, _ := DecodeCrockford("O-I-L"); got != 0*1024+1*32+1 {
		t.Errorf("DecodeCrockford(O-I-L) = %d, want 33", got)
	}
}

func TestMod97RORIDs(t *testing.T) {
	// Real ROR IDs: CNRS, CERN, IN2P3, CC-IN2P3.
	for _, id := range []string{"02feahw73", "01ggx4157", "03fd77x13", "04dcc3438"} {
		n, ok := DecodeCrockford(id[:7])
		if !ok {
			t.Fatalf("DecodeCrockford(%q) failed", id[:7])
		}
		if got := Mod97(n); got != id[7:] {
			t.Errorf("Mod97 of %s = %s, want %s", id[:7], got, id[7:])
		}
	}
}

func TestMod11_2(t *testing.T) {
	for _, tc := range []struct {
		digits string
		want   byte
	}{
		{"000000021825009", '7'}, // ORCID 0000-0002-1825-0097
		{"000000029079593", 'X'}, // ORCID 0000-0002-9079-593X
		{"000000012103268", '3'}, // ISNI 0000 0001 2103 2683
		{"12a", 0},
	} {
		if got := Mod11_2(tc.digits); got != tc.want {
			t.Errorf("Mod11_2(%q) = %q, want %q", tc.digits, got, tc.want)
		}
	}
}
