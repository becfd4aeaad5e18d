package ris

import (
	"bytes"

	"github.com/dop2i/fairmeta/fair"
)

// Format returns the descriptor of RIS (named "ris") for package format: Read reads every reference of a file;
// Write writes one reference and WriteList a file of them. Detection takes text whose first line that is not blank
// is a TY tag ("TY  - JOUR").
func Format() fair.Format {
	return fair.Format{
		Name:        "ris",
		Description: "RIS, the tagged format of reference managers (EndNote, Zotero)",
		MediaTypes:  []string{"application/x-research-info-systems"},
		Extensions:  []string{".ris"},
		Detect:      detect,
		Read:        Read,
		Write:       Write,
		WriteList:   WriteList,
	}
}

func detect(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	m := tagRE.FindSubmatch(bytes.TrimRight(line, " \t\r"))
	return m != nil && string(m[1]) == "TY"
}
