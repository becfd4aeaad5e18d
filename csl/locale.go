package csl

import (
	"fmt"
	"strings"
)

// Locale is a parsed CSL locale: terms, localized date formats and style options for one language. A Locale is
// immutable once parsed and safe for concurrent use.
type Locale struct {
	// Lang is the locale's language tag (xml:lang), e.g. "fr-FR"; empty for an in-style locale without one.
	Lang string

	terms map[termKey]*term
	// ordinals is true when the locale defines any ordinal term: those then replace every ordinal term of the
	// locales it overrides (CSL 1.0.1 rule).
	ordinals bool
	dates    map[string]*dateEl
	opts     map[string]string
}

type termKey struct {
	name, form, genderForm string
}

type term struct {
	single, multiple string
	gender           string // of a noun term: masculine/feminine
	match            string // ordinals: last-digit, last-two-digits, whole-number
}

// LocaleError reports a locale that cannot be parsed.
type LocaleError struct {
	Msg string
}

func (e *LocaleError) Error() string { return "csl: locale: " + e.Msg }

// ParseLocale parses a CSL locale file (locales-xx-XX.xml).
func ParseLocale(data []byte) (*Locale, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, &LocaleError{Msg: err.Error()}
	}
	if root.name != "locale" {
		return nil, &LocaleError{Msg: fmt.Sprintf("root element is <%s>, want <locale>", root.name)}
	}
	return compileLocale(root)
}

func compileLocale(n *xnode) (*Locale, error) {
	l := &Locale{Lang: n.attr("xml:lang"), terms: map[termKey]*term{}, dates: map[string]*dateEl{}, opts: map[string]string{}}
	for _, k := range n.kids {
		switch k.name {
		case "style-options":
			for a, v := range k.attrs {
				l.opts[a] = v
			}
		case "date":
			d, err := compileDate(k, nil)
			if err != nil {
				return nil, &LocaleError{Msg: err.Error()}
			}
			form := k.attr("form")
			if form != "text" && form != "numeric" {
				continue
			}
			l.dates[form] = d
		case "terms":
			for _, t := range k.kids {
				if t.name != "term" {
					continue
				}
				name := t.attr("name")
				form := t.attr("form")
				if form == "" {
					form = "long"
				}
				tm := &term{gender: t.attr("gender"), match: t.attr("match")}
				if s := t.child("single"); s != nil {
					tm.single = s.text
					if m := t.child("multiple"); m != nil {
						tm.multiple = m.text
					} else {
						tm.multiple = s.text
					}
				} else if m := t.child("multiple"); m != nil {
					tm.single, tm.multiple = m.text, m.text
				} else {
					tm.single, tm.multiple = t.text, t.text
				}
				if strings.HasPrefix(name, "ordinal") {
					l.ordinals = true
				}
				l.terms[termKey{name, form, t.attr("gender-form")}] = tm
			}
		}
	}
	return l, nil
}

// localeChain is the ordered list of locales consulted for one style and language: the style's own locale elements
// (exact language, then base language, then those without a language), then the locale files (exact, base dialect),
// then en-US.
type localeChain []*Locale

// findTerm looks a term up through the chain for one form, without form fallback. gender selects a gender-form
// variant (ordinals); a missing variant falls back to the neuter one in the same locale.
func (c localeChain) findTerm(name, form, gender string) *term {
	ordinal := strings.HasPrefix(name, "ordinal") || strings.HasPrefix(name, "long-ordinal")
	for _, l := range c {
		if ordinal && strings.HasPrefix(name, "ordinal") && l.ordinals {
			// This locale's ordinals replace all later ones.
			if gender != "" {
				if t := l.terms[termKey{name, form, gender}]; t != nil {
					return t
				}
			}
			return l.terms[termKey{name, form, ""}]
		}
		if gender != "" {
			if t := l.terms[termKey{name, form, gender}]; t != nil {
				return t
			}
		}
		if t := l.terms[termKey{name, form, ""}]; t != nil {
			return t
		}
	}
	return nil
}

// term looks a term up with the CSL form fallbacks (verb-short → verb → long, symbol → short → long, short → long).
func (c localeChain) term(name, form, gender string) *term {
	if form == "" {
		form = "long"
	}
	for _, f := range formFallback(form) {
		if t := c.findTerm(name, f, gender); t != nil {
			return t
		}
	}
	return nil
}

func formFallback(form string) []string {
	switch form {
	case "verb-short":
		return []string{"verb-short", "verb", "long"}
	case "symbol":
		return []string{"symbol", "short", "long"}
	case "short":
		return []string{"short", "long"}
	case "verb":
		return []string{"verb", "long"}
	}
	return []string{"long"}
}

// termText returns a term's text, plural or singular; "" when the locale has no such term.
func (c localeChain) termText(name, form string, plural bool) string {
	t := c.term(name, form, "")
	if t == nil {
		return ""
	}
	if plural {
		return t.multiple
	}
	return t.single
}

// termGender returns the grammatical gender of a noun term (used to pick ordinal forms).
func (c localeChain) termGender(name string) string {
	for _, l := range c {
		if t := l.terms[termKey{name, "long", ""}]; t != nil && t.gender != "" {
			return t.gender
		}
		if t := l.terms[termKey{name, "short", ""}]; t != nil && t.gender != "" {
			return t.gender
		}
	}
	return ""
}

func (c localeChain) date(form string) *dateEl {
	for _, l := range c {
		if d := l.dates[form]; d != nil {
			return d
		}
	}
	return nil
}

func (c localeChain) opt(name string) string {
	for _, l := range c {
		if v, ok := l.opts[name]; ok {
			return v
		}
	}
	return ""
}

// ordinalSuffix returns the ordinal suffix for n (e.g. "st", "e", "."), picking the gendered form when the term the
// number qualifies has a gender.
func (c localeChain) ordinalSuffix(n int, gender string) string {
	if n < 0 {
		n = -n
	}
	for _, l := range c {
		if !l.ordinals {
			continue
		}
		if s, ok := l.ordinalFor(n, gender); ok {
			return s
		}
		if gender != "" {
			if s, ok := l.ordinalFor(n, ""); ok {
				return s
			}
		}
		return ""
	}
	return ""
}

func (l *Locale) ordinalFor(n int, gender string) (string, bool) {
	get := func(name string) *term { return l.terms[termKey{name, "long", gender}] }
	// Two-digit terms first (ordinal-10 … ordinal-99), then one-digit (ordinal-00 … ordinal-09).
	if t := get(fmt.Sprintf("ordinal-%02d", n%100)); t != nil && n%100 >= 10 {
		if t.match != "whole-number" || n < 100 {
			return t.single, true
		}
	}
	if t := get(fmt.Sprintf("ordinal-%02d", n%10)); t != nil {
		switch t.match {
		case "last-two-digits":
			if n%100 < 10 {
				return t.single, true
			}
		case "whole-number":
			if n < 10 {
				return t.single, true
			}
		default:
			return t.single, true
		}
	}
	if t := get("ordinal"); t != nil {
		return t.single, true
	}
	return "", false
}
