package schemaorg

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// maxScriptBlocks bounds how many JSON-LD blocks a page may hold before reading gives up.
const maxScriptBlocks = 1000

// IsHTML reports whether data looks like an HTML page rather than JSON: its first non-blank character is '<'.
func IsHTML(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n\f")
	return len(t) > 0 && t[0] == '<'
}

// ScriptBlocks returns the contents of the <script type="application/ld+json"> elements of an HTML page, in page
// order. It reads the page as text, not as a DOM: script content is raw text in HTML, so no entity decoding applies.
func ScriptBlocks(page []byte) ([][]byte, error) {
	var out [][]byte
	lower := asciiLower(page) // same length as page, unlike bytes.ToLower on invalid UTF-8
	i := 0
	for {
		j := bytes.Index(lower[i:], []byte("<script"))
		if j < 0 {
			return out, nil
		}
		start := i + j + len("<script")
		end := bytes.IndexByte(lower[start:], '>')
		if end < 0 {
			return out, errors.New("unterminated <script> tag")
		}
		attrs := string(page[start : start+end])
		bodyStart := start + end + 1
		close := bytes.Index(lower[bodyStart:], []byte("</script"))
		if close < 0 {
			return out, errors.New("<script> element without </script>")
		}
		if isJSONLDType(scriptType(attrs)) {
			body := bytes.TrimSpace(page[bodyStart : bodyStart+close])
			body = bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimPrefix(body, []byte("<!--")), []byte("-->")))
			out = append(out, body)
			if len(out) > maxScriptBlocks {
				return nil, errors.New("more than 1000 JSON-LD blocks")
			}
		}
		i = bodyStart + close
	}
}

func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

func isJSONLDType(t string) bool {
	t, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(t)), ";")
	return strings.TrimSpace(t) == "application/ld+json"
}

// scriptType returns the value of the type attribute in the text between "<script" and ">".
func scriptType(attrs string) string {
	s := attrs
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t\r\n\f/")
		k := 0
		for k < len(s) && !strings.ContainsRune(" \t\r\n\f=/>", rune(s[k])) {
			k++
		}
		name := strings.ToLower(s[:k])
		s = strings.TrimLeft(s[k:], " \t\r\n\f")
		val := ""
		if strings.HasPrefix(s, "=") {
			s = strings.TrimLeft(s[1:], " \t\r\n\f")
			if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
				q := s[0]
				e := strings.IndexByte(s[1:], q)
				if e < 0 {
					val, s = s[1:], ""
				} else {
					val, s = s[1:1+e], s[2+e:]
				}
			} else {
				e := strings.IndexAny(s, " \t\r\n\f")
				if e < 0 {
					e = len(s)
				}
				val, s = s[:e], s[e:]
			}
		}
		if name == "type" {
			return val
		}
		if k == 0 && !strings.HasPrefix(s, "=") {
			if len(s) == 0 {
				break
			}
			s = s[1:]
		}
	}
	return ""
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
