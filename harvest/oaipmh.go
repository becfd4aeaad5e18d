package harvest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// NamespaceOAI is the namespace of OAI-PMH 2.0 responses.
const NamespaceOAI = "http://www.openarchives.org/OAI/2.0/"

// maxDepth bounds the nesting of elements in a response, metadata included.
const maxDepth = 256

// Header is the header of an OAI-PMH item: its identifier, datestamp, sets and whether it was deleted.
type Header struct {
	Identifier string
	Datestamp  string // as the repository wrote it: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ
	Sets       []string
	Deleted    bool
}

// OAIRecord is one record of a ListRecords or GetRecord answer.
type OAIRecord struct {
	Header
	// Metadata is the XML of the record's metadata element (the one child of OAI-PMH's <metadata>), as the
	// repository sent it, with the namespace declarations it inherited from the response added to its start tag so
	// that it stands alone. Empty for a deleted record.
	Metadata []byte
}

// ResumptionToken is the resumption token of a list answer. An empty Value on a list answer means the list is
// complete.
type ResumptionToken struct {
	Value            string
	CompleteListSize int64 // -1 when the repository did not say
	Cursor           int64 // -1 when the repository did not say
	ExpirationDate   string
}

// Identify is a repository's answer to the Identify verb.
type Identify struct {
	RepositoryName    string
	BaseURL           string
	ProtocolVersion   string
	AdminEmails       []string
	EarliestDatestamp string
	DeletedRecord     string // no, transient or persistent
	Granularity       string // YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ
}

// MetadataFormat is a format a repository disseminates.
type MetadataFormat struct {
	Prefix, Schema, Namespace string
}

// OAI-PMH error codes (the code attribute of <error>).
const (
	CodeBadArgument             = "badArgument"
	CodeBadResumptionToken      = "badResumptionToken"
	CodeBadVerb                 = "badVerb"
	CodeCannotDisseminateFormat = "cannotDisseminateFormat"
	CodeIDDoesNotExist          = "idDoesNotExist"
	CodeNoRecordsMatch          = "noRecordsMatch"
	CodeNoMetadataFormats       = "noMetadataFormats"
	CodeNoSetHierarchy          = "noSetHierarchy"
)

// ProtocolError is an OAI-PMH error condition a repository answered (an <error> element), such as
// badResumptionToken or cannotDisseminateFormat. Use errors.As and compare Code with the Code constants.
type ProtocolError struct {
	Code    string
	Message string
	Verb    string // the verb of the request
}

// Error describes the condition in one line.
func (e *ProtocolError) Error() string {
	return fmt.Sprintf("harvest: OAI-PMH %s: %s: %s", e.Verb, e.Code, e.Message)
}

// ResponseError reports an OAI-PMH answer that could not be read: not XML, not an OAI-PMH document, or an element
// where it does not belong. Offset is the byte offset in the response where reading stopped.
type ResponseError struct {
	Offset int64
	Msg    string
}

// Error describes the problem in one line.
func (e *ResponseError) Error() string {
	return fmt.Sprintf("harvest: OAI-PMH response: at byte %d: %s", e.Offset, e.Msg)
}

// response is a parsed OAI-PMH answer.
type response struct {
	ResponseDate string
	Verb         string // of the answering element, e.g. "ListRecords"
	Errors       []*ProtocolError
	Records      []OAIRecord // ListRecords, GetRecord
	Headers      []Header    // ListIdentifiers
	Token        *ResumptionToken
	Identify     *Identify
	Formats      []MetadataFormat
	Sets         [][2]string // setSpec, setName
}

// parser reads an OAI-PMH response with encoding/xml, tracking the namespace declarations in scope so that
// metadata can be cut out of the body and still stand alone.
type parser struct {
	body  []byte
	d     *xml.Decoder
	depth int
	scope []nsDecl // declarations in scope, outermost first
}

