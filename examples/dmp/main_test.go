package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`1\. maDMP 1\.2: \d+ bytes, 0 errors, 1 warnings`),
		regexp.MustCompile(`2026  cpu\s+1,200,000  1,310,000  109  core-hours  OVERRUN`),
		regexp.MustCompile(`2026  disk\s+450\s+420\s+93  TB\n`),
		regexp.MustCompile(`total  disk\s+800\s+420\s+53  TB`),
		regexp.MustCompile(`3\. 10\.5072/\S+ findable: OutputManagementPlan, 1 creator\(s\), 1 related dataset\(s\); the server holds 1 DOI\(s\)`),
		regexp.MustCompile(`dmp\.dataset\[0\]: FAIR \d+%`),
	} {
		if !want.MatchString(s) {
			t.Errorf("output does not match %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, ": error: ") {
		t.Errorf("the example's plan has errors:\n%s", s)
	}
}
