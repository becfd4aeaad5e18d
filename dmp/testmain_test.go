package dmp

import (
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestMain says, after the tests, how many were skipped for want of the shared data or a tool (testenv.Main).
func TestMain(m *testing.M) { testenv.Main(m) }
