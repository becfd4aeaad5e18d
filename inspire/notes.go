package inspire

import (
	"strconv"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// loss collects the notes of one record. Facts that repeat in every author or reference (INSPIRE's signature
// blocks, uuids, raw reference texts) are reported once per kind with a count, under a path with "[*]", so that the
// report of a 3,000-author paper stays readable and cheap; everything else gets its own note.
type loss struct {
	notes fair.Notes
	agg   map[aggKey]int // pattern and reason -> index in notes
	count []int          // per note: how many values it stands for (0 for a single note)
}

// lost reports the value at path.
func (l *loss) lost(path string, v jsonwalk.Value, reason string) {
	l.notes.Add(path, v.Short(), reason)
	l.count = append(l.count, 0)
}

// lostText reports a value given as text.
func (l *loss) lostText(path, value, reason string) {
	l.notes.Add(path, value, reason)
	l.count = append(l.count, 0)
}

// lostEach reports one more value of a kind that repeats: the first value is shown, the others counted.
func (l *loss) lostEach(pattern string, v jsonwalk.Value, reason string) {
	key := aggKey{pattern, reason}
	if i, ok := l.agg[key]; ok {
		l.count[i]++
		return
	}
	if l.agg == nil {
		l.agg = map[aggKey]int{}
	}
	l.agg[key] = len(l.notes)
	l.notes.Add(pattern, v.Short(), reason)
	l.count = append(l.count, 1)
}

// result returns the notes, with the counts of repeated kinds in their values.
func (l *loss) result() fair.Notes {
	for i, n := range l.count {
		if n > 1 {
			l.notes[i].Value += " (and " + strconv.Itoa(n-1) + " more)"
		}
	}
	return l.notes
}

type aggKey struct{ pattern, reason string }

func idx(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
