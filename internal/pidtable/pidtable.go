// Package pidtable holds a table of real identifiers of every scheme fairmeta detects, each written the ways people
// paste them (resolver URLs old and new, prefixes with and without a space, upper case, spaces and hyphens in the
// digits), with the scheme and normalised form each must give. It is test data for fair.DetectPID and the
// `fairmeta id` command; the identifiers come from real records (DataCite, INSPIRE, HAL, ROR, PANGAEA, arXiv,
// Software Heritage), the expected forms from each scheme's rules.
package pidtable

// Case is one identifier as pasted and what it is.
type Case struct {
	In     string // as pasted
	Scheme string // the scheme name fair.DetectPID gives, e.g. "ORCID"
	Value  string // the normalised form
}

// Table is the identifiers. The comments say where a group comes from and what it tests.
var Table = []Case{
	// DOIs: bare, prefixed, resolver URLs of every era, percent-encoded, Handle proxy; the normal form is lower case.
	{"10.1103/PhysRevLett.116.061102", "DOI", "10.1103/physrevlett.116.061102"},
	{"doi:10.1016/j.physletb.2012.08.020", "DOI", "10.1016/j.physletb.2012.08.020"},
	{"DOI: 10.1016/j.physletb.2012.08.021", "DOI", "10.1016/j.physletb.2012.08.021"},
	{"DOI 10.1088/1748-0221/3/08/S08003", "DOI", "10.1088/1748-0221/3/08/s08003"},
	{"https://doi.org/10.1088/1748-0221/3/08/S08003", "DOI", "10.1088/1748-0221/3/08/s08003"},
	{"http://dx.doi.org/10.1038/nature14539", "DOI", "10.1038/nature14539"},
	{"doi.org/10.5281/zenodo.1000594", "DOI", "10.5281/zenodo.1000594"},
	{"https://doi.org/10.5061/dryad.8515", "DOI", "10.5061/dryad.8515"},
	{"10.6084/m9.figshare.1449060", "DOI", "10.6084/m9.figshare.1449060"},
	{"info:doi/10.4230/LIPIcs.TQC.2013.93", "DOI", "10.4230/lipics.tqc.2013.93"},
	{"urn:doi:10.5438/ZHYX-N122", "DOI", "10.5438/zhyx-n122"},
	{"https://hdl.handle.net/10.6071/Z7WC73", "DOI", "10.6071/z7wc73"},
	{"https://doi.org/10.1093%2Fptep%2Fptaa104", "DOI", "10.1093/ptep/ptaa104"},
	{" 10.5281/zenodo.10916569 ", "DOI", "10.5281/zenodo.10916569"},
	{"https://dx.doi.org/10.5281/zenodo.6840194", "DOI", "10.5281/zenodo.6840194"},
	{"doi:10.5281/ZENODO.4564980", "DOI", "10.5281/zenodo.4564980"},
	{"http://doi.org/10.5281/zenodo.24510", "DOI", "10.5281/zenodo.24510"},
	{"https://www.doi.org/10.5281/zenodo.255157", "DOI", "10.5281/zenodo.255157"},

	// ORCID iDs (inside ORCID's blocks): hyphenated, URLs, prefixed, compact and spaced, lower-case x.
	{"0000-0001-5208-3432", "ORCID", "0000-0001-5208-3432"},
	{"https://orcid.org/0000-0001-5212-7052", "ORCID", "0000-0001-5212-7052"},
	{"http://orcid.org/0000-0001-5344-0673", "ORCID", "0000-0001-5344-0673"},
	{"orcid.org/0000-0001-5561-1552", "ORCID", "0000-0001-5561-1552"},
	{"ORCID: 0000-0001-5727-2427", "ORCID", "0000-0001-5727-2427"},
	{"orcid:0000-0001-5821-0877", "ORCID", "0000-0001-5821-0877"},
	{"0000000160537932", "ORCID", "0000-0001-6053-7932"},
	{"0000 0001 6130 6474", "ORCID", "0000-0001-6130-6474"},
	{"https://orcid.org/0000-0001-7000-6289/", "ORCID", "0000-0001-7000-6289"},
	{"https://www.orcid.org/0000-0001-7287-6448", "ORCID", "0000-0001-7287-6448"},
	{"0000-0001-8101-0670", "ORCID", "0000-0001-8101-0670"},
	{"0000-0002-0942-661x", "ORCID", "0000-0002-0942-661X"},
	{"https://orcid.org/0000-0002-0942-661X", "ORCID", "0000-0002-0942-661X"},
	{"0000-0001-5010-886X", "ORCID", "0000-0001-5010-886X"},
	{"0000-0002-1825-0097", "ORCID", "0000-0002-1825-0097"},
	{"https://sandbox.orcid.org/0000-0002-9079-593X", "ORCID", "0000-0002-9079-593X"},

	// ISNIs (HAL's structures, DataCite nameIdentifiers): spaced, compact, hyphenated — sixteen digits outside
	// ORCID's blocks are an ISNI, however written —, prefixed, URLs.
	{"0000 0001 2154 1736", "ISNI", "0000000121541736"},
	{"0000000121522279", "ISNI", "0000000121522279"},
	{"0000-0001-2154-1736", "ISNI", "0000000121541736"},
	{"0000-0004-0374-2878", "ISNI", "0000000403742878"},
	{"0000 0004 0609 866X", "ISNI", "000000040609866X"},
	{"000000040609866x", "ISNI", "000000040609866X"},
	{"ISNI 0000 0001 2176 4817", "ISNI", "0000000121764817"},
	{"ISNI: 0000 0001 2242 6780", "ISNI", "0000000122426780"},
	{"isni:0000000121690459", "ISNI", "0000000121690459"},
	{"https://isni.org/isni/0000000114990971", "ISNI", "0000000114990971"},
	{"http://www.isni.org/isni/0000000121690459", "ISNI", "0000000121690459"},
	{"0000 0004 1937 060X", "ISNI", "000000041937060X"},
	{"0000-0001-0626-358X", "ISNI", "000000010626358X"},
	{"0000 0001 2103 2683", "ISNI", "0000000121032683"},

	// ROR IDs: URLs, host without scheme, bare, upper case, trailing slash.
	{"https://ror.org/02feahw73", "ROR", "https://ror.org/02feahw73"},
	{"ror.org/01ggx4157", "ROR", "https://ror.org/01ggx4157"},
	{"04wxnsj81", "ROR", "https://ror.org/04wxnsj81"},
	{"https://ror.org/021NXHR62", "ROR", "https://ror.org/021nxhr62"},
	{"http://ror.org/03yrm5c26/", "ROR", "https://ror.org/03yrm5c26"},
	{"https://ror.org/008pnp284", "ROR", "https://ror.org/008pnp284"},
	{"01an3r305", "ROR", "https://ror.org/01an3r305"},
	{"https://www.ror.org/027bh9e22", "ROR", "https://ror.org/027bh9e22"},
	{"https://ror.org/043kfff89", "ROR", "https://ror.org/043kfff89"},
	{"https://ror.org/04x0tcn90", "ROR", "https://ror.org/04x0tcn90"},

	// arXiv, new style (INSPIRE records): bare, prefixed in any case, versions, abs and pdf URLs.
	{"1611.05493", "arXiv", "1611.05493"},
	{"arXiv:1606.09129", "arXiv", "1606.09129"},
	{"arxiv:1311.0652v2", "arXiv", "1311.0652v2"},
	{"ARXIV:1410.4691", "arXiv", "1410.4691"},
	{"https://arxiv.org/abs/1811.12764", "arXiv", "1811.12764"},
	{"http://arxiv.org/pdf/1811.12764v3", "arXiv", "1811.12764v3"},
	{"https://arxiv.org/pdf/1706.03762v7.pdf", "arXiv", "1706.03762v7"},
	{"https://export.arxiv.org/abs/1207.7214", "arXiv", "1207.7214"},
	{"arXiv:1207.7235v1", "arXiv", "1207.7235v1"},
	{"0704.0001", "arXiv", "0704.0001"},
	// arXiv, old style: the subject class is not part of the identifier (arXiv:math/0309136), the version is.
	{"hep-th/9711200", "arXiv", "hep-th/9711200"},
	{"arXiv:hep-th/9711200v3", "arXiv", "hep-th/9711200v3"},
	{"math.GT/0309136", "arXiv", "math/0309136"},
	{"arxiv:math.GT/0309136v2", "arXiv", "math/0309136v2"},
	{"arXiv:math.DG/0211159", "arXiv", "math/0211159"},
	{"math/0211159", "arXiv", "math/0211159"},
	{"https://arxiv.org/abs/math.DG/0211159v1", "arXiv", "math/0211159v1"},
	{"quant-ph/9508027", "arXiv", "quant-ph/9508027"},
	{"astro-ph/9805201", "arXiv", "astro-ph/9805201"},
	{"arXiv:astro-ph/9812133", "arXiv", "astro-ph/9812133"},
	{"astro-ph/0001393", "arXiv", "astro-ph/0001393"},
	{"cs.AI/9901001", "arXiv", "cs/9901001"},

	// Handles: prefixed with and without a space after the colon, resolver URLs, bare.
	{"hdl: 10013/epic.10033", "Handle", "10013/epic.10033"},
	{"hdl:10013/epic.10033", "Handle", "10013/epic.10033"},
	{"http://hdl.handle.net/10013/epic.10033", "Handle", "10013/epic.10033"},
	{"hdl:2263/81572", "Handle", "2263/81572"},
	{"https://hdl.handle.net/2263/81572", "Handle", "2263/81572"},
	{"2263/81572", "Handle", "2263/81572"},
	{"21.15107/rcub_fiver_3752", "Handle", "21.15107/rcub_fiver_3752"},
	{"HDL: 21.15107/rcub_fiver_3752", "Handle", "21.15107/rcub_fiver_3752"},
	{"https://hdl.handle.net/20.500.12345/abc?locatt=view:master", "Handle", "20.500.12345/abc"},

	// URNs (DataCite alternate identifiers, library catalogues).
	{"urn:nbn:de:0030-drops-43173", "URN", "urn:nbn:de:0030-drops-43173"},
	{"URN:NBN:de:101:1-201102033592", "URN", "urn:nbn:de:101:1-201102033592"},
	{"urn:nbn:de:hebis:77-diss-1000009520", "URN", "urn:nbn:de:hebis:77-diss-1000009520"},
	{"urn:nbn:de:1111-2004033116", "URN", "urn:nbn:de:1111-2004033116"},
	{"urn:lsid:zotero.org:groups:5435545:items:JTV3TSBK", "URN", "urn:lsid:zotero.org:groups:5435545:items:JTV3TSBK"},
	{"urn:isbn:0451450523", "URN", "urn:isbn:0451450523"},

	// ARKs: old spelling with the slash, current one, resolver URL.
	{"ark:/13030/tqb3kh97gh8w", "ARK", "ark:13030/tqb3kh97gh8w"},
	{"ark:13030/tqb3kh97gh8w", "ARK", "ark:13030/tqb3kh97gh8w"},
	{"https://n2t.net/ark:/13030/tqb3kh97gh8w", "ARK", "ark:13030/tqb3kh97gh8w"},
	{"ark:/67531/metapth346793/", "ARK", "ark:67531/metapth346793/"},

	// SWHIDs (CodeMeta and Software Heritage examples).
	{"swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2", "SWHID", "swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2"},
	{"swh:1:dir:d198bc9d7a6bcf6db04f476d29314f157507d505", "SWHID", "swh:1:dir:d198bc9d7a6bcf6db04f476d29314f157507d505"},
	{"swh:1:rel:22ece559cc7cc2364edc5e5593d63ae8bd229f9f", "SWHID", "swh:1:rel:22ece559cc7cc2364edc5e5593d63ae8bd229f9f"},
	{"swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d", "SWHID", "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d"},
	{" swh:1:rel:99f6850374dc6597af01bd0ee1d3fc0699301b9f", "SWHID", "swh:1:rel:99f6850374dc6597af01bd0ee1d3fc0699301b9f"},

	// INSPIRE author identifiers and BAIs.
	{"INSPIRE-00000225", "INSPIRE ID", "INSPIRE-00000225"},
	{"inspire-00000243", "INSPIRE ID", "INSPIRE-00000243"},
	{"INSPIRE-00000330", "INSPIRE ID", "INSPIRE-00000330"},
	{"A.Adiguzel.1", "INSPIRE BAI", "A.Adiguzel.1"},
	{"A.Alonso.2", "INSPIRE BAI", "A.Alonso.2"},
	{"A.Aleksandrov.1", "INSPIRE BAI", "A.Aleksandrov.1"},

	// HAL documents and idHAL.
	{"hal-00511692", "HAL", "hal-00511692"},
	{"https://hal.science/hal-01304228", "HAL", "hal-01304228"},
	{"https://hal.archives-ouvertes.fr/hal-01821474v2", "HAL", "hal-01821474v2"},
	{"hal:hal-02737739", "HAL", "hal-02737739"},
	{"https://hal.science/hal-04065464/document", "HAL", "hal-04065464"},
	{"idHAL:laurent-romary", "idHAL", "laurent-romary"},

	// PURLs and plain URLs.
	{"http://purl.org/dc/terms/creator", "PURL", "https://purl.org/dc/terms/creator"},
	{"http://purl.obolibrary.org/obo/GO_0008150", "PURL", "https://purl.obolibrary.org/obo/GO_0008150"},
	{"https://cc.in2p3.fr/en/", "URL", "https://cc.in2p3.fr/en/"},
	{"https://zenodo.org/record/1000595", "URL", "https://zenodo.org/record/1000595"},
	{"HTTP://WWW.PANGAEA.DE/", "URL", "http://www.pangaea.de/"},
}
