package schemaorg

// N-Quads output, escaped exactly as json-gold's N-Quads writer escapes.

import "strings"

// appendEscapedNQ appends s escaped as json-gold's N-Quads writer escapes it.
func appendEscapedNQ(b []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, "\\\"\n\r\t")
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		}
		s = s[i+1:]
	}
}

// nquadEscape escapes as json-gold's N-Quads writer does.
var nquadEscape = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

// appendNQuad appends one N-Quad line; label gives the label of blank nodes.
func appendNQuad(b []byte, q *rdfQuad, label func(int32) string) []byte {
	if q.s.kind == tBlank {
		b = append(b, label(q.s.id)...)
	} else {
		b = append(b, q.s.nq...)
	}
	b = append(b, ' ')
	b = append(b, q.p.nq...)
	b = append(b, ' ')
	if q.o.kind == tBlank {
		b = append(b, label(q.o.id)...)
	} else {
		b = append(b, q.o.nq...)
	}
	switch q.g.kind {
	case tBlank:
		b = append(b, ' ')
		b = append(b, label(q.g.id)...)
	case tIRI:
		b = append(b, ' ')
		b = append(b, q.g.nq...)
	}
	return append(b, " .\n"...)
}

func escapeNQ(s string) string {
	if strings.ContainsAny(s, "\\\"\n\r\t") {
		return nquadEscape.Replace(s)
	}
	return s
}
