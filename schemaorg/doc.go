// Package schemaorg reads and writes schema.org JSON-LD (landing-page metadata) through fair.Resource and owns the
// SDK's JSON-LD processing: expansion, compaction and canonical N-Quads with a safe, offline document loader.
package schemaorg
