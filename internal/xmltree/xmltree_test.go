package xmltree

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	root, err := Parse([]byte(`<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:x"><b k="v">one <i>two</i> three</b><c/><c>x</c><p>para</p><p>two</p></a>`))
	if err != nil {
		t.Fatal(err)
	}
	if root.Name != "a" || root.Space != "urn:x" || len(root.Kids) != 5 {
		t.Fatalf("root %+v", root)
	}
	b := root.Child("b")
	if b.Attr("k") != "v" || b.Text != "one  three" && b.Text != "one three" {
		t.Errorf("b: %q %q", b.Attr("k"), b.Text)
	}
	if got := b.DeepText(); got != "one three two" && got != "one  three two" {
		t.Errorf("DeepText %q", got)
	}
	var unused []string
	root.Unused("", func(p string, n *Node) { unused = append(unused, p+"="+n.Short()) })
	if strings.Join(unused, " ") != "/c[0]= /c[1]=x /p[0]=para /p[1]=two" {
		t.Errorf("unused: %q", unused)
	}
	root.Children("p")
	if cs := root.Children("c"); len(cs) != 2 || root.Str("c") != "" {
		t.Errorf("children c: %d", len(cs))
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"malformed", "<a><b></a>", "line 1"},
		{"encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, "not UTF-8"},
		{"deep", strings.Repeat("<a>", MaxDepth+1) + strings.Repeat("</a>", MaxDepth+1), "deeper"},
		{"empty", "   ", "no element"},
	} {
		_, err := Parse([]byte(tc.in))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an *Error with %q", tc.name, err, tc.want)
		}
	}
}

func TestNilNode(t *testing.T) {
	var n *Node
	if n.Child("x") != nil || n.Children("x") != nil || n.Str("x") != "" || n.Attr("x") != "" || n.All() != nil {
		t.Error("a nil node has something")
	}
}
