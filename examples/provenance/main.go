// Provenance is a small pipeline step that writes a data file and its metadata, linked to the exact build of the
// program that wrote it:
//
//	go run ./examples/provenance [-out DIR]
//
// It calibrates (simulated) air-shower events into events.csv, then records the run: this program's release,
// described from its Go build information and completed from the git checkout it runs in (read from the
// repository files, no git binary needed), its input and parameters, start and end times and the person it ran for.
// It writes
//
//   - dataset.json: the dataset's record (fairmeta JSON), whose related identifiers say it IsCompiledBy the build
//     (the commit's SWHID, or for a modified tree the swh:1:dir of the source it was built from) and IsDerivedFrom
//     its input;
//   - ro-crate-metadata.json: the run as an RO-Crate following the Process Run Crate profile 0.5, with PROV-O terms;
//
// and reads both back to say which software produced the data. Offline, a fraction of a second.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/software"
)

func main() {
	out := flag.String("out", "", "directory for the outputs (default: a new temporary directory)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "provenance:", err)
		os.Exit(1)
	}
}

// rawEvents is the (illustrative) DOI of the raw data the step reads.
const rawEvents = "10.5281/zenodo.1234567"

func run(out string) error {
	if out == "" {
		d, err := os.MkdirTemp("", "provenance-")
		if err != nil {
			return err
		}
		out = d
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	start := time.Now().UTC()
	params := []software.Parameter{{Name: "gain", Value: "1.042"}, {Name: "seed", Value: "4271"}}
	if err := calibrate(filepath.Join(out, "events.csv"), 1.042, 4271); err != nil {
		return err
	}
	end := time.Now().UTC()

	rel, err := thisBuild()
	if err != nil {
		return err
	}
	operator := fair.Creator{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
		NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"}},
		Affiliations:    []fair.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR", SchemeURI: "https://ror.org"}}}
	step := &software.Run{
		ID: "#calibration", Name: "Calibrate air-shower events of run 4271",
		Software: rel, Agent: &operator,
		Inputs:     []software.Entity{{ID: rawEvents, Name: "Raw air-shower events, run 4271"}},
		Parameters: params, Start: start, End: end,
	}
	ds := &fair.Resource{
		Titles:          []fair.Title{{Title: "Calibrated air-shower events, run 4271 (example)"}},
		Creators:        []fair.Creator{operator},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: start.Year(),
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Calibrated event list"},
		Rights:          []fair.Rights{{Rights: "CC-BY-4.0", Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX", URI: "https://spdx.org/licenses/CC-BY-4.0.html"}},
		Formats:         []string{"text/csv"},
	}
	for _, w := range step.LinkDataset(ds) {
		fmt.Fprintln(os.Stderr, "provenance: warning:", w)
	}
	if err := software.WriteRunCrateDir(out, step, ds); err != nil {
		return err
	}
	for _, o := range step.Outputs {
		ds.Distributions = append(ds.Distributions, fair.Distribution{Name: o.Name, ContentURL: o.ID, MediaType: o.MediaType,
			Size: o.Size, Checksum: o.Checksum})
	}
	data, err := json.MarshalIndent(ds, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "dataset.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}

	fmt.Println("wrote", out)
	fmt.Println("\n== which software produced the dataset (from dataset.json)")
	var back fair.Resource
	data, err = os.ReadFile(filepath.Join(out, "dataset.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &back); err != nil {
		return err
	}
	for _, ref := range software.ProducedBy(&back) {
		fmt.Printf("  IsCompiledBy %-5s %s\n", ref.Type, ref.Identifier)
	}
	fmt.Println("\n== the run (from ro-crate-metadata.json)")
	crate, err := os.ReadFile(filepath.Join(out, software.CrateMetadataFile))
	if err != nil {
		return err
	}
	runs, err := software.ReadRunCrate(crate)
	if err != nil {
		return err
	}
	for _, r := range runs {
		fmt.Printf("  %s: %s %s (commit %s) for %s, %s → %s\n", r.Name, r.Software.Name, r.Software.Version, short(r.Software.Commit),
			r.Agent.Name, ids(r.Inputs), ids(r.Outputs))
	}
	return nil
}

// thisBuild describes the running program: its Go build information, completed from the git checkout when "go
// run" did not stamp the commit. A build from a modified tree is named by the swh:1:dir of its module's source.
func thisBuild() (*software.Release, error) {
	rel, err := software.Self()
	if err != nil {
		return nil, err
	}
	root := moduleRoot()
	if rel.Commit == "" && root != "" {
		if repo, err := software.OpenRepo(root); err == nil {
			g, err := repo.Git()
			if err != nil {
				return nil, err
			}
			rel.Commit, rel.Tag, rel.CommitTime = g.Commit, g.Tag, g.CommitTime
			if rel.Repository == "" {
				rel.Repository = g.Remote
			}
			if g.Status.Dirty() && !rel.Modified() {
				if rel.Version == "" {
					rel.Version = "(devel)"
				}
				rel.Version += "+dirty"
			}
		}
	}
	if rel.Modified() && root != "" {
		id, err := software.DirSWHID(root)
		if err != nil {
			return nil, err
		}
		rel.SWHID = id.String()
	}
	return rel, nil
}

// moduleRoot finds the directory of go.mod above the working directory, or "".
func moduleRoot() string {
	d, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		p := filepath.Dir(d)
		if p == d {
			return ""
		}
		d = p
	}
}

// calibrate writes simulated calibrated events: energies drawn from a power law, scaled by the gain.
func calibrate(path string, gain float64, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0))
	var b strings.Builder
	b.WriteString("event,energy_eV,zenith_deg\n")
	for i := 1; i <= 1000; i++ {
		energy := 1e18 * math.Pow(1-rng.Float64(), -1/1.7) * gain // E^-2.7 spectrum above 1 EeV
		zenith := math.Acos(math.Sqrt(1-rng.Float64()*0.75)) * 180 / math.Pi
		fmt.Fprintf(&b, "%d,%.4g,%.2f\n", i, energy, zenith)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	if s == "" {
		return "unknown"
	}
	return s
}

func ids(es []software.Entity) string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return strings.Join(out, ", ")
}
