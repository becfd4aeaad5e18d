package dmp

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// NeedsKey is the member of a technical_resource that holds fairmeta's extension for the computing and storage a
// project needs from a centre, year by year:
//
//	"technical_resource": [{
//	  "name": "CC-IN2P3",
//	  "technical_resource_id": [{"identifier": "https://ror.org/04dcc3438", "type": "ror"}],
//	  "fairmeta_resource_need": [
//	    {"year": 2026, "resource": "cpu",  "amount": 1.2e6, "unit": "core-hours"},
//	    {"year": 2026, "resource": "disk", "amount": 500,   "unit": "TB"},
//	    {"year": 2027, "resource": "gpu",  "amount": 8000,  "unit": "gpu-hours"},
//	    {"year": 2027, "resource": "tape", "amount": 2,     "unit": "PB"}
//	  ]
//	}]
//
// The centre is the technical resource, identified by its ROR ID. Each need names its calendar year, its resource
// (cpu, gpu, disk, tape) and an amount in an explicit unit (see [Units]): hours are what the year consumes, volumes
// what must be available during the year. The member is an extension: the 1.2 schema allows it (it forbids no
// member), other tools keep or ignore it, and fairmeta validates it.
const NeedsKey = "fairmeta_resource_need"

// Resource kinds of a Need.
const (
	CPU  = "cpu"  // core-hours
	GPU  = "gpu"  // GPU-hours
	Disk = "disk" // bytes on disk
	Tape = "tape" // bytes on tape
)

// Need is one year's need of one resource at a centre.
type Need struct {
	Year        int
	Resource    string // CPU, GPU, Disk or Tape
	Amount      float64
	Unit        string // see Units
	Description string
	Extra       Extra
}

type unitDef struct {
	storage bool    // a volume (disk, tape) rather than hours (cpu, gpu)
	factor  float64 // to core-hours / GPU-hours, or to bytes
}

// units maps each accepted unit (lower case) to its base. Volumes accept SI and binary prefixes and the French
// abbreviations DMP OPIDoR writes (Ko, Mo, Go, To, Po).
var units = func() map[string]unitDef {
	m := map[string]unitDef{}
	for _, h := range []struct {
		names  []string
		factor float64
	}{
		{[]string{"hours", "h", "core-hours", "core-hour", "cpu-hours", "gpu-hours", "gpu-hour", "core-h", "gpu-h"}, 1},
		{[]string{"kh", "kilo-hours", "kcore-hours", "kilo-core-hours", "kgpu-hours", "kilo-gpu-hours", "1000 hours"}, 1e3},
		{[]string{"mh", "mega-hours", "mcore-hours", "mega-core-hours", "mgpu-hours", "mega-gpu-hours"}, 1e6},
	} {
		for _, n := range h.names {
			m[n] = unitDef{false, h.factor}
		}
	}
	prefixes := []string{"", "k", "m", "g", "t", "p", "e"}
	for i, p := range prefixes {
		si := math.Pow(1000, float64(i))
		bin := math.Pow(1024, float64(i))
		m[p+"b"] = unitDef{true, si}
		if p != "" {
			m[p+"ib"] = unitDef{true, bin}
			m[p+"o"] = unitDef{true, si} // Ko, Mo, Go, To, Po (octets)
		}
	}
	m["bytes"] = unitDef{true, 1}
	m["octets"] = unitDef{true, 1}
	return m
}()

// Units returns the base unit of a resource and the factor that converts amount in unit to it: core-hours for cpu,
// GPU-hours for gpu, bytes for disk and tape. Unit names are case-insensitive: "core-hours", "kcore-hours",
// "gpu-hours", "TB", "TiB", "PB", "To" (French), ... An unknown unit, or one that does not fit the resource (bytes of
// CPU), is an error.
func Units(resource, unit string) (base string, factor float64, err error) {
	u, ok := units[strings.ToLower(strings.TrimSpace(unit))]
	if !ok {
		return "", 0, fmt.Errorf("dmp: unknown unit %q (hours: core-hours, gpu-hours, kcore-hours; volumes: B, kB, MB, GB, TB, PB, EB, KiB ... EiB)", unit)
	}
	switch resource {
	case CPU, GPU:
		if u.storage {
			return "", 0, fmt.Errorf("dmp: %s is measured in hours, not in %q", resource, unit)
		}
		if resource == CPU {
			return "core-hours", u.factor, nil
		}
		return "GPU-hours", u.factor, nil
	case Disk, Tape:
		if !u.storage {
			return "", 0, fmt.Errorf("dmp: %s is a volume, not %q", resource, unit)
		}
		return "bytes", u.factor, nil
	}
	return "", 0, fmt.Errorf("dmp: unknown resource %q (cpu, gpu, disk, tape)", resource)
}

func (d *decoder) needs(n *node, path string) []Need {
	out := []Need{}
	d.items(n, path, func(v *node, p string) {
		p = strings.TrimSuffix(p, "#single")
		var nd Need
		if d.obj(v, p) {
			for _, m := range v.obj {
				k := joinKey(p, m.key)
				switch m.key {
				case "year":
					if y := d.integer(m.val, k); y != nil && *y >= 1900 && *y <= 2200 {
						nd.Year = int(*y)
					} else if y != nil {
						d.keepRaw(k, m.val, "not a calendar year; kept as is")
					}
				case "resource":
					nd.Resource = d.str(m.val, k)
				case "amount":
					if f := d.number(m.val, k); f != nil {
						nd.Amount = *f
						if *f == 0 {
							d.keep(k, m.val, false) // the writer leaves out a zero amount
						}
					}
				case "unit":
					nd.Unit = d.str(m.val, k)
				case "description":
					nd.Description = d.text(m.val, k)
				default:
					d.extra(&nd.Extra, m, p)
				}
			}
		}
		out = append(out, nd)
	})
	return out
}

func (e *encoder) need(nd *Need, path string) *node {
	o := objNode()
	if nd.Year != 0 {
		e.put(o, path, "year", numNode(strconv.Itoa(nd.Year)))
	} else {
		e.put(o, path, "year", nil)
	}
	e.str(o, path, "resource", nd.Resource)
	if nd.Amount != 0 {
		e.put(o, path, "amount", numNode(strconv.FormatFloat(nd.Amount, 'g', -1, 64)))
	} else {
		e.put(o, path, "amount", nil)
	}
	e.str(o, path, "unit", nd.Unit)
	e.str(o, path, "description", nd.Description)
	e.extra(o, nd.Extra)
	return o
}
