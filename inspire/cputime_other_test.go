//go:build !unix

package inspire_test

import "time"

// cpuTime is not measured on this system; the benchmark then reports 0 CPU time.
func cpuTime() time.Duration { return 0 }
