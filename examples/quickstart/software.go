package main

import (
	"fmt"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/software"
)

// softwareStep names the exact build of this program as software that produced the dataset: the program describes
// itself from its Go build information, completes the commit from the git checkout it runs in ("go run" does not
// stamp it; the repository files are read directly, no git binary needed), and links itself to the record with an
// IsCompiledBy relation — the commit's SWHID, or the repository when there is no checkout.
func softwareStep(rec *fair.Resource) error {
	rel, err := software.Self()
	if err != nil {
		return err
	}
	if rel.Commit == "" {
		if repo, err := software.OpenRepo("."); err == nil {
			if g, err := repo.Git(); err == nil {
				rel.Commit, rel.Tag = g.Commit, g.Tag
				if g.Status.Dirty() && !rel.Modified() {
					rel.Version = "(devel)+dirty"
				}
			}
		}
	}
	fmt.Printf("  %s %s, built with %v from %s\n", rel.Name, orDevel(rel.Version), rel.RuntimePlatforms, orUnknown(rel.Repository))
	if rel.Commit != "" {
		fmt.Printf("  commit %s%s\n", rel.Commit, map[bool]string{true: " (with uncommitted changes)"}[rel.Modified()])
	}
	// LinkDataset says when the build cannot be named by a clean commit (go run with -buildvcs=false outside a
	// checkout, a modified tree): the record then carries the repository only, and the warning says what to do.
	for _, w := range (&software.Run{Software: rel}).LinkDataset(rec) {
		fmt.Printf("  warning: %s\n", w.Reason)
	}
	for _, ref := range software.ProducedBy(rec) {
		fmt.Printf("  IsCompiledBy %-5s %s\n", ref.Type, ref.Identifier)
	}
	return nil
}

func orDevel(v string) string {
	if v == "" {
		return "(devel)"
	}
	return v
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown repository"
	}
	return s
}
