package git

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"

	"github.com/dop2i/fairmeta/internal/safefile"
)

// Config reads the repository's config file into "section.subsection.key" (section and key in lower case, the
// subsection as written) → values, in file order. Includes are not followed.
func (r *Repo) Config() (map[string][]string, error) {
	data, err := safefile.ReadFile(r.CommonDir, "config", maxConfig)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string][]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseConfig(data)
}

// ParseConfig parses git's config file syntax: [section] and [section "subsection"] headers, key = value lines,
// comments after ; or #, double-quoted values with \" \\ \n \t escapes, and lines continued with a backslash.
func ParseConfig(data []byte) (map[string][]string, error) {
	out := map[string][]string{}
	section := ""
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for n := 0; n < len(lines); n++ {
		line := strings.TrimSpace(lines[n])
		for strings.HasSuffix(line, "\\") && n+1 < len(lines) {
			n++
			line = line[:len(line)-1] + lines[n]
		}
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			end := strings.LastIndexByte(line, ']')
			if end < 0 {
				return nil, errorf("config", "line %d: section header without ]", n+1)
			}
			head := strings.TrimSpace(line[1:end])
			name, sub, hasSub := strings.Cut(head, " ")
			section = strings.ToLower(name)
			if hasSub {
				sub = strings.TrimSpace(sub)
				if len(sub) < 2 || sub[0] != '"' || sub[len(sub)-1] != '"' {
					return nil, errorf("config", "line %d: subsection %s is not quoted", n+1, sub)
				}
				section += "." + strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(sub[1:len(sub)-1])
			} else if i := strings.IndexByte(name, '.'); i >= 0 { // old [section.subsection] form
				section = strings.ToLower(name[:i]) + "." + name[i+1:]
			}
			continue
		}
		if section == "" {
			return nil, errorf("config", "line %d: key outside any section", n+1)
		}
		key, val, hasVal := strings.Cut(line, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if key == "" {
			return nil, errorf("config", "line %d: empty key", n+1)
		}
		v := "true" // a key without "=" is a boolean true
		if hasVal {
			v = configValue(strings.TrimSpace(val))
		}
		out[section+"."+key] = append(out[section+"."+key], v)
	}
	return out, nil
}

// configValue unquotes a config value and removes a trailing comment.
func configValue(s string) string {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\\' && i+1 < len(s):
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(s[i])
			}
		case (c == '#' || c == ';') && !quoted:
			return strings.TrimSpace(b.String())
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}

// RemoteURL returns the URL of the named remote ("origin") as a web address without credentials (see [WebURL]),
// or "" when the remote is not configured.
func (r *Repo) RemoteURL(name string) (string, error) {
	cfg, err := r.Config()
	if err != nil {
		return "", err
	}
	urls := cfg["remote."+name+".url"]
	if len(urls) == 0 {
		return "", nil
	}
	return WebURL(urls[0]), nil
}

// WebURL turns a git remote address into the web address of the repository: "git@host:group/tool.git" and
// "ssh://git@host/group/tool.git" become "https://host/group/tool", a trailing ".git" is removed, and anything that
// may carry a credential is dropped so that none leaks into metadata: the user name and password, the query
// ("?private_token=..."), the fragment. A local path or file:// URL gives "": it is a path of this machine, not an
// address anyone else can reach, and must not be published.
func WebURL(remote string) string {
	s := strings.TrimSpace(remote)
	if !strings.Contains(s, "://") {
		// scp-like syntax: [user@]host:path, where host has no slash before the colon. The user part goes first,
		// whatever it holds ("user:token@host:path" is not a host "user").
		if head, _, _ := strings.Cut(s, "/"); strings.Contains(head, "@") {
			s = s[strings.LastIndexByte(head, '@')+1:]
		}
		if at := strings.IndexByte(s, ':'); at > 1 && !strings.ContainsAny(s[:at], "/\\") { // "C:\..." is a path
			path, _, _ := strings.Cut(s[at+1:], "?")
			path, _, _ = strings.Cut(path, "#")
			return "https://" + s[:at] + "/" + strings.TrimSuffix(strings.TrimPrefix(path, "/"), ".git")
		}
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.Host == "" {
		return ""
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	switch u.Scheme {
	case "ssh", "git", "git+ssh", "ssh+git":
		u.Scheme = "https"
		u.Host = u.Hostname()
	case "http", "https":
	default:
		return "" // file://, and schemes no one can browse
	}
	u.Path = strings.TrimSuffix(u.Path, ".git")
	u.RawPath = ""
	return u.String()
}
