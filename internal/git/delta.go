package git

import (
	"errors"
	"fmt"
)

// ApplyDelta applies a git pack delta (source size, target size, then copy and insert instructions) to base.
func ApplyDelta(base, delta []byte) ([]byte, error) {
	varint := func() (int64, error) {
		var v int64
		for shift := uint(0); ; shift += 7 {
			if len(delta) == 0 || shift > 56 {
				return 0, errors.New("truncated delta size")
			}
			c := delta[0]
			delta = delta[1:]
			v |= int64(c&0x7f) << shift
			if c&0x80 == 0 {
				return v, nil
			}
		}
	}
	src, err := varint()
	if err != nil {
		return nil, err
	}
	dst, err := varint()
	if err != nil {
		return nil, err
	}
	if src != int64(len(base)) {
		return nil, fmt.Errorf("delta expects a %d-byte base, got %d", src, len(base))
	}
	if dst > maxObjectSize {
		return nil, errors.New("delta target too large")
	}
	// The header's size is a claim: allocate for it only up to what the delta can plausibly produce, grow beyond.
	out := make([]byte, 0, min(dst, int64(len(base))+int64(len(delta))+1<<16))
	for len(delta) > 0 {
		op := delta[0]
		delta = delta[1:]
		switch {
		case op&0x80 != 0:
			var offset, n int64
			for i := uint(0); i < 7; i++ {
				if op&(1<<i) == 0 {
					continue
				}
				if len(delta) == 0 {
					return nil, errors.New("truncated copy instruction")
				}
				if i < 4 {
					offset |= int64(delta[0]) << (8 * i)
				} else {
					n |= int64(delta[0]) << (8 * (i - 4))
				}
				delta = delta[1:]
			}
			if n == 0 {
				n = 0x10000
			}
			if offset+n > int64(len(base)) || int64(len(out))+n > dst {
				return nil, errors.New("copy instruction out of range")
			}
			out = append(out, base[offset:offset+n]...)
		case op != 0:
			n := int(op)
			if n > len(delta) || int64(len(out)+n) > dst {
				return nil, errors.New("insert instruction out of range")
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, errors.New("reserved delta instruction 0")
		}
	}
	if int64(len(out)) != dst {
		return nil, fmt.Errorf("delta produced %d bytes, expected %d", len(out), dst)
	}
	return out, nil
}

// deltaTargetSize returns the target size a delta's header claims.
func deltaTargetSize(delta []byte) (int64, bool) {
	var v [2]int64
	for k := range v {
		for shift := uint(0); ; shift += 7 {
			if len(delta) == 0 || shift > 56 {
				return 0, false
			}
			c := delta[0]
			delta = delta[1:]
			v[k] |= int64(c&0x7f) << shift
			if c&0x80 == 0 {
				break
			}
		}
	}
	return v[1], true
}
