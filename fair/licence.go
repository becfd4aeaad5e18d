package fair

// SPDXLicense returns the SPDX identifier a rights statement names — by its Identifier, its URI (spdx.org or
// Creative Commons, e.g. "https://creativecommons.org/licenses/by/4.0/" → "CC-BY-4.0") or its text — and whether it
// names one. It uses the SPDX list the FAIR assessment bundles.
func SPDXLicense(r Rights) (string, bool) { return spdxOf(r) }
