package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCLI runs the command line in-process and returns the exit status and what it wrote.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{strings.NewReader(stdin), &out, &errb})
	return code, out.String(), errb.String()
}

func TestID(t *testing.T) {
	code, out, _ := runCLI(t, "", "id", "doi:10.5281/ZENODO.1234", "https://orcid.org/0000-0002-1825-0097", "https://ror.org/02feahw73",
		"0000 0001 2103 2683", "arXiv:2101.00001v2", "hdl:20.500.12345/abc", "ark:/13030/tf5p30086k", "urn:nbn:de:101:1-201102033592",
		"http://purl.org/dc/terms/", "swh:1:dir:d198bc9d7a6bcf6db04f476d29314f157507d505", "https://cc.in2p3.fr/")
	if code != 0 {
		t.Fatalf("exit %d, want 0; output:\n%s", code, out)
	}
	want := strings.Join([]string{
		"doi:10.5281/ZENODO.1234\tDOI\t10.5281/zenodo.1234\thttps://doi.org/10.5281/zenodo.1234",
		"https://orcid.org/0000-0002-1825-0097\tORCID\t0000-0002-1825-0097\thttps://orcid.org/0000-0002-1825-0097",
		"https://ror.org/02feahw73\tROR\thttps://ror.org/02feahw73\thttps://ror.org/02feahw73",
		"0000 0001 2103 2683\tISNI\t0000000121032683\thttps://isni.org/isni/0000000121032683",
		"arXiv:2101.00001v2\tarXiv\t2101.00001v2\thttps://arxiv.org/abs/2101.00001v2",
		"hdl:20.500.12345/abc\tHandle\t20.500.12345/abc\thttps://hdl.handle.net/20.500.12345/abc",
		"ark:/13030/tf5p30086k\tARK\tark:13030/tf5p30086k\thttps://n2t.net/ark:13030/tf5p30086k",
		"urn:nbn:de:101:1-201102033592\tURN\turn:nbn:de:101:1-201102033592\thttps://nbn-resolving.org/urn:nbn:de:101:1-201102033592",
		"http://purl.org/dc/terms/\tPURL\thttps://purl.org/dc/terms/\thttps://purl.org/dc/terms/",
		"swh:1:dir:d198bc9d7a6bcf6db04f476d29314f157507d505\tSWHID\tswh:1:dir:d198bc9d7a6bcf6db04f476d29314f157507d505\thttps://archive.softwareheritage.org/swh:1:dir:d198bc9d7a6bcf6db04f476d29314f157507d505",
		"https://cc.in2p3.fr/\tURL\thttps://cc.in2p3.fr/\thttps://cc.in2p3.fr/",
	}, "\n") + "\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

func TestIDInvalid(t *testing.T) {
	code, out, _ := runCLI(t, "", "id", "10.1234/ok", "https://ror.org/02feahw74")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "https://ror.org/02feahw74\tinvalid\tROR: has a wrong checksum (74, want 73)\n") {
		t.Errorf("output does not reject the bad ROR ID with its reason:\n%s", out)
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := runCLI(t, ""); code != 2 {
		t.Errorf("no arguments: exit %d, want 2", code)
	}
	if code, _, errs := runCLI(t, "", "nosuch"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "id"); code != 2 {
		t.Errorf("id without values: exit %d, want 2", code)
	}
}
