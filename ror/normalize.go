package ror

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A token is one normalised word of a name or an affiliation string.
type token struct {
	text       string
	part       int  // which comma-, semicolon- or bracket-delimited part of the string it is in
	upper      bool // written in capitals (at least two letters, no lower-case letter): a possible acronym
	capital    bool // starts with a capital letter
	hard       bool // the first of a part that a semicolon or line break opened: maybe another affiliation
	afterLink  bool // a linking word ("of", "de", "für") came just before it, in the same part
	afterThe   bool // "the" came just before it: a name starts here
	start, end int  // byte offsets of the token in the original string
}

// canon maps abbreviations and spelling variants to one form, applied alike to names and to queries, so that
// "Univ. of Tech." meets "University of Technology" and "Centre" meets "Center".
var canon = map[string]string{
	"univ": "university", "universty": "university", "uni": "university",
	"inst": "institute", "instit": "institute",
	"lab": "laboratory", "labo": "laboratory", "labs": "laboratory", "lab.": "laboratory", "laboratories": "laboratory",
	"laboratoire": "laboratory", "laboratorio": "laboratory", "laboratorium": "laboratory",
	"universities": "university", "universites": "university",
	"dept": "department", "dep": "department", "depts": "departments",
	"natl": "national",
	"acad": "academy", "hosp": "hospital", "ctr": "center", "cntr": "center", "centre": "center", "centres": "centers",
	"coll": "college", "sch": "school", "fac": "faculty", "res": "research", "sci": "science", "sciences": "science",
	"tech": "technology", "technol": "technology", "med": "medical", "assoc": "association", "intl": "international",
	"govt": "government", "mem": "memorial", "gen": "general", "eng": "engineering", "engn": "engineering",
	"agric": "agricultural", "polytech": "polytechnic", "saint": "st", "sainte": "ste", "mt": "mount", "ft": "fort",
	"organisation": "organization", "programme": "program", "corp": "corporation",
	"and": "and", "und": "and", "et": "and", "y": "and", "e": "and",
	// The word "university" in the languages of the registry's names, so that "Univ. Paris-Saclay" meets
	// "Université Paris-Saclay" and "Universität Bonn" meets "Universitat Bonn".
	"universite": "university", "universitat": "university", "universidad": "university", "universita": "university",
	"universidade": "university", "universiteit": "university", "universitet": "university", "universitatea": "university",
	"uniwersytet": "university", "universitaet": "university", "universitas": "university", "universiti": "university",
	"institut": "institute", "instituto": "institute", "istituto": "institute", "instytut": "institute",
	"technologies": "technology", "inc": "incorporated", "ltd": "limited", "hlth": "health", "ctr.": "center",
}

// dropped are tokens removed from names and queries alike.
var dropped = map[string]bool{"the": true, "at": true}

// linkWords join the words of a name ("University of X", "Universidad de X", "Institut für X"). They are left out
// of names and queries alike, so that "Universität Freiburg", "University of Freiburg" and "Università di
// Palermo" meet their registry names; the next word remembers it followed one (token.afterLink), which is all the
// matcher needs to know that a name goes on ("X University of Arts").
var linkWords = map[string]bool{"of": true, "for": true, "in": true, "de": true, "di": true, "du": true, "des": true,
	"del": true, "della": true, "delle": true, "degli": true, "dei": true, "do": true, "da": true, "dos": true,
	"das": true, "der": true, "den": true, "fur": true, "d": true, "l": true, "la": true, "le": true, "les": true}

// foldRune maps a rune to lower-case ASCII letters where it has a Latin base letter, dropping accents. Letters of
// other scripts are lower-cased and kept. It returns "" for combining marks.
func foldRune(r rune) string {
	if r < foldTableSize {
		return foldTable()[r]
	}
	return foldRuneSlow(r)
}

// foldTableSize covers Latin-1, Latin Extended-A and -B, where nearly all the accented letters of names are.
const foldTableSize = 0x250

// foldTable holds foldRune of every rune below foldTableSize, computed once and never modified.
var foldTable = sync.OnceValue(func() *[foldTableSize]string {
	var t [foldTableSize]string
	for r := rune(0); r < foldTableSize; r++ {
		t[r] = foldRuneSlow(r)
	}
	return &t
})

func foldRuneSlow(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'æ', 'Æ':
		return "ae"
	case 'œ', 'Œ':
		return "oe"
	case 'ø', 'Ø':
		return "o"
	case 'ł', 'Ł':
		return "l"
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d"
	case 'þ', 'Þ':
		return "th"
	case 'ı', 'İ':
		return "i"
	}
	d := norm.NFKD.String(string(r))
	var b strings.Builder
	for _, c := range d {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// splitsWords reports whether the script of r writes words without spaces, so that each character is a token.
func splitsWords(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Thai, r)
}

