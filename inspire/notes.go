package inspire

import (
	"github.com/dop2i/fairmeta/internal/jsonwalk"
	"github.com/dop2i/fairmeta/internal/loss"
)

// lossReport is the loss report of one record, with the shorthands the reader uses.
type lossReport struct{ loss.Collector }

func (l *lossReport) lost(path string, v jsonwalk.Value, reason string) { l.Lost(path, v, reason) }

func (l *lossReport) lostText(path, value, reason string) { l.Lost(path, loss.Text(value), reason) }

func (l *lossReport) lostEach(path string, v jsonwalk.Value, reason string) {
	l.LostEach(path, v, reason)
}

func idx(path string, i int) string { return loss.Index(path, i) }

func join(path, name string) string { return loss.Join(path, name) }
