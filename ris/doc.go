// Package ris writes records as RIS references and reads RIS files into records, through fair.Resource like every
// format of fairmeta. RIS is the tagged format of reference managers (EndNote, Zotero, Mendeley) and of publishers'
// "export citation" links:
//
//	TY  - JOUR
//	ID  - Aad:2012tfa
//	AU  - Aad, Georges
//	TI  - Observation of a new particle in the search for the Standard Model Higgs boson ...
//	T2  - Physics Letters B
//	J2  - Phys. Lett. B
//	PY  - 2012
//	VL  - 716
//	SP  - 1
//	EP  - 29
//	DO  - 10.1016/j.physletb.2012.08.020
//	AN  - arXiv:1207.7214
//	ER  -
//
// # Writing
//
// [Write] and [WriteList] write the tags of the RIS specification as reference managers read them: TY from the
// record's type (the table package csl documents: JOUR, UNPB for preprints, CPAPER, BOOK, CHAP, THES, RPRT, DATA,
// COMP, ...), ID the record's citation key (as package bibtex makes it), AU each creator ("Family, Given, Suffix"
// for persons, the bare name for organisations and collaborations), A2 the editors, TI the title, T2 and J2 the
// container's title and abbreviation, PY and DA the date, VL, IS, SP, EP, SN (ISSN or ISBN; a report's number),
// PB the publisher, ET the version of software and data, M3 the specific type, DO the DOI, UR the address, AN the
// arXiv identifier ("arXiv:2101.00001"), N1 the report numbers of what is not a report ("Report number: ..."), LA,
// AB, KW. Lines end with CR LF, as the specification says; a value of several lines is written on continuation
// lines. What RIS cannot hold is returned as notes.
//
// # Reading
//
// [Read] reads every reference of a file (TY to ER), the tags above and their older synonyms (A1, T1, JO, JF, JA,
// BT, Y1, ED, N2), continuation lines, and dates in both PY forms ("2012", "2012/07/31/"). A name without a comma
// is an organisation. Tags the record has no place for are noted with their line's tag ("[0].C5"). The reference ID
// is kept as the record's "citation key" alternate identifier unless it is the key the record would be given
// anyway. Read is bounded: at most [MaxInput] bytes, values of at most 1 MiB.
//
// # Concurrency
//
// Read, Write and WriteList are safe for concurrent use; nothing here keeps state between calls.
package ris
