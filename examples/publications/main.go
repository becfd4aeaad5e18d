// Command publications takes a paper from INSPIRE-HEP to a HAL deposit, offline, as IN2P3's cataloguers do by hand:
// it reads the INSPIRE record, resolves its INSPIRE institutions (one institution record), matches the authors' raw
// affiliation strings to ROR with the built-in set (ror.Default), resolves each affiliation to a HAL structure
// through a table of HAL's structure referential (walking up ROR's parents for a laboratory HAL does not know), writes
// the deposit as HAL TEI (AOfr) and prints the cataloguer's report: how each affiliation was resolved, what HAL would
// refuse, what to review.
//
//	go run ./examples/publications
//
// The records are invented (INSPIRE record numbers 9000003 and 9000101, HAL structures 1234-1236); the ROR IDs are
// real.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/ror"
)

// record is the paper, as INSPIRE's REST API gives it.
//
//go:embed record.json
var record []byte

// institution is the INSPIRE institution record of the first author's affiliation: its ROR ID and HAL structure.
//
//go:embed institution.json
var institution []byte

// structures is the part of HAL's structure referential a laboratory keeps (the JSON of
// https://api.archives-ouvertes.fr/ref/structure): its own structure and its institute's.
//
//go:embed structures.json
var structures []byte

func main() {
	if err := run(context.Background(), os.Stdout, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "publications:", err)
		os.Exit(1)
	}
}

// run writes the deposit to tei and the cataloguer's report to report.
func run(ctx context.Context, tei, report io.Writer) error {
	// 1. The INSPIRE record, and its institutions resolved offline.
	recs, notRead, err := inspire.Read(record)
	if err != nil {
		return err
	}
	r := recs[0]
	var lk inspire.Lookup
	if _, err := lk.Add(institution); err != nil {
		return err
	}
	resolved := lk.Resolve(r)
	fmt.Fprintf(report, "1. INSPIRE record %s (DOI %s): %q, %d creators, %d notes of what the record does not hold, %d affiliations resolved through INSPIRE's institutions\n",
		strings.Join(r.AlternateIdentifiersOf("INSPIRE"), ","), r.DOI(), r.MainTitle(), len(r.Creators), len(notRead), len(resolved.Resolved))

	// 2. The raw affiliation strings matched to ROR, offline; HAL wants each author's most specific structure.
	enr, err := ror.Enrich(ctx, r, ror.Default(), ror.FirstOnly())
	if err != nil {
		return err
	}
	fmt.Fprintf(report, "2. ROR: %d affiliations identified, %d strings left without one\n", len(enr.Changes), len(enr.Misses))

	// 3. The deposit: affiliations resolved to HAL structures through the table, up ROR's parents.
	table, err := hal.ReadTable(strings.NewReader(string(structures)), hal.Limits{})
	if err != nil {
		return err
	}
	w := &hal.Writer{Resolver: table, Parents: hal.RORIndexParents(ror.Default())}
	dep, err := w.Document(ctx, r)
	if err != nil {
		return err
	}
	if err := dep.Document.Encode(tei); err != nil {
		return err
	}

	// 4. The cataloguer's report.
	fmt.Fprintf(report, "3. affiliations:\n")
	for _, res := range dep.Resolutions {
		line := fmt.Sprintf("   %-34s %-55s → %-14s %s", res.Path, res.Name, res.Structure, res.Via)
		if res.Description != "" {
			line += ": " + res.Description
		}
		fmt.Fprintln(report, strings.TrimRight(line, " "))
	}
	problems := hal.Check(dep.Document)
	refused := 0
	for _, p := range problems {
		if p.Severity == hal.Refused {
			refused++
		}
	}
	fmt.Fprintf(report, "4. HAL would refuse %d things; %d to review, %d notes:\n", refused, len(problems)-refused, len(dep.Notes))
	for _, p := range problems {
		fmt.Fprintf(report, "   %s\n", p)
	}
	for _, n := range dep.Notes {
		fmt.Fprintf(report, "   %s\n", n)
	}
	return nil
}
