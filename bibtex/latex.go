package bibtex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// accents maps combining marks to LaTeX accent commands. The symbol accents are written \'e (as INSPIRE writes
// them), the letter accents \c{c}.
var accents = map[rune]string{
	'\u0301': `'`, '\u0300': "`", '\u0302': "^", '\u0308': `"`, '\u0303': "~", '\u0304': "=", '\u0307': ".",
	'\u0327': "c", '\u030C': "v", '\u0306': "u", '\u030B': "H", '\u0328': "k", '\u030A': "r", '\u0323': "d",
	'\u0331': "b",
}

// letters are the letters LaTeX writes with a command of their own (and reference parsers read back). Other
// characters LaTeX has a command for (…, §, €, ©) are written as they are: BibTeX files are UTF-8.
var letters = map[rune]string{
	'ł': `\l`, 'Ł': `\L`, 'ø': `\o`, 'Ø': `\O`, 'ß': `\ss`, 'æ': `\ae`, 'Æ': `\AE`, 'œ': `\oe`, 'Œ': `\OE`,
	'ı': `\i`, 'ȷ': `\j`, 'đ': `\dj`, 'Đ': `\DJ`, 'ŋ': `\ng`, 'Ŋ': `\NG`,
}

// texts are characters written as plain LaTeX text.
var texts = map[rune]string{
	'–': "--", '—': "---", '‘': "`", '’': "'", '“': "``", '”': "''", '\u00a0': "~", '\u2009': `\,`,
}

// maths are characters LaTeX writes in math mode; outside math they are wrapped in \ensuremath{...}, as INSPIRE does.
var maths = map[rune]string{
	'α': `\alpha`, 'β': `\beta`, 'γ': `\gamma`, 'δ': `\delta`, 'ε': `\epsilon`, 'ζ': `\zeta`, 'η': `\eta`,
	'θ': `\theta`, 'ι': `\iota`, 'κ': `\kappa`, 'λ': `\lambda`, 'μ': `\mu`, 'ν': `\nu`, 'ξ': `\xi`, 'π': `\pi`,
	'ρ': `\rho`, 'σ': `\sigma`, 'ς': `\varsigma`, 'τ': `\tau`, 'υ': `\upsilon`, 'φ': `\phi`, 'χ': `\chi`,
	'ψ': `\psi`, 'ω': `\omega`, 'ϕ': `\varphi`, 'ϑ': `\vartheta`, 'ϵ': `\varepsilon`,
	'Γ': `\Gamma`, 'Δ': `\Delta`, 'Θ': `\Theta`, 'Λ': `\Lambda`, 'Ξ': `\Xi`, 'Π': `\Pi`, 'Σ': `\Sigma`,
	'Υ': `\Upsilon`, 'Φ': `\Phi`, 'Ψ': `\Psi`, 'Ω': `\Omega`, 'µ': `\mu`,
	'±': `\pm`, '∓': `\mp`, '×': `\times`, '÷': `\div`, '·': `\cdot`, '≤': `\leq`, '≥': `\geq`, '≠': `\neq`,
	'≈': `\approx`, '∼': `\sim`, '≃': `\simeq`, '≡': `\equiv`, '∝': `\propto`, '∞': `\infty`, '∂': `\partial`,
	'∇': `\nabla`, '√': `\surd`, '∑': `\sum`, '∏': `\prod`, '∫': `\int`, '→': `\rightarrow`, '←': `\leftarrow`,
	'↔': `\leftrightarrow`, '⇒': `\Rightarrow`, '⟨': `\langle`, '⟩': `\rangle`, '°': `^\circ`, '′': `\prime`,
	'ℏ': `\hbar`, 'ℓ': `\ell`, '∈': `\in`, '⊂': `\subset`, '∪': `\cup`, '∩': `\cap`, '≪': `\ll`, '≫': `\gg`,
	'⊗': `\otimes`, '⊕': `\oplus`, '†': `\dagger`, '−': `-`,
}

