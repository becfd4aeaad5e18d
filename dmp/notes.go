package dmp

// Note is one entry of a loss report: at Path (e.g. "dmp.dataset[0].issued"), the Value found and the Reason it was
// tolerated, kept aside, changed or not carried over. It has the shape of the loss report every fairmeta reader and
// writer returns.
type Note struct {
	Path   string
	Value  string
	Reason string
}

func (n Note) String() string {
	s := n.Path
	if s == "" {
		s = "(document)"
	}
	if n.Value != "" {
		s += ": " + clip(n.Value, 80)
	}
	return s + ": " + n.Reason
}

// Notes is a loss report: what a reader could not carry as it was, or a writer could not write.
type Notes []Note

func (ns *Notes) add(path, value, reason string) { *ns = append(*ns, Note{path, value, reason}) }
