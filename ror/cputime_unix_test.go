//go:build unix

package ror_test

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time the process has used, to report how much work a benchmark is when
// the machine is shared and wall-clock times say more about the neighbours than about the code.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