type nsDecl struct {
	prefix, uri string // prefix "" is the default namespace
	depth       int
}

func parseResponse(body []byte) (*response, error) {
	p := &parser{body: body, d: xml.NewDecoder(bytes.NewReader(body))}
	p.d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q: OAI-PMH responses are UTF-8", label)
	}
	root, err := p.start()
	if err != nil {
		return nil, err
	}
	if root.Name.Local != "OAI-PMH" || !oaiSpace(root.Name.Space) {
		return nil, p.errorf("root element is <%s>, want <OAI-PMH>", root.Name.Local)
	}
	resp := &response{}
	err = p.children(func(se xml.StartElement) error {
		if !oaiSpace(se.Name.Space) {
			return p.skip()
		}
		switch se.Name.Local {
		case "responseDate":
			resp.ResponseDate, err = p.text()
			return err
		case "request":
			for _, a := range se.Attr {
				if a.Name.Local == "verb" {
					resp.Verb = a.Value
				}
			}
			return p.skip()
		case "error":
			e := &ProtocolError{Verb: resp.Verb}
			for _, a := range se.Attr {
				if a.Name.Local == "code" {
					e.Code = a.Value
				}
			}
			e.Message, err = p.text()
			resp.Errors = append(resp.Errors, e)
			return err
		case "Identify":
			resp.Verb = se.Name.Local
			resp.Identify, err = p.identify()
			return err
		case "ListMetadataFormats":
			resp.Verb = se.Name.Local
			return p.formats(resp)
		case "ListSets", "ListIdentifiers", "ListRecords", "GetRecord":
			resp.Verb = se.Name.Local
			return p.list(resp)
		}
		return p.skip()
	})
	if err != nil {
		return nil, err
	}
	for _, e := range resp.Errors {
		e.Verb = resp.Verb
	}
	return resp, p.end()
}

func oaiSpace(ns string) bool { return ns == NamespaceOAI || ns == "" }

func (p *parser) errorf(format string, args ...any) error {
	return &ResponseError{Offset: p.d.InputOffset(), Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) syntax(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return &ResponseError{Offset: p.d.InputOffset(), Msg: err.Error()}
}

// token reads the next token, keeping the depth and the namespace scope.
func (p *parser) token() (xml.Token, error) {
	tok, err := p.d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		p.depth++
		if p.depth > maxDepth {
			return nil, p.errorf("elements nested more than %d deep", maxDepth)
		}
		for _, a := range t.Attr {
			switch {
			case a.Name.Space == "xmlns":
				p.scope = append(p.scope, nsDecl{a.Name.Local, a.Value, p.depth})
			case a.Name.Space == "" && a.Name.Local == "xmlns":
				p.scope = append(p.scope, nsDecl{"", a.Value, p.depth})
			}
		}
	case xml.EndElement:
		for len(p.scope) > 0 && p.scope[len(p.scope)-1].depth == p.depth {
			p.scope = p.scope[:len(p.scope)-1]
		}
		p.depth--
	}
	return tok, nil
}

// start returns the root element.
func (p *parser) start() (xml.StartElement, error) {
	for {
		tok, err := p.token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, &ResponseError{Msg: "empty response, no XML element"}
			}
			return xml.StartElement{}, p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, p.errorf("text before the root element")
			}
		}
	}
}

// end checks that nothing but space, comments and processing instructions follows the root element.
func (p *parser) end() error {
	for {
		tok, err := p.token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return p.errorf("element <%s> after the root element", t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return p.errorf("text after the root element")
			}
		}
	}
}