// mathSegments splits s at its $ signs when they pair up as TeX math does in titles (INSPIRE's titles hold it:
// "$t\bar{t}$ production"): a $ that opens is followed by a non-space, a $ that closes follows a non-space and is
// not followed by a digit, and the math between them has balanced braces. Odd parts of the result are math. When
// the $ signs do not pair up that way, s is one text part ("costs $5 and $10").
func mathSegments(s string) []string {
	if strings.Count(s, "$")-strings.Count(s, `\$`) < 2 {
		return []string{s}
	}
	var parts []string
	start := 0
	inMath := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++ // an escaped character, \$ included
		case '$':
			if !inMath && (i+1 >= len(s) || isSpace(s[i+1])) {
				return []string{s}
			}
			if inMath && (isSpace(s[i-1]) || i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9') {
				return []string{s}
			}
			parts = append(parts, s[start:i])
			start = i + 1
			inMath = !inMath
		}
	}
	parts = append(parts, s[start:])
	if inMath {
		return []string{s}
	}
	for i := 1; i < len(parts); i += 2 {
		if !balanced(parts[i]) || parts[i] == "" {
			return []string{s}
		}
	}
	return parts
}

// balanced reports whether the braces of s balance, counting every brace as BibTeX does (escaped ones too).
func balanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// Encode writes plain text as the LaTeX of a BibTeX field: the characters special to LaTeX escaped, accented letters
// as accent commands ("Gérard" → G\'erard), Greek letters and mathematical symbols as \ensuremath{\gamma}, other
// letters with a command of their own as it (\l{}); TeX math between paired $ signs is kept as it is. Characters
// LaTeX has no command for are kept (BibTeX files are UTF-8). The result has balanced braces and no bare '"', so it
// can stand between quotes or braces.
func Encode(s string) string {
	var b strings.Builder
	for i, part := range mathSegments(s) {
		if i%2 == 1 {
			b.WriteByte('$')
			encodeMath(&b, part)
			b.WriteByte('$')
			continue
		}
		encodeText(&b, part)
	}
	return b.String()
}

func encodeText(b *strings.Builder, s string) {
	s = norm.NFC.String(s)
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{':
			b.WriteString(`\textbraceleft{}`) // \{ would unbalance the braces BibTeX counts
		case '}':
			b.WriteString(`\textbraceright{}`)
		case '&', '%', '#', '_', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '"':
			b.WriteString(`{"}`)
		default:
			if r < utf8.RuneSelf {
				b.WriteRune(r)
				continue
			}
			encodeRune(b, r, false)
		}
	}
}

