package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/harvest/oaipmhtest"
	"github.com/dop2i/fairmeta/internal/datagen"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestREADMEWorkingAtScale runs every command of the README's "Working at scale" section, in order, against
// loopback servers and generated data files.
func TestREADMEWorkingAtScale(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(testenv.SharedData(t, "datacite", "rest", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Data []json.RawMessage `json:"data"`
	}
	json.Unmarshal(data, &doc)
	gen := func(n int, seed uint64) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if _, err := datagen.Generate(zw, doc.Data, datagen.Options{Records: n, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		zw.Close()
		return buf.Bytes()
	}
	os.WriteFile(filepath.Join(dir, "dois.jsonl.gz"), gen(400, 1), 0o644)
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	for i, name := range []string{"dois/updated_2024-01/part_0001.jsonl.gz", "dois/updated_2024-02/part_0001.jsonl.gz"} {
		part := gen(300, uint64(10+i))
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(part)), Typeflag: tar.TypeReg})
		tw.Write(part)
	}
	tw.Close()
	os.WriteFile(filepath.Join(dir, "DataCite_Public_Data_File.tar"), tb.Bytes(), 0o644)
	for i, name := range []string{"dois/updated_2024-01/part_0001.jsonl.gz", "dois/updated_2024-02/part_0001.jsonl.gz"} { // as tar xf leaves them
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), gen(300, uint64(10+i)), 0o644)
	}
	plain := bytes.Buffer{}
	datagen.Generate(&plain, doc.Data, datagen.Options{Records: 400, Seed: 2})
	os.WriteFile(filepath.Join(dir, "dois.jsonl"), plain.Bytes(), 0o644)

	recs := sampleDataCite(t, 60)
	oai := oaipmhtest.NewServer(oaipmhtest.WithSets(map[string]string{"CERN.ZENODO": "Zenodo"}), oaipmhtest.WithPageSize(25))
	defer oai.Close()
	dc := datacitetest.NewServer(datacitetest.WithRepository("CERN.ZENODO", "pw", "10.5281"), datacitetest.WithRepository("OTHER", "pw", "10.5072"))
	defer dc.Close()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, r := range recs {
		oai.Add(oaipmhtest.DataCiteRecord(r, t0.Add(time.Duration(i)*time.Hour), "CERN.ZENODO"))
		attrs, _ := json.Marshal(r)
		dc.Add(datacitetest.StoredDOI{DOI: r.DOI, Client: "CERN.ZENODO", State: "findable", Attributes: attrs, Created: t0,
			Updated: t0.Add(time.Duration(i) * 24 * time.Hour)})
	}
	cmds := readmeCommands(t, "Working at scale")
	t.Setenv("DATACITE_API_URL", dc.URL)
	t.Chdir(dir)

	vars := strings.NewReplacer(`"$SLURM_CPUS_PER_TASK"`, "2", "$mine", "dois/updated_2024-01/part_0001.jsonl.gz dois/updated_2024-02/part_0001.jsonl.gz",
		`"in2p3-$SLURM_ARRAY_TASK_ID.jsonl"`, "in2p3-1.jsonl", "{}", "1", "https://oai.datacite.org/oai", oai.URL)
	if len(cmds) < 8 {
		t.Fatalf("found %d commands in the section", len(cmds))
	}
	for _, c := range cmds {
		fields := strings.Fields(vars.Replace(c))
		var out string
		if i := indexOf(fields, ">"); i >= 0 {
			out, fields = fields[i+1], fields[:i]
		}
		code, stdout, stderr := runCLI(t, "", fields[1:]...)
		if code != exitOK {
			t.Errorf("%s: exit %d\n%s", c, code, stderr)
			continue
		}
		if out != "" {
			if err := os.WriteFile(out, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			if stdout == "" {
				t.Errorf("%s: nothing written", c)
			}
		}
	}
	for _, f := range []string{"zenodo.jsonl", "zenodo-rest.jsonl"} {
		if n := len(countIDs(t, f)); n == 0 || n > len(recs) {
			t.Errorf("%s: %d records harvested", f, n)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