// children calls f for each child element of the element just started; f must consume the child entirely.
func (p *parser) children(f func(se xml.StartElement) error) error {
	for {
		tok, err := p.token()
		if err != nil {
			return p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := f(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// skip consumes the rest of the element just started.
func (p *parser) skip() error {
	return p.children(func(xml.StartElement) error { return p.skip() })
}

// text returns the character data of the element just started; child elements are not allowed.
func (p *parser) text() (string, error) {
	var b []byte
	for {
		tok, err := p.token()
		if err != nil {
			return "", p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b = append(b, t...)
		case xml.StartElement:
			return "", p.errorf("element <%s> inside a text element", t.Name.Local)
		case xml.EndElement:
			return strings.TrimSpace(string(b)), nil
		}
	}
}

func (p *parser) identify() (*Identify, error) {
	id := &Identify{}
	err := p.children(func(se xml.StartElement) error {
		v, err := p.textOrSkip(se)
		switch se.Name.Local {
		case "repositoryName":
			id.RepositoryName = v
		case "baseURL":
			id.BaseURL = v
		case "protocolVersion":
			id.ProtocolVersion = v
		case "adminEmail":
			id.AdminEmails = append(id.AdminEmails, v)
		case "earliestDatestamp":
			id.EarliestDatestamp = v
		case "deletedRecord":
			id.DeletedRecord = v
		case "granularity":
			id.Granularity = v
		}
		return err
	})
	return id, err
}

// textOrSkip reads the text of an OAI element and skips any other element (descriptions, foreign namespaces).
func (p *parser) textOrSkip(se xml.StartElement) (string, error) {
	if !oaiSpace(se.Name.Space) || se.Name.Local == "description" {
		return "", p.skip()
	}
	return p.text()
}

func (p *parser) formats(resp *response) error {
	return p.children(func(se xml.StartElement) error {
		if se.Name.Local != "metadataFormat" {
			return p.skip()
		}
		var f MetadataFormat
		err := p.children(func(se xml.StartElement) error {
			v, err := p.textOrSkip(se)
			switch se.Name.Local {
			case "metadataPrefix":
				f.Prefix = v
			case "schema":
				f.Schema = v
			case "metadataNamespace":
				f.Namespace = v
			}
			return err
		})
		resp.Formats = append(resp.Formats, f)
		return err
	})
}

// list reads the content of ListRecords, ListIdentifiers, ListSets or GetRecord.
func (p *parser) list(resp *response) error {
	return p.children(func(se xml.StartElement) error {
		if !oaiSpace(se.Name.Space) {
			return p.skip()
		}
		switch se.Name.Local {
		case "record":
			rec, err := p.record()
			if err == nil {
				resp.Records = append(resp.Records, rec)
			}
			return err
		case "header":
			h, err := p.header(se)
			if err == nil {
				resp.Headers = append(resp.Headers, h)
			}
			return err
		case "set":
			var spec, name string
			err := p.children(func(se xml.StartElement) error {
				v, err := p.textOrSkip(se)
				switch se.Name.Local {
				case "setSpec":
					spec = v
				case "setName":
					name = v
				}
				return err
			})
			resp.Sets = append(resp.Sets, [2]string{spec, name})
			return err
		case "resumptionToken":
			t := &ResumptionToken{CompleteListSize: -1, Cursor: -1}
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "completeListSize":
					if n, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64); err == nil && n >= 0 {
						t.CompleteListSize = n
					}
				case "cursor":
					if n, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64); err == nil && n >= 0 {
						t.Cursor = n
					}
				case "expirationDate":
					t.ExpirationDate = a.Value
				}
			}
			v, err := p.text()
			t.Value = v
			resp.Token = t
			return err
		}
		return p.skip()
	})
}

func (p *parser) header(se xml.StartElement) (Header, error) {
	var h Header
	for _, a := range se.Attr {
		if a.Name.Local == "status" && a.Value == "deleted" {
			h.Deleted = true
		}
	}
	err := p.children(func(se xml.StartElement) error {
		v, err := p.textOrSkip(se)
		switch se.Name.Local {
		case "identifier":
			h.Identifier = v
		case "datestamp":
			h.Datestamp = v
		case "setSpec":
			h.Sets = append(h.Sets, v)
		}
		return err
	})
	if err == nil && h.Identifier == "" {
		return h, p.errorf("a record header without an identifier")
	}
	return h, err
}

