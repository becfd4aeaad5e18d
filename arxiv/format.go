package arxiv

import (
	"bytes"

	"github.com/dop2i/fairmeta/fair"
)

// Format returns the descriptor of arXiv metadata (named "arxiv") for package format: the API's Atom feed and
// OAI-PMH responses in the arXiv and arXivRaw formats, read with [Read], detected with [Detect]. It has no writer.
func Format() fair.Format {
	return fair.Format{
		Name:        "arxiv",
		Description: "arXiv metadata: API Atom feed, OAI-PMH arXiv and arXivRaw (read only)",
		MediaTypes:  []string{"application/atom+xml", "text/xml"},
		Extensions:  []string{".xml", ".atom"},
		Detect:      Detect,
		Read:        Read,
	}
}

// Detect reports whether data looks like arXiv metadata: an Atom feed of the arXiv API, or XML in arXiv's OAI-PMH
// metadata formats.
func Detect(data []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	head := t[:min(len(t), 8192)]
	switch {
	case bytes.Contains(head, []byte("http://www.w3.org/2005/Atom")) && bytes.Contains(head, []byte("arxiv.org")):
		return true
	case bytes.Contains(t, []byte("http://arxiv.org/OAI/arXiv/")) || bytes.Contains(t, []byte("http://arxiv.org/OAI/arXivRaw/")):
		return true
	}
	return false
}
