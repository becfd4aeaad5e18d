//go:build !unix

package datacite_test

import "time"

// cpuTime is not measured on this system; the benchmark then reports wall-clock figures only.
func cpuTime() time.Duration { return 0 }