func encodeMath(b *strings.Builder, s string) {
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		if m, ok := maths[r]; ok {
			b.WriteString(m)
			if isLetterCommand(m) {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteRune(r)
	}
}

func isLetterCommand(c string) bool {
	r, _ := utf8.DecodeLastRuneInString(c)
	return len(c) > 1 && c[0] == '\\' && unicode.IsLetter(r)
}

func encodeRune(b *strings.Builder, r rune, _ bool) {
	if t, ok := texts[r]; ok {
		b.WriteString(t)
		return
	}
	if l, ok := letters[r]; ok {
		b.WriteString(l)
		b.WriteString("{}")
		return
	}
	if m, ok := maths[r]; ok {
		b.WriteString(`\ensuremath{`)
		b.WriteString(m)
		b.WriteString("}")
		return
	}
	d := norm.NFD.String(string(r))
	base, size := utf8.DecodeRuneInString(d)
	marks := d[size:]
	if marks == "" || base >= utf8.RuneSelf && letters[base] == "" {
		b.WriteRune(r)
		return
	}
	var cmds []string
	for _, m := range marks {
		a, ok := accents[m]
		if !ok {
			b.WriteRune(r)
			return
		}
		cmds = append(cmds, a)
	}
	inner := string(base) // \'i, not \'{\i}: LaTeX and the reference parsers read í from it
	if l, ok := letters[base]; ok {
		inner = l
	}
	// Marks nest from the innermost (the first after the base) outwards.
	for i, a := range cmds {
		letterCmd := unicode.IsLetter(rune(a[0]))
		switch {
		case a == `"`:
			// {\"u}: a bare \" would end a value written between quotes.
			inner = `{\"` + inner + "}"
		case i == 0 && len(cmds) == 1 && !letterCmd && len(inner) == 1:
			inner = `\` + a + inner
		default:
			inner = `\` + a + "{" + inner + "}"
		}
	}
	b.WriteString(inner)
}

// Decode reads the LaTeX of a BibTeX field as plain text: accent commands in any of their forms (\'e, \'{e},
// {\'e}, \'\i), the letter commands (\l, \ss, \o, ...), \ensuremath{\gamma} and the other math symbols Encode
// writes, escaped specials, dashes and quotes, and the braces that protect case (dropped). TeX math between $ signs
// is kept as it is, $ signs included, apart from \ensuremath; unknown commands are kept, font commands (\emph,
// \textit, \textbf, ...) give their argument.
func Decode(s string) string {
	if !strings.ContainsAny(s, "\\{}~`'-$") {
		return s
	}
	var b strings.Builder
	parts := mathSegments(s)
	for i, part := range parts {
		if i%2 == 1 {
			b.WriteByte('$')
			b.WriteString(part)
			b.WriteByte('$')
			continue
		}
		decodeText(&b, part)
	}
	return norm.NFC.String(b.String())
}

var (
	letterOf   = invert(letters)
	mathOf     = invertMath()
	accentOf   = invertAccents()
	fontCmds   = map[string]bool{"emph": true, "textit": true, "textbf": true, "textrm": true, "textsf": true, "texttt": true, "textsc": true, "textup": true, "textsl": true, "textnormal": true, "mbox": true, "text": true, "textsuperscript": true, "textsubscript": true, "mathrm": true, "ensuremath": true, "url": true, "href": true}
	textSymbol = map[string]string{
		"textbackslash": `\`, "textasciitilde": "~", "textasciicircum": "^", "textendash": "–", "textemdash": "—",
		"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
		"dots": "…", "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">", "textdegree": "°",
		"textmu": "µ", "textbraceleft": "{", "textbraceright": "}", "ldots": "…", "dag": "†", "ddag": "‡", "S": "§",
		"P": "¶", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "texteuro": "€", "pounds": "£",
		"textexclamdown": "¡", "textquestiondown": "¿", "aa": "å", "AA": "Å", "textperiodcentered": "·", "textbullet": "•",
	}
)

func invert(m map[rune]string) map[string]rune {
	out := make(map[string]rune, len(m))
	for r, c := range m {
		out[strings.TrimPrefix(c, `\`)] = r
	}
	return out
}

func invertMath() map[string]rune {
	out := map[string]rune{}
	for r, c := range maths {
		if r == 'µ' || r == '†' {
			continue // \mu is μ; \dagger is read as †
		}
		if strings.HasPrefix(c, `\`) {
			out[c[1:]] = r
		}
	}
	out["dagger"] = '†'
	out["circ"] = '°'
	out["le"] = '≤'
	out["ge"] = '≥'
	out["to"] = '→'
	return out
}

func invertAccents() map[string]rune {
	out := make(map[string]rune, len(accents))
	for r, a := range accents {
		out[a] = r
	}
	return out
}

// decodeText decodes LaTeX text (no $ math) into b.
func decodeText(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '{', '}':
			i++
		case '~':
			b.WriteByte(' ')
			i++
		case '^':
			// ^\circ, as Encode writes the degree sign in math.
			if rest, ok := strings.CutPrefix(s[i+1:], `\circ`); ok {
				b.WriteString("°")
				i = len(s) - len(rest)
				break
			}
			b.WriteByte('^')
			i++
		case '-':
			switch {
			case strings.HasPrefix(s[i:], "---"):
				b.WriteString("—")
				i += 3
			case strings.HasPrefix(s[i:], "--"):
				b.WriteString("–")
				i += 2
			default:
				b.WriteByte('-')
				i++
			}
		case '`':
			if strings.HasPrefix(s[i:], "``") {
				b.WriteString("“")
				i += 2
			} else {
				b.WriteString("‘")
				i++
			}
		case '\'':
			if strings.HasPrefix(s[i:], "''") {
				b.WriteString("”")
				i += 2
			} else {
				b.WriteByte('\'')
				i++
			}
		case '\\':
			i = decodeCommand(b, s, i)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b.WriteRune(r)
			i += size
		}
	}
}

// decodeCommand decodes the command at s[i] (a backslash) and returns the index after it.
func decodeCommand(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		b.WriteByte('\\')
		return i + 1
	}
	c := s[i+1]
	// Escaped specials and symbol accents are one character after the backslash.
	switch c {
	case '&', '%', '$', '#', '_', '{', '}', '\\':
		if c == '\\' {
			b.WriteByte(' ') // a line break
		} else {
			b.WriteByte(c)
		}
		return i + 2
	case ',', ';', ' ', ':':
		b.WriteByte(' ')
		return i + 2
	case '/', '-':
		return i + 2
	}
	if a, ok := accentOf[string(c)]; ok && !isASCIILetter(c) {
		base, next := accentArg(s, i+2)
		b.WriteString(norm.NFC.String(base + string(a)))
		return next
	}
	// A command name.
	j := i + 1
	for j < len(s) && isASCIILetter(s[j]) {
		j++
	}
	name := s[i+1 : j]
	if name == "" {
		r, size := utf8.DecodeRuneInString(s[i+1:])
		b.WriteRune(r)
		return i + 1 + size
	}
	if a, ok := accentOf[name]; ok && len(name) == 1 {
		base, next := accentArg(s, j)
		b.WriteString(norm.NFC.String(base + string(a)))
		return next
	}
	if r, ok := letterOf[name]; ok {
		b.WriteRune(r)
		return skipEmptyGroup(s, j)
	}
	if t, ok := textSymbol[name]; ok {
		b.WriteString(t)
		return skipEmptyGroup(s, j)
	}
	if r, ok := mathOf[name]; ok {
		b.WriteRune(r)
		return skipEmptyGroup(s, j)
	}
	if name == "ensuremath" && strings.HasPrefix(s[j:], "{-}") {
		b.WriteString("−") // the minus sign, as Encode writes it
		return j + 3
	}
	if fontCmds[name] {
		// The argument is decoded in place: drop the command, keep what follows.
		return j
	}
	b.WriteString(s[i:j])
	return j
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// accentArg reads the argument of an accent at s[i]: a letter, {letter}, \i, {\i} or " letter", and returns the base
// letter and the index after the argument.
func accentArg(s string, i int) (string, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) {
		return "", i
	}
	braced := s[i] == '{'
	if braced {
		i++
	}
	var base string
	switch {
	case i < len(s) && s[i] == '\\':
		j := i + 1
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		switch name := s[i+1 : j]; name {
		case "i":
			base = "i"
		case "j":
			base = "j"
		default:
			if r, ok := letterOf[name]; ok {
				base = string(r)
			}
		}
		i = skipEmptyGroup(s, j)
	case i < len(s):
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != '}' {
			base = string(r)
			i += size
		}
	}
	if braced && i < len(s) && s[i] == '}' {
		i++
	}
	return base, i
}

// skipEmptyGroup skips "{}" or one space after a command word.
func skipEmptyGroup(s string, j int) int {
	switch {
	case strings.HasPrefix(s[j:], "{}"):
		return j + 2
	case j < len(s) && s[j] == ' ':
		return j + 1
	}
	return j
}
