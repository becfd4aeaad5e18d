package dmp

import "github.com/dop2i/fairmeta/fair"

// Note is one entry of the loss report, fairmeta's one shape for it: at Path (e.g. "dmp.dataset[0].issued"), the
// Value found and the Reason it was tolerated, kept aside, changed or not carried.
type Note = fair.Note

// Notes is a loss report: what a reader could not carry as it was, or a writer could not write.
type Notes = fair.Notes
