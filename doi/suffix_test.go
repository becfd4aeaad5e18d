package doi

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/checksum"
)

func TestFormatSuffix(t *testing.T) {
	t.Parallel()
	// Worked by hand: n=0 → "000000" + (98 - 0) = "98"; n=1 → "000001" + (98 - 100 mod 97 = 95) = "95";
	// 2^30-1 = "zzzzzz", 1073741823*100 mod 97 = 96 → 02.
	for n, want := range map[uint64]string{0: "0000-0098", 1: "0000-0195", 1<<30 - 1: "zzzz-zz02", 1 << 30: "0000-0098"} {
		if got := FormatSuffix(n); got != want {
			t.Errorf("FormatSuffix(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNewSuffixRoundTrip(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 2000 {
		s := NewSuffix("in2p3.")
		if !strings.HasPrefix(s, "in2p3.") || len(s) != len("in2p3.")+9 || s != strings.ToLower(s) {
			t.Fatalf("NewSuffix = %q, want in2p3.xxxx-xxxx in lower case", s)
		}
		sh, n, err := ParseSuffix(s)
		if err != nil || sh != "in2p3." || FormatSuffix(n) != s[len(sh):] {
			t.Fatalf("ParseSuffix(%q) = %q, %d, %v", s, sh, n, err)
		}
		seen[s] = true
	}
	if len(seen) < 1990 {
		t.Errorf("2000 suffixes have only %d distinct values: not random", len(seen))
	}
}

func TestParseSuffixErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, reason string
		checksum   bool
	}{
		{"abc", "shorter", false},
		{"0000x0098", `no "-"`, false},
		{"00u0-0098", "Crockford", false},
		{"0-00-0098", "Crockford", false},
		{"0000-00x8", "decimal", false},
		{"0000-0097", "check value 97, want 98", true},
		{"zzzz-zz01", "want 02", true},
	}
	for _, tt := range tests {
		err := CheckSuffix(tt.in)
		var se *SuffixError
		if !errors.As(err, &se) || !strings.Contains(se.Reason, tt.reason) {
			t.Errorf("CheckSuffix(%q) = %v, want a *SuffixError with %q", tt.in, err, tt.reason)
		}
		if errors.Is(err, ErrChecksum) != tt.checksum {
			t.Errorf("CheckSuffix(%q): errors.Is(ErrChecksum) = %v, want %v", tt.in, !tt.checksum, tt.checksum)
		}
	}
	// Upper case and Crockford look-alikes read as the generated characters.
	if err := CheckSuffix("ZZZZ-ZZ02"); err != nil {
		t.Errorf("upper case: %v", err)
	}
	if _, n, err := ParseSuffix("oooo-oi95"); err != nil || n != 1 {
		t.Errorf("look-alikes: %d, %v", n, err)
	}
}

func TestNewDOI(t *testing.T) {
	t.Parallel()
	d, err := NewDOI("10.5072", "")
	if err != nil || d.Prefix() != "10.5072" || CheckSuffix(d.Suffix()) != nil {
		t.Errorf("NewDOI = %q, %v", d, err)
	}
	if _, err := NewDOI("11.5072", ""); !errors.Is(err, ErrSyntax) {
		t.Errorf("NewDOI with a bad prefix: %v, want ErrSyntax", err)
	}
}

func FuzzParseSuffix(f *testing.F) {
	for _, s := range []string{"0000-0098", "in2p3.zzzz-zz02", "abc", "ZZZZ-ZZ02", "oooo-oi95", "----x----", "ü000-0098"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, n, err := ParseSuffix(s)
		if err != nil {
			var se *SuffixError
			if !errors.As(err, &se) {
				t.Fatalf("ParseSuffix(%q): error %T is not a *SuffixError", s, err)
			}
			return
		}
		if n >= 1<<30 || !strings.HasPrefix(s, sh) {
			t.Fatalf("ParseSuffix(%q) = %q, %d", s, sh, n)
		}
		if got := FormatSuffix(n); !strings.EqualFold(got[7:], s[len(s)-2:]) || got[7:] != checksum.Mod97(n) {
			t.Fatalf("ParseSuffix(%q) accepted check value %q, want %q", s, s[len(s)-2:], got[7:])
		}
	})
}
