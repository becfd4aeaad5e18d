package citation

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// YMD is a date as citation formats hold it: year, month (1–12) and day, 0 for a part that is not known.
type YMD [3]int

// ParseDate reads a date as a record holds it (ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, or a date-time whose time is
// ignored) or a range of two such dates separated by "/" (an open end is left out). It returns one date, or two for
// a range, and false when s is not such a date.
func ParseDate(s string) ([]YMD, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	var out []YMD
	for _, half := range strings.SplitN(s, "/", 2) {
		half = strings.TrimSpace(half)
		if half == "" || half == ".." {
			continue
		}
		d, ok := parseISO(half)
		if !ok {
			return nil, false
		}
		out = append(out, d)
	}
	if len(out) == 2 && out[0] == out[1] {
		out = out[:1]
	}
	return out, len(out) > 0
}

func parseISO(s string) (YMD, bool) {
	if i := strings.IndexAny(s, "T "); i > 0 {
		s = s[:i]
	}
	var d YMD
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return d, false
	}
	for i, p := range parts {
		if p == "" || len(p) > 4 {
			return d, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return d, false
		}
		d[i] = n
	}
	if d[0] == 0 || d[1] > 12 || d[2] > 31 || (d[1] == 0 && d[2] != 0) {
		return d, false
	}
	return d, true
}

// FormatDate writes a date as ISO 8601 with the parts it has: "2024", "2024-03", "2024-03-15".
func FormatDate(d YMD) string {
	switch {
	case d[0] == 0:
		return ""
	case d[1] == 0:
		return fmt.Sprintf("%04d", d[0])
	case d[2] == 0:
		return fmt.Sprintf("%04d-%02d", d[0], d[1])
	}
	return fmt.Sprintf("%04d-%02d-%02d", d[0], d[1], d[2])
}

// FormatDates writes one date or a range "start/end".
func FormatDates(ds []YMD) string {
	var parts []string
	for _, d := range ds {
		if s := FormatDate(d); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "/")
}

// Issued returns the date a citation gives a record. Its year is the publication year ([Year]); the month and day,
// or a range, are those of the record's first Issued date that parses when that date is in the publication year.
// at is the index in Dates of the Issued date used, -1 when none is (the date is then the publication year alone);
// ok is false when the record has no date at all.
func Issued(r *fair.Resource) (ds []YMD, at int, ok bool) {
	for i, d := range r.Dates {
		if d.Type != fair.DateIssued {
			continue
		}
		if ds, parsed := ParseDate(d.Date); parsed {
			if r.PublicationYear == 0 || ds[0][0] == r.PublicationYear {
				return ds, i, true
			}
			break
		}
	}
	if r.PublicationYear > 0 {
		return []YMD{{r.PublicationYear}}, -1, true
	}
	return nil, -1, false
}

// NotWrittenDate returns the reason writers give for an Issued date they do not write, at the index of the Issued
// date that [Issued] chose (-1 when it chose none): a citation holds one date, and it is in the publication year.
func NotWrittenDate(at int) string {
	if at >= 0 {
		return "a citation holds one Issued date: dates[" + strconv.Itoa(at) + "] is written"
	}
	return "an Issued date in another year than the publication year: the publication year is written"
}
