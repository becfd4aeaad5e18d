package csl

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// The bundled styles and locales (CC BY-SA 3.0; see bundled/README.md for their sources).
//
//go:embed bundled/styles/*.csl bundled/locales/*.xml
var bundledFS embed.FS

var (
	bundledStylesOnce = sync.OnceValues(loadBundledStyles)
	bundledLocaleOnce = sync.OnceValue(loadBundledLocales)
)

func loadBundledStyles() (map[string]*Style, error) {
	out := map[string]*Style{}
	entries, err := fs.ReadDir(bundledFS, "bundled/styles")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		data, err := bundledFS.ReadFile("bundled/styles/" + e.Name())
		if err != nil {
			return nil, err
		}
		s, err := ParseStyle(data)
		if err != nil {
			return nil, fmt.Errorf("bundled style %s: %w", e.Name(), err)
		}
		out[strings.TrimSuffix(e.Name(), ".csl")] = s
	}
	return out, nil
}

func loadBundledLocales() map[string]*Locale {
	out := map[string]*Locale{}
	entries, _ := fs.ReadDir(bundledFS, "bundled/locales")
	for _, e := range entries {
		data, err := bundledFS.ReadFile("bundled/locales/" + e.Name())
		if err != nil {
			continue
		}
		l, err := ParseLocale(data)
		if err != nil {
			continue
		}
		out[strings.ToLower(l.Lang)] = l
	}
	return out
}

func bundledLocale(tag string) (*Locale, bool) {
	l, ok := bundledLocaleOnce()[strings.ToLower(tag)]
	return l, ok
}

// BundledStyles lists the names of the bundled styles ("apa", "ieee", "american-physics-society",
// "physical-review-letters", …).
func BundledStyles() []string {
	m, _ := bundledStylesOnce()
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// BundledLocales lists the languages of the bundled locales.
func BundledLocales() []string {
	var out []string
	for _, l := range bundledLocaleOnce() {
		out = append(out, l.Lang)
	}
	sort.Strings(out)
	return out
}

// ErrUnknownStyle is returned for a style name that is neither bundled nor a readable file.
var ErrUnknownStyle = errors.New("csl: unknown style")

// BundledStyle returns a bundled style by name (file name without .csl, e.g. "apa") or by its CSL id URL.
// The styles are parsed once and shared.
func BundledStyle(name string) (*Style, error) {
	m, err := bundledStylesOnce()
	if err != nil {
		return nil, err
	}
	if s, ok := m[name]; ok {
		return s, nil
	}
	return BundledStyleByID(name)
}

// BundledStyleByID returns the bundled style whose CSL id (e.g. "http://www.zotero.org/styles/apa") is id.
func BundledStyleByID(id string) (*Style, error) {
	m, err := bundledStylesOnce()
	if err != nil {
		return nil, err
	}
	id = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(id, "http://"), "https://"), "/")
	for _, s := range m {
		sid := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s.ID, "http://"), "https://"), "/")
		if sid == id {
			return s, nil
		}
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownStyle, id)
}

// LoadStyle returns a bundled style by name, or parses the .csl file at path when name is a file name (a path
// containing a separator or ending in .csl). Reading a file is the caller's explicit choice.
func LoadStyle(name string) (*Style, error) {
	if strings.HasSuffix(name, ".csl") || strings.ContainsRune(name, filepath.Separator) || strings.Contains(name, "/") {
		data, err := readLimited(name, maxXMLBytes)
		if err != nil {
			return nil, err
		}
		return ParseStyle(data)
	}
	return BundledStyle(name)
}

// ReadLocaleDir parses every locales-*.xml file in a directory (a checkout of the CSL locales repository, for
// example), for use with WithLocales.
func ReadLocaleDir(dir string) ([]*Locale, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []*Locale
	for _, e := range entries {
		if e.IsDir() || !strings.HasPrefix(e.Name(), "locales-") || !strings.HasSuffix(e.Name(), ".xml") {
			continue
		}
		data, err := readLimited(filepath.Join(dir, e.Name()), maxXMLBytes)
		if err != nil {
			return nil, err
		}
		l, err := ParseLocale(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if l.Lang == "" {
			l.Lang = strings.TrimSuffix(strings.TrimPrefix(e.Name(), "locales-"), ".xml")
		}
		out = append(out, l)
	}
	return out, nil
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("csl: %s: larger than %d bytes", path, limit)
	}
	buf := make([]byte, st.Size())
	_, err = io.ReadFull(f, buf)
	return buf, err
}