// isPartBreak reports whether r separates the parts of an affiliation string ("Dept. X, Univ. Y; City (Country)").
func isPartBreak(r rune) bool {
	switch r {
	case ',', ';', '(', ')', '[', ']', '{', '}', '|', '\n', '\r', '\t', ':', '/', '\\', '，', '；', '、', '（', '）', '·', '•':
		return true
	}
	return false
}

// tokenize splits s into normalised tokens: it folds case and accents, drops apostrophes, turns '&' into "and",
// joins spelled-out initials ("U.S.A." → "usa") and maps abbreviations through canon. HTML entities must have been
// decoded before (decodeText), so that the tokens' offsets are offsets in the text the caller holds.
func tokenize(s string, dst []token) []token {
	part := 0
	var buf [64]byte
	cur := buf[:0]
	start, upper, lower := -1, 0, 0
	capital, hard, link, the := false, false, false, false
	base := len(dst)
	flush := func(end int) {
		if len(cur) == 0 {
			start, upper, lower = -1, 0, 0
			return
		}
		first, _ := utf8.DecodeRuneInString(s[start:])
		capital = unicode.IsUpper(first)
		var t string
		if c, ok := canon[string(cur)]; ok {
			t = c
		} else if string(cur) == s[start:end] {
			t = s[start:end] // already normal: share the input's bytes
		} else {
			t = string(cur)
		}
		cur = cur[:0]
		// A linking word in capitals after a short word in capitals is part of an acronym ("INFN-LE", "CEA DEN").
		small := len(t) <= 5 // linking and dropped words are short: most words skip the look-ups
		inAcronym := upper >= 2 && lower == 0 && len(dst) > base && dst[len(dst)-1].part == part &&
			dst[len(dst)-1].upper && len(dst[len(dst)-1].text) <= 5
		if small && linkWords[t] && !inAcronym {
			link = true
		} else if t == "the" {
			the = true
		} else if !small || !dropped[t] {
			up := upper >= 2 && lower == 0
			if n := codeSplit(t); n > 0 && end-start == len(t) {
				// "UMR8227" is written "UMR 8227" too: the letters and the number are two words.
				dst = append(dst, token{text: t[:n], part: part, upper: up, capital: capital, hard: hard, afterLink: link, afterThe: the, start: start, end: start + n})
				t, start, hard, link, the = t[n:], start+n, false, false, false
			}
			dst = append(dst, token{text: t, part: part, upper: up, capital: capital, hard: hard, afterLink: link, afterThe: the, start: start, end: end})
			hard, link, the = false, false, false
		}
		start, upper, lower = -1, 0, 0
	}
	prevLower := false
	skipping, chunk := false, 0 // skipping an e-mail address; chunk: where the current run of non-spaces started
	for i, r := range s {
		wasLower := prevLower
		prevLower = unicode.IsLower(r)
		if skipping {
			if !unicode.IsSpace(r) && !isPartBreak(r) {
				continue
			}
			skipping = false
		}
		if unicode.IsSpace(r) || isPartBreak(r) {
			chunk = i + utf8.RuneLen(r)
		}
		if r == '@' {
			// An e-mail address says nothing an affiliation's words do not, and its words are not names: drop the
			// whole run of non-spaces around the '@'.
			flush(i)
			for len(dst) > base && dst[len(dst)-1].start >= chunk {
				dst = dst[:len(dst)-1]
			}
			skipping = true
			continue
		}
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			if start < 0 {
				start = i
			}
			if r >= 'a' {
				lower++
			}
			cur = append(cur, byte(r))
		case r >= 'A' && r <= 'Z':
			if start >= 0 && lower == 0 && upper == 0 && i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z' {
				flush(i) // a footnote mark glued to a word: "1University" → "1", "university"
			}
			if gluedWord(s, i, lower, wasLower) {
				flush(i)
			}
			if start < 0 {
				start = i
			}
			upper++
			cur = append(cur, byte(r+('a'-'A')))
		case r == '\'' || r == '’' || r == '`' || r == '´' || r == 'ʼ' || r == '‘':
			// Apostrophes join ("People's" → "peoples"), except after an elided article or preposition, which is a
			// word of its own ("d'Orléans" → "d", "orleans"; "l'Université" → "l", "universite").
			if len(cur) == 1 && (cur[0] == 'd' || cur[0] == 'l') && i > 0 && start == i-1 {
				flush(i)
			}
		case r == '&':
			flush(i)
			dst = append(dst, token{text: "and", part: part, start: i, end: i + 1})
		case isPartBreak(r):
			flush(i)
			if len(dst) > base && dst[len(dst)-1].part == part {
				part++
			}
			link, the = false, false
			if r == ';' || r == '\n' || r == '\r' || r == '；' {
				hard = len(dst) > base
			}
		case r < utf8.RuneSelf:
			flush(i)
		case splitsWords(r):
			flush(i)
			dst = append(dst, token{text: string(r), part: part, start: i, end: i + utf8.RuneLen(r)})
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			if unicode.IsUpper(r) && gluedWord(s, i, lower, wasLower) {
				flush(i)
			}
			if start < 0 {
				start = i
			}
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			cur = append(cur, foldRune(r)...)
		default:
			flush(i)
		}
	}
	flush(len(s))
	return joinInitials(dst, base)
}

