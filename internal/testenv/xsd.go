package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// DataCiteXSD validates XML files against the DataCite 4.7 XSD of the shared data with xmllint, all in one run, and
// returns xmllint's complaints about each file: an empty string for a file that validates, the lines xmllint printed
// about it otherwise (a file it could not parse gets "no validation verdict"). It skips the test (fails it under CI)
// when xmllint or the XSD is missing.
func DataCiteXSD(tb testing.TB, files ...string) map[string]string {
	tb.Helper()
	tool := Tool(tb, "xmllint", "apt-get install libxml2-utils")
	xsd := SharedData(tb, "datacite", "xsd", "kernel-4.7", "metadata.xsd")
	out, _ := exec.Command(tool, append([]string{"--noout", "--schema", xsd}, files...)...).CombinedOutput()
	return verdicts(string(out), files)
}

// verdicts reads xmllint's output about files: "" for a file that validates, its complaints otherwise.
func verdicts(out string, files []string) map[string]string {
	complaints := map[string][]string{}
	valid := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if line == "" {
			continue
		}
		if f, ok := strings.CutSuffix(line, " validates"); ok {
			valid[f] = true
			continue
		}
		for _, f := range files {
			if strings.HasPrefix(line, f+":") || line == f+" fails to validate" {
				complaints[f] = append(complaints[f], line)
				break
			}
		}
	}
	verdict := make(map[string]string, len(files))
	for _, f := range files {
		switch {
		case valid[f]:
			verdict[f] = ""
		case len(complaints[f]) > 0:
			verdict[f] = strings.Join(complaints[f], "\n")
		default:
			verdict[f] = f + ": no validation verdict from xmllint"
		}
	}
	return verdict
}

// HALAOfrXSD validates XML files against HAL's AOfr deposit schema of the shared data with xmllint (through the
// schema folder's XML catalog, so that nothing is fetched), all in one run, and returns xmllint's complaints about
// each file as DataCiteXSD does. It skips the test (fails it under CI) when xmllint or the schema is missing.
func HALAOfrXSD(tb testing.TB, files ...string) map[string]string {
	tb.Helper()
	tool := Tool(tb, "xmllint", "apt-get install libxml2-utils")
	xsd := SharedData(tb, "publications", "hal", "schema", "aofr.xsd")
	catalog := SharedData(tb, "publications", "hal", "schema", "catalog.xml")
	cmd := exec.Command(tool, append([]string{"--noout", "--nonet", "--schema", xsd}, files...)...)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+catalog)
	out, _ := cmd.CombinedOutput()
	return verdicts(string(out), files)
}
