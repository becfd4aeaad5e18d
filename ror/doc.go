// Package ror works with the Research Organization Registry: ROR IDs, the ROR API v2 client, and offline
// affiliation matching against a ROR data dump or the small curated set built into the package.
package ror
