// Package dmp reads, writes, validates and checks machine-actionable data management plans in the RDA DMP Common
// Standard (maDMP, JSON), version 1.2, reading 1.0 and 1.1 and upgrading them; it also reads DMP OPIDoR's own JSON.
package dmp
