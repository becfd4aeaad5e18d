package fair

import "strings"

// vocabulary is a controlled list: its values in their defining order.
type vocabulary[T ~string] []T

func (v vocabulary[T]) has(t T) bool {
	for _, x := range v {
		if x == t {
			return true
		}
	}
	return false
}

func (v vocabulary[T]) all() []T { return append([]T(nil), v...) }

// parse matches s against the list ignoring case, spaces, hyphens and underscores.
func (v vocabulary[T]) parse(s string) (T, bool) {
	k := vocabKey(s)
	for _, x := range v {
		if vocabKey(string(x)) == k {
			return x, true
		}
	}
	var zero T
	return zero, false
}

func vocabKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '_', '-':
			continue
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// AccessRights is the access level of a resource, as a term of the COAR Access Rights vocabulary
// (https://vocabularies.coar-repositories.org/access_rights/). The EU repository semantics
// ("info:eu-repo/semantics/openAccess", ...) that DataCite records carry in rights map onto it with
// [ParseAccessRights].
type AccessRights string

// The four COAR access rights.
const (
	AccessOpen       AccessRights = "open access"
	AccessEmbargoed  AccessRights = "embargoed access"
	AccessRestricted AccessRights = "restricted access"
	AccessMetadata   AccessRights = "metadata only access"
)

var accessRights = []struct {
	term AccessRights
	coar string // COAR concept URI
	eu   string // info:eu-repo semantics URI
}{
	{AccessOpen, "http://purl.org/coar/access_right/c_abf2", "info:eu-repo/semantics/openAccess"},
	{AccessEmbargoed, "http://purl.org/coar/access_right/c_f1cf", "info:eu-repo/semantics/embargoedAccess"},
	{AccessRestricted, "http://purl.org/coar/access_right/c_16ec", "info:eu-repo/semantics/restrictedAccess"},
	{AccessMetadata, "http://purl.org/coar/access_right/c_14cb", "info:eu-repo/semantics/closedAccess"},
}

// Valid reports whether a is one of the four COAR access rights.
func (a AccessRights) Valid() bool {
	for _, row := range accessRights {
		if row.term == a {
			return true
		}
	}
	return false
}

// URI returns the COAR concept URI of a, or "" when a is not valid.
func (a AccessRights) URI() string {
	for _, row := range accessRights {
		if row.term == a {
			return row.coar
		}
	}
	return ""
}

// EURepoURI returns the info:eu-repo semantics URI that DataCite records use in rights, or "" when a is not valid.
func (a AccessRights) EURepoURI() string {
	for _, row := range accessRights {
		if row.term == a {
			return row.eu
		}
	}
	return ""
}

// ParseAccessRights recognises an access right from its COAR term ("open access"), its COAR URI, its
// info:eu-repo URI ("info:eu-repo/semantics/openAccess") or a short name ("open", "embargoed", "restricted",
// "closed", "metadata only"), ignoring case. It returns false when s names none of them.
func ParseAccessRights(s string) (AccessRights, bool) {
	s = strings.TrimSpace(s)
	k := vocabKey(s)
	for _, row := range accessRights {
		short := strings.TrimSuffix(string(row.term), " access")
		euShort := strings.TrimPrefix(row.eu, "info:eu-repo/semantics/")
		switch {
		case k == vocabKey(string(row.term)), k == vocabKey(short), k == vocabKey(euShort),
			strings.EqualFold(s, row.eu), strings.EqualFold(strings.Replace(s, "https://", "http://", 1), row.coar):
			return row.term, true
		}
	}
	if k == "closed" || k == "closedaccess" {
		return AccessMetadata, true
	}
	return "", false
}