func (p *parser) record() (OAIRecord, error) {
	var rec OAIRecord
	seenHeader := false
	err := p.children(func(se xml.StartElement) error {
		if !oaiSpace(se.Name.Space) {
			return p.skip()
		}
		switch se.Name.Local {
		case "header":
			h, err := p.header(se)
			rec.Header, seenHeader = h, true
			return err
		case "metadata":
			md, err := p.metadata()
			rec.Metadata = md
			return err
		}
		return p.skip()
	})
	if err == nil && !seenHeader {
		return rec, p.errorf("a record without a header")
	}
	return rec, err
}

// metadata returns the content of the <metadata> element just started, cut out of the body, with the namespace
// declarations in scope added to its first element.
func (p *parser) metadata() ([]byte, error) {
	outer := len(p.scope) // declarations made on <metadata> and above
	inherited := append([]nsDecl(nil), p.scope[:outer]...)
	start := p.d.InputOffset()
	var own map[string]bool // prefixes the first element declares itself
	level := 0
	for {
		off := p.d.InputOffset()
		tok, err := p.token()
		if err != nil {
			return nil, p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if level == 0 && own == nil {
				own = map[string]bool{}
				for _, a := range t.Attr {
					if a.Name.Space == "xmlns" {
						own[a.Name.Local] = true
					} else if a.Name.Space == "" && a.Name.Local == "xmlns" {
						own[""] = true
					}
				}
			}
			level++
		case xml.EndElement:
			if level == 0 {
				return withNamespaces(bytes.TrimSpace(p.body[start:off]), inherited, own), nil
			}
			level--
		}
	}
}

// withNamespaces adds to the first start tag of md the declarations of scope that it does not make itself (the
// innermost declaration of each prefix wins).
func withNamespaces(md []byte, scope []nsDecl, own map[string]bool) []byte {
	if len(md) == 0 {
		return nil
	}
	i := firstStartTag(md)
	if i < 0 {
		return append([]byte(nil), md...)
	}
	j := i + 1
	for j < len(md) && !isNameEnd(md[j]) {
		j++
	}
	var add []byte
	seen := map[string]bool{}
	for k := len(scope) - 1; k >= 0; k-- {
		d := scope[k]
		if own[d.prefix] || seen[d.prefix] {
			continue
		}
		seen[d.prefix] = true
		if d.prefix == "" {
			add = append(add, ` xmlns="`...)
		} else {
			add = append(add, ` xmlns:`+d.prefix+`="`...)
		}
		add = appendAttrValue(add, d.uri)
		add = append(add, '"')
	}
	out := make([]byte, 0, len(md)+len(add))
	out = append(out, md[:j]...)
	out = append(out, add...)
	return append(out, md[j:]...)
}

func isNameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>'
}

// firstStartTag returns the index of the "<" of the first start tag in md, skipping comments, processing
// instructions and CDATA; -1 when there is none.
func firstStartTag(md []byte) int {
	for i := 0; i < len(md); i++ {
		if md[i] != '<' || i+1 >= len(md) {
			continue
		}
		switch {
		case md[i+1] == '?':
			if k := bytes.Index(md[i:], []byte("?>")); k >= 0 {
				i += k + 1
				continue
			}
			return -1
		case bytes.HasPrefix(md[i:], []byte("<!--")):
			if k := bytes.Index(md[i:], []byte("-->")); k >= 0 {
				i += k + 2
				continue
			}
			return -1
		case md[i+1] == '!':
			if k := bytes.IndexByte(md[i:], '>'); k >= 0 {
				i += k
				continue
			}
			return -1
		case md[i+1] == '/':
			return -1
		}
		return i
	}
	return -1
}

func appendAttrValue(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}