// codeSplit returns the length of the letters of a code such as "umr8227" (two letters or more, then three digits
// or more), 0 for any other word.
func codeSplit(t string) int {
	n := 0
	for n < len(t) && t[n] >= 'a' && t[n] <= 'z' {
		n++
	}
	if n < 2 || len(t)-n < 3 {
		return 0
	}
	for i := n; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0
		}
	}
	return n
}

// gluedWord reports whether the capital at s[i] starts a new word glued to the previous one without a space
// ("Laboratory of PhysicsÉcole", "InstituteUniversity"): it follows three or more lower-case letters of the current word and is
// followed by a lower-case letter. Names and queries are split alike, so "DeepMind" still meets "DeepMind".
func gluedWord(s string, i, lower int, wasLower bool) bool {
	if !wasLower || lower < 3 {
		return false
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if unicode.IsLower(next) {
		return true
	}
	// "UniversityUSA": a word in capitals glued to the end of a word in lower case.
	caps := 0
	for _, r := range s[i:] {
		if unicode.IsLower(r) {
			return false
		}
		if !unicode.IsUpper(r) {
			break
		}
		caps++
	}
	return caps >= 2
}

// joinInitials merges runs of single-letter tokens in one part ("u", "s", "a") into one token ("usa"), so that
// dotted initials meet the undotted acronym.
func joinInitials(ts []token, base int) []token {
	out := ts[:base]
	for i := base; i < len(ts); {
		j := i
		for j < len(ts) && len(ts[j].text) == 1 && ts[j].text[0] >= 'a' && ts[j].text[0] <= 'z' && ts[j].part == ts[i].part {
			j++
		}
		if j-i >= 2 {
			var b strings.Builder
			up := true
			for k := i; k < j; k++ {
				b.WriteString(ts[k].text)
				up = up && ts[k].capital
			}
			t := ts[i]
			t.text, t.end = b.String(), ts[j-1].end
			t.upper = up
			out = append(out, t)
			i = j
			continue
		}
		out = append(out, ts[i])
		i++
	}
	return out
}

// entities are the HTML entities seen in affiliation metadata; numeric ones are decoded generally.
var entities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "}

// decodeText decodes the HTML entities publishers leave in metadata ("&amp;", "&#x0026;").
func decodeText(s string) string {
	t, _ := decodeTextOffsets(s, nil)
	return t
}

// decodeTextOffsets is decodeText that also says where each byte of the decoded text comes from: offs[i] is the
// offset in s of the text's byte i, and offs[len(text)] is len(s). offs is nil when s has no entity (the offsets are
// then the same); otherwise it is built in buf.
func decodeTextOffsets(s string, buf []int32) (string, []int32) {
	if strings.IndexByte(s, '&') < 0 {
		return s, nil
	}
	offs := buf[:0]
	for i := 0; i <= len(s); i++ {
		offs = append(offs, int32(i))
	}
	// Two passes decode doubly escaped text ("&amp;amp;"); each pass maps its output onto its input's offsets.
	for range 2 {
		if !strings.Contains(s, "&") {
			break
		}
		var b strings.Builder
		next := make([]int32, 0, len(s)+1)
		i := 0
		for i < len(s) {
			if s[i] != '&' {
				b.WriteByte(s[i])
				next = append(next, offs[i])
				i++
				continue
			}
			j := strings.IndexByte(s[i:], ';')
			var v string
			ok := false
			if j >= 2 && j <= 10 {
				ent := s[i+1 : i+j]
				if r, isNum := numericEntity(ent); isNum {
					v, ok = string(r), true
				} else if e, isNamed := entities[strings.ToLower(ent)]; isNamed {
					v, ok = e, true
				}
			}
			if !ok {
				b.WriteByte('&')
				next = append(next, offs[i])
				i++
				continue
			}
			for range len(v) {
				next = append(next, offs[i])
			}
			b.WriteString(v)
			i += j + 1
		}
		next = append(next, offs[len(s)])
		s, offs = b.String(), next
	}
	return s, offs
}

func numericEntity(ent string) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	hex := ent[1] == 'x' || ent[1] == 'X'
	digits := ent[1:]
	if hex {
		digits = ent[2:]
	}
	if digits == "" {
		return 0, false
	}
	var n rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case hex && c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case hex && c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		if hex {
			n = n*16 + d
		} else {
			n = n*10 + d
		}
		if n > unicode.MaxRune {
			return 0, false
		}
	}
	if n == 0 || !utf8.ValidRune(n) {
		return 0, false
	}
	return n, true
}
