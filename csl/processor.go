package csl

import (
	"errors"
	"fmt"
	"strings"
)

// Processor formats citations and bibliographies with one style and one locale. It is immutable after New and safe
// for concurrent use by any number of goroutines: each call keeps its state (cited items, positions, disambiguation)
// in values of its own.
type Processor struct {
	style        *Style
	loc          localeChain
	lang         string
	quotes       quoteTerms
	punctInQuote bool
}

// Option configures a Processor. Options are checked by New.
type Option interface{ apply(*procConfig) error }

type optionFunc func(*procConfig) error

func (f optionFunc) apply(c *procConfig) error { return f(c) }

type procConfig struct {
	lang      string
	forceLang bool
	locales   []*Locale
	noBundled bool
}

// WithLocale sets the language (a BCP 47 tag such as "fr-FR" or "fr"). The style's default-locale wins unless
// force is set, as in citeproc-js.
func WithLocale(lang string, force bool) Option {
	return optionFunc(func(c *procConfig) error {
		if strings.TrimSpace(lang) == "" {
			return errors.New("csl: WithLocale: empty language tag")
		}
		c.lang, c.forceLang = lang, force
		return nil
	})
}

// WithLocales adds locale files (parsed with ParseLocale or read with ReadLocaleDir) to those consulted; they take
// precedence over the bundled ones of the same language.
func WithLocales(locales ...*Locale) Option {
	return optionFunc(func(c *procConfig) error {
		for i, l := range locales {
			if l == nil {
				return fmt.Errorf("csl: WithLocales: locale %d is nil", i)
			}
		}
		c.locales = append(c.locales, locales...)
		return nil
	})
}

// WithoutBundledLocales makes the processor use only the locales given with WithLocales.
func WithoutBundledLocales() Option {
	return optionFunc(func(c *procConfig) error { c.noBundled = true; return nil })
}

// ErrDependentStyle is returned by New for a dependent style whose parent is not bundled: parse the parent and pass
// it instead (with the dependent's default locale).
var ErrDependentStyle = errors.New("csl: dependent style: its independent parent is needed")

// New makes a processor for a style. A dependent style is replaced by its bundled parent when there is one (keeping
// the dependent's default-locale).
func New(style *Style, opts ...Option) (*Processor, error) {
	if style == nil {
		return nil, errors.New("csl: New: nil style")
	}
	cfg := &procConfig{}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("csl: New: option %d is nil", i)
		}
		if err := o.apply(cfg); err != nil {
			return nil, err
		}
	}
	if style.Parent != "" && style.citation == nil {
		parent, err := BundledStyleByID(style.Parent)
		if err != nil {
			return nil, fmt.Errorf("%w (%s)", ErrDependentStyle, style.Parent)
		}
		dl := style.DefaultLocale
		cp := *parent
		if dl != "" {
			cp.DefaultLocale = dl
		}
		style = &cp
	}
	lang := "en-US"
	if style.DefaultLocale != "" {
		lang = style.DefaultLocale
	}
	if cfg.lang != "" && (cfg.forceLang || style.DefaultLocale == "") {
		lang = cfg.lang
	}
	p := &Processor{style: style, lang: lang}
	p.loc = buildChain(style, lang, cfg)
	p.quotes = quoteTerms{
		open:       orDefault(p.loc.termText("open-quote", "long", false), "“"),
		close:      orDefault(p.loc.termText("close-quote", "long", false), "”"),
		openInner:  orDefault(p.loc.termText("open-inner-quote", "long", false), "‘"),
		closeInner: orDefault(p.loc.termText("close-inner-quote", "long", false), "’"),
	}
	p.punctInQuote = p.loc.opt("punctuation-in-quote") == "true"
	return p, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// Style returns the processor's style.
func (p *Processor) Style() *Style { return p.style }

// Lang returns the language the processor renders in.
func (p *Processor) Lang() string { return p.lang }

func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		return tag[:i]
	}
	return tag
}

// primaryDialects maps a bare language to the locale file used for it (from the CSL locales repository).
var primaryDialects = map[string]string{
	"af": "af-ZA", "ar": "ar", "bg": "bg-BG", "ca": "ca-AD", "cs": "cs-CZ", "cy": "cy-GB", "da": "da-DK",
	"de": "de-DE", "el": "el-GR", "en": "en-US", "es": "es-ES", "et": "et-EE", "eu": "eu", "fa": "fa-IR",
	"fi": "fi-FI", "fr": "fr-FR", "he": "he-IL", "hi": "hi-IN", "hr": "hr-HR", "hu": "hu-HU", "id": "id-ID",
	"is": "is-IS", "it": "it-IT", "ja": "ja-JP", "km": "km-KH", "ko": "ko-KR", "la": "la", "lt": "lt-LT",
	"lv": "lv-LV", "mn": "mn-MN", "nb": "nb-NO", "nl": "nl-NL", "nn": "nn-NO", "pl": "pl-PL", "pt": "pt-PT",
	"ro": "ro-RO", "ru": "ru-RU", "sk": "sk-SK", "sl": "sl-SI", "sr": "sr-RS", "sv": "sv-SE", "th": "th-TH",
	"tr": "tr-TR", "uk": "uk-UA", "vi": "vi-VN", "zh": "zh-CN",
}

func buildChain(style *Style, lang string, cfg *procConfig) localeChain {
	var chain localeChain
	base := baseLang(lang)
	// In-style locales: exact, then base language, then no language.
	for _, l := range style.locales {
		if strings.EqualFold(l.Lang, lang) {
			chain = append(chain, l)
		}
	}
	for _, l := range style.locales {
		if l.Lang != "" && !strings.EqualFold(l.Lang, lang) && strings.EqualFold(l.Lang, base) {
			chain = append(chain, l)
		}
	}
	for _, l := range style.locales {
		if l.Lang == "" {
			chain = append(chain, l)
		}
	}
	find := func(tag string) *Locale {
		for _, l := range cfg.locales {
			if strings.EqualFold(l.Lang, tag) {
				return l
			}
		}
		if !cfg.noBundled {
			if l, ok := bundledLocale(tag); ok {
				return l
			}
		}
		return nil
	}
	seen := map[*Locale]bool{}
	add := func(l *Locale) {
		if l != nil && !seen[l] {
			seen[l] = true
			chain = append(chain, l)
		}
	}
	add(find(lang))
	if pd, ok := primaryDialects[base]; ok {
		add(find(pd))
	}
	add(find(base))
	add(find("en-US"))
	return chain
}
