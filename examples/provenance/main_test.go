package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/software"
)

func TestRun(t *testing.T) {
	out := t.TempDir()
	if err := run(out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "dataset.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ds fair.Resource
	if err := json.Unmarshal(data, &ds); err != nil {
		t.Fatal(err)
	}
	refs := software.ProducedBy(&ds)
	if len(refs) == 0 {
		t.Fatalf("dataset.json names no software: %s", data)
	}
	crate, err := os.ReadFile(filepath.Join(out, software.CrateMetadataFile))
	if err != nil {
		t.Fatal(err)
	}
	runs, err := software.ReadRunCrate(crate)
	if err != nil {
		t.Fatal(err)
	}
	r := runs[0]
	if r.Software.Name == "" || len(r.Outputs) != 1 || r.Outputs[0].ID != "events.csv" || r.Outputs[0].Checksum.Value == "" ||
		len(r.Inputs) != 1 || r.Inputs[0].ID != rawEvents || len(r.Parameters) != 2 || r.End.Before(r.Start) {
		t.Errorf("run read back from the crate: %+v", r)
	}
	sum, err := software.FileEntity(out, filepath.Join(out, "events.csv"))
	if err != nil || sum.Checksum != r.Outputs[0].Checksum {
		t.Errorf("the crate's checksum %v is not the file's %v (%v)", r.Outputs[0].Checksum, sum.Checksum, err)
	}
}
