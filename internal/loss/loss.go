// Package loss collects the loss report (fair.Notes) of the publication readers: a note per value the record has
// no place for, and, for facts that repeat in every author or reference of a long list (INSPIRE's signature
// blocks, Crossref's asserted-by flags), one note per kind with a count, so that the report of a 3,000-author
// paper stays readable and cheap.
package loss

import (
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Shower is a value that can show itself shortly in a note.
type Shower interface{ Short() string }

// Text is a Shower of a plain string.
type Text string

// Short returns the text, cut to 80 bytes.
func (t Text) Short() string {
	if len(t) <= 80 {
		return string(t)
	}
	n := 80
	for n > 0 && t[n]&0xC0 == 0x80 {
		n--
	}
	return string(t[:n]) + "…"
}

// Collector gathers the notes of one record. Its zero value is ready; it is not safe for concurrent use.
type Collector struct {
	notes fair.Notes
	agg   map[key]int
	count []int
}

type key struct{ pattern, reason string }

// Lost reports the value at path.
func (c *Collector) Lost(path string, v Shower, reason string) {
	c.notes.Add(path, v.Short(), reason)
	c.count = append(c.count, 0)
}

// LostEach reports one more value of a kind that repeats, at path ("authors[12].uuid"): values whose paths differ
// only by their indexes ("authors[*].uuid") and that have the same reason are one kind. The first value is shown,
// at its own path, the others counted.
func (c *Collector) LostEach(path string, v Shower, reason string) {
	k := key{Kind(path), reason}
	if i, ok := c.agg[k]; ok {
		c.count[i]++
		return
	}
	if c.agg == nil {
		c.agg = map[key]int{}
	}
	c.agg[k] = len(c.notes)
	c.notes.Add(path, v.Short(), reason)
	c.count = append(c.count, 1)
}

// Kind returns path with every index replaced by "*": "authors[12].ids[0]" gives "authors[*].ids[*]".
func Kind(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(path, '[')
		if open < 0 {
			break
		}
		close := strings.IndexByte(path[open:], ']')
		if close < 0 {
			break
		}
		b.WriteString(path[:open])
		b.WriteString("[*]")
		path = path[open+close+1:]
	}
	b.WriteString(path)
	return b.String()
}

// Notes returns the notes, with the counts of repeated kinds in their values.
func (c *Collector) Notes() fair.Notes {
	for i, n := range c.count {
		if n > 1 {
			c.notes[i].Value += " (and " + strconv.Itoa(n-1) + " more)"
			c.count[i] = 0
		}
	}
	return c.notes
}

// Index returns path[i].
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// Join returns path.name, or name when path is empty.
func Join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
