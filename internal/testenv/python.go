package testenv

import (
	"os/exec"
	"strings"
	"testing"
)

// Python returns a Python 3 interpreter that can import every module named, skipping the test (failing it under
// CI) when there is none. Debian's /usr/bin/python3 is tried first, since CI installs the modules as Debian packages
// (python3-jsonschema, ...); then python3 on the PATH. hint says how to install the modules.
func Python(tb testing.TB, hint string, modules ...string) string {
	tb.Helper()
	check := "import " + strings.Join(modules, ", ")
	for _, cand := range []string{"/usr/bin/python3", "python3"} {
		p, err := exec.LookPath(cand)
		if err != nil {
			continue
		}
		if exec.Command(p, "-c", check).Run() == nil {
			return p
		}
	}
	missing(tb, "python3 with "+strings.Join(modules, ", "), "no python3 that can import "+strings.Join(modules, ", ")+" ("+hint+")")
	return ""
}
