package bibtex

import (
	"bytes"
	"io"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Format returns the descriptor of BibTeX (named "bibtex") for package format: Read reads every entry of a file;
// Write and WriteList write with the zero Writer (every author, BibLaTeX's @dataset and @software). Detection takes
// text whose first line that is neither blank nor a % comment starts an entry ("@article{", "@string(").
func Format() fair.Format {
	return fair.Format{
		Name:        "bibtex",
		Description: "BibTeX and BibLaTeX entries (INSPIRE-HEP's layout)",
		MediaTypes:  []string{"application/x-bibtex", "text/x-bibtex"},
		Extensions:  []string{".bib", ".bibtex"},
		Detect:      detect,
		Read:        Read,
		Write: func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
			return Writer{}.Write(w, r)
		},
		WriteList: func(w io.Writer, rs []*fair.Resource) (fair.Notes, error) {
			return Writer{}.WriteList(w, rs)
		},
	}
}

func detect(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		s := strings.TrimSpace(string(line))
		if s == "" || s[0] == '%' {
			continue
		}
		if s[0] != '@' {
			return false
		}
		s = strings.TrimSpace(s[1:])
		i := 0
		for i < len(s) && isASCIILetter(s[i]) {
			i++
		}
		rest := strings.TrimSpace(s[i:])
		return i > 0 && rest != "" && (rest[0] == '{' || rest[0] == '(')
	}
	return false
}
