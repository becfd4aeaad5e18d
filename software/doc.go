// Package software describes software releases (CodeMeta, CFF, Go build info, git, SWHID) and records which release
// produced which data (provenance of runs).
package software
