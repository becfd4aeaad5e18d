package bibtex_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/bibtex"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
	"github.com/dop2i/fairmeta/internal/citation/citationtest"
)

func TestEncode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Gérard, Paweł", `G\'erard, Pawe\l{}`},
		{"About γ-ray bursts", `About \ensuremath{\gamma}-ray bursts`},
		{"DAΦNE", `DA\ensuremath{\Phi}NE`},
		{"Ångström naïve façade Dvořák Erdős Łódź", `\r{A}ngstr{\"o}m na{\"i}ve fa\c{c}ade Dvo\v{r}\'ak Erd\H{o}s \L{}\'od\'z`},
		{"Müller & Søn: 50% of #1_a", `M{\"u}ller \& S\o{}n: 50\% of \#1\_a`},
		{`a {brace} "quoted" back\slash ~ ^`, `a \textbraceleft{}brace\textbraceright{} {"}quoted{"} back\textbackslash{}slash \textasciitilde{} \textasciicircum{}`},
		{"Measurement of $t\\bar{t}$ production at $\\sqrt{s}=13$ TeV", "Measurement of $t\\bar{t}$ production at $\\sqrt{s}=13$ TeV"},
		{"costs $5 and $10", `costs \$5 and \$10`},
		{"unbalanced math ${x$ here", `unbalanced math \$\textbraceleft{}x\$ here`},
		{"range 1–2, 3—4 “q”", "range 1--2, 3---4 ``q''"},
		{"日本語 stays", "日本語 stays"},
	} {
		if got := bibtex.Encode(tc.in); got != tc.want {
			t.Errorf("Encode(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`G\'erard, Pawe\l{}`, "Gérard, Paweł"},
		{`{\'E}cole {\"U}ber \'{e} \' e \c c \v{S} {\aa} \AA{} \ss{} \o{} \i{} \'\i{} \o \i`, "École Über é é ç Š å Å ß ø ı í øı"},
		{`\ensuremath{\gamma} \ensuremath{^\circ}`, "γ °"},
		{`{About \ensuremath{\gamma}-ray bursts}`, "About γ-ray bursts"},
		{`Na{\"\i}ve {DNA} \emph{in vivo} \textbf{bold}`, "Naïve DNA in vivo bold"},
		{`50\% \& \$ \# \_ \textbackslash{} \textbraceleft{}x\textbraceright{}`, `50% & $ # _ \ {x}`},
		{"1--2 3---4 ``q'' D.~E.~Knuth", "1–2 3—4 “q” D. E. Knuth"},
		{`$t\bar{t}$ at $\sqrt{s}$`, `$t\bar{t}$ at $\sqrt{s}$`},
		{`\unknown{x}`, `\unknownx`},
		{`trailing \`, `trailing \`},
	} {
		if got := bibtex.Decode(tc.in); got != tc.want {
			t.Errorf("Decode(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestEncodeDecode: Decode gives back what Encode was given, for text with every kind of character Encode handles.
func TestEncodeDecode(t *testing.T) {
	for _, s := range []string{
		"Gérard, Paweł", "Ångström naïve façade Dvořák Erdős Łódź Đorđe", "γ-ray ΦΨΩ μ ± × → ≤ ∞",
		"Müller & Søn: 50% of #1_a", `a {brace} "quoted" back\slash ~ ^`, "range 1–2, 3—4 “q”",
		"$t\\bar{t}$ production at $\\sqrt{s}=13$ TeV", "costs $5 and $10", "日本語", "Æsir Œuvre straße",
	} {
		if got := bibtex.Decode(bibtex.Encode(s)); got != s {
			t.Errorf("Decode(Encode(%q)) = %q (Encode gave %s)", s, got, bibtex.Encode(s))
		}
	}
}

func TestReadNames(t *testing.T) {
	for _, tc := range []struct{ author, want string }{
		{"Aad, Georges", "Aad|Georges|"},
		{"Georges Aad", "Aad|Georges|"},
		{"van der Waals, Johannes Diderik", "van der Waals|Johannes Diderik|"},
		{"Johannes Diderik van der Waals", "van der Waals|Johannes Diderik|"},
		{"King, Jr., Martin Luther", "King|Martin Luther|Jr."},
		{"{De Gennes}, Pierre-Gilles", "De Gennes|Pierre-Gilles|"},
		{`G{\'e}rard, Pawe{\l}`, "Gérard|Paweł|"},
		{`{\'E}mile Zola`, "Zola|Émile|"},
		{"{CERN Council}", "CERN Council (organisation)"},
		{"Plato", "Plato||"},
		{"de la Fontaine, Jean", "de la Fontaine|Jean|"},
	} {
		recs, _, err := bibtex.Read([]byte("@misc{k, author = {" + tc.author + "}}"))
		if err != nil {
			t.Fatal(err)
		}
		c := recs[0].Creators[0]
		got := c.FamilyName + "|" + c.GivenName + "|" + suffixOf(c)
		if c.NameType == fair.NameOrganizational {
			got = c.Name + " (organisation)"
		}
		if got != tc.want {
			t.Errorf("author = {%s}: got %s, want %s", tc.author, got, tc.want)
		}
	}
}

func suffixOf(c fair.Creator) string { return citation.SplitCreator(c).Suffix }

// TestRead reads a file the way people write them: comments, macros, concatenation, parentheses, BibLaTeX fields,
// a broken entry among good ones.
func TestRead(t *testing.T) {
	in := `% a comment line with an @ sign: user@example.org
@string{ prl = "Phys. Rev. Lett." }
@comment{ ignored {with braces} }
@preamble{ "\newcommand{\noop}[1]{}" }

@Article{Aad:2012tfa,
  author        = "Aad, Georges and others",
  collaboration = "ATLAS",
  title         = "{Observation of a new particle}",
  eprint        = "1207.7214",
  archivePrefix = "arXiv",
  primaryClass  = "hep-ex",
  reportNumber  = "CERN-PH-EP-2012-218",
  doi           = "10.1016/j.physletb.2012.08.020",
  journal       = prl # " (erratum)",
  volume        = 716,
  pages         = "1--29",
  month         = jul,
  year          = 2012,
  foo           = {bar},
}

@article{broken, title = {unclosed }

@online(web, title = {A page}, url = {https://example.org/x_y}, date = {2021-03-04}, author = {{DESY}})
`
	recs, notes, err := bibtex.Read([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2 (the broken entry left out): notes %s", len(recs), notes)
	}
	r := recs[0]
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %q, want %q", what, got, want)
		}
	}
	check("type", string(r.ResourceType.General), "JournalArticle")
	check("collaboration", r.Creators[0].Name+" "+string(r.Creators[0].NameType), "ATLAS Organizational")
	check("author", r.Creators[1].Name, "Aad, Georges")
	check("title", r.MainTitle(), "Observation of a new particle")
	check("doi", r.DOI(), "10.1016/j.physletb.2012.08.020")
	check("arXiv", r.ArXivID()+" "+r.ArXivPrimaryCategory(), "1207.7214 hep-ex")
	check("report", strings.Join(r.AlternateIdentifiersOf(fair.AltIDReportNumber), ","), "CERN-PH-EP-2012-218")
	c := r.Container()
	check("journal", c.Titles[0].Title+" "+c.Volume+" "+c.FirstPage+"-"+c.LastPage, "Phys. Rev. Lett. (erratum) 716 1-29")
	check("date", r.Dates[0].Date, "2012-07")
	check("key", strings.Join(r.AlternateIdentifiersOf(citation.AltIDCitationKey), ","), "Aad:2012tfa")
	w := recs[1]
	check("online", string(w.ResourceType.General)+" "+w.URL+" "+w.Dates[0].Date+" "+w.Creators[0].Name, "InteractiveResource https://example.org/x_y 2021-03-04 DESY")
	ns := notes.String()
	for _, want := range []string{"[0].author = and others", "[0].foo = bar", "entry broken"} {
		if !strings.Contains(ns, want) {
			t.Errorf("notes lack %q:\n%s", want, ns)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "no entry"},
		{"just text", "no entry"},
		{"@article{k,\n  title = {unclosed\n", "line 2: entry k: field title: the value is not closed"},
		{"@article{k, title = }", "entry k: field title: a value expected"},
		{"@article{k, " + strings.Repeat("{", 200) + "}", "entry k"},
		{"@article{k, title = {" + strings.Repeat("{", 200) + strings.Repeat("}", 200) + "}}", "nested deeper than 100"},
	} {
		_, _, err := bibtex.Read([]byte(tc.in))
		var se *bibtex.SyntaxError
		switch {
		case err == nil:
			t.Errorf("Read(%.40q): no error, want %q", tc.in, tc.want)
		case !strings.Contains(err.Error(), tc.want):
			t.Errorf("Read(%.40q): %v, want %q", tc.in, err, tc.want)
		case !errors.As(err, &se) && !errors.Is(err, bibtex.ErrNoEntry):
			t.Errorf("Read(%.40q): %T, want a *SyntaxError or ErrNoEntry", tc.in, err)
		}
	}
	// Macros that double at each step stop at the value limit instead of exhausting memory.
	var b strings.Builder
	b.WriteString(`@string{m0 = "xxxxxxxxxxxxxxxx"}` + "\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "@string{m%d = m%d # m%d}\n", i, i-1, i-1)
	}
	b.WriteString("@misc{k, title = m39}\n")
	_, notes, err := bibtex.Read([]byte(b.String()))
	if err != nil || !strings.Contains(notes.String(), "longer than") {
		t.Errorf("doubling macros: %v, notes %s; want the long macros left out as too long", err, notes)
	}
}

func TestWriterOptions(t *testing.T) {
	r := &fair.Resource{Titles: []fair.Title{{Title: "T"}}, ResourceType: fair.ResourceType{General: fair.ResourceTypeDataset}}
	for i := 0; i < 12; i++ {
		r.Creators = append(r.Creators, fair.Creator{Name: fmt.Sprintf("Author%02d, A.", i), NameType: fair.NamePersonal})
	}
	for _, tc := range []struct {
		w    bibtex.Writer
		want string
	}{
		{bibtex.Writer{}, "Author11, A."},
		{bibtex.Writer{MaxAuthors: 10, KeepAuthors: 1}, `author = "Author00, A. and others"`},
		{bibtex.Writer{MaxAuthors: 3}, `author = "Author00, A. and Author01, A. and Author02, A. and others"`},
		{bibtex.Writer{Classic: true}, "@misc{"},
		{bibtex.Writer{}, "@dataset{"},
	} {
		b, notes, err := tc.w.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.want) {
			t.Errorf("%+v: output lacks %q:\n%s", tc.w, tc.want, b)
		}
		if tc.w.MaxAuthors > 0 && !strings.Contains(notes.String(), "and others") {
			t.Errorf("%+v: no note of the cut: %s", tc.w, notes)
		}
	}
	for _, bad := range []bibtex.Writer{{MaxAuthors: -1}, {KeepAuthors: 2}, {MaxAuthors: 2, KeepAuthors: 3}} {
		if _, err := bad.Write(&bytes.Buffer{}, r); !errors.Is(err, bibtex.ErrOptions) {
			t.Errorf("%+v: %v, want ErrOptions", bad, err)
		}
	}
}

// TestTypes: every resourceTypeGeneral is written with the table's entry type, and read back as itself unless the
// writer's notes say what it is read back as.
func TestTypes(t *testing.T) {
	for _, g := range fair.ResourceTypeGenerals() {
		r := &fair.Resource{ResourceType: fair.ResourceType{General: g}, Titles: []fair.Title{{Title: "T"}}}
		b, notes, err := bibtex.Writer{}.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		want := "@" + citation.BibTeXType(r.ResourceType, false) + "{"
		if !bytes.HasPrefix(b, []byte(want)) {
			t.Errorf("%s: %s, want %s", g, b, want)
		}
		recs, _, err := bibtex.Read(b)
		if err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		noted := strings.Contains(notes.String(), "resourceType.general")
		if got := recs[0].ResourceType.General; got != g && !noted {
			t.Errorf("%s: read back as %s without a note", g, got)
		} else if got == g && noted {
			t.Errorf("%s: read back as itself, but noted: %s", g, notes)
		}
	}
}

// TestSharedExamples writes every shared example as BibTeX and reads it back: the facts BibTeX holds come back and
// every other change is in the writer's notes.
func TestSharedExamples(t *testing.T) {
	recs := citationtest.Shared(t)
	t.Logf("%d records (%s)", len(recs), citationtest.Count(recs))
	for _, x := range recs {
		b, notes, err := bibtex.Writer{}.Marshal(x.Rec)
		if err != nil {
			t.Fatalf("%s: %v", x.Name, err)
		}
		back, notRead, err := bibtex.Read(b)
		if err != nil || len(back) != 1 {
			t.Fatalf("%s: reading back: %v (%d records)\n%s", x.Name, err, len(back), b)
		}
		if len(notRead) > 0 {
			t.Errorf("%s: notes reading what the writer wrote: %s", x.Name, notRead)
		}
		want, got := citationtest.Expected(x.Rec, notes), citationtest.Got(back[0], notes)
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: %s:\n got %q\nwant %q\n%s", x.Name, k, got[k], w, b)
			}
		}
		for _, field := range citationtest.Unnoted(x.Rec, back[0], notes) {
			t.Errorf("%s: %s changed in a round trip and no note says so", x.Name, field)
		}
	}
}
