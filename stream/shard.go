package stream

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard selects the records of shard Index (1 to Count) of Count. The choice is made by record, from a hash of the
// record's line (its first 512 bytes and its length), so shards of the same inputs balance whatever the files'
// sizes, and Count jobs given shards 1/Count to Count/Count process every record exactly once — whatever order each
// job reads the files in. The zero Shard selects every record.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n", e.g. "3/32"; "" is the zero Shard.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	i, n, ok := strings.Cut(s, "/")
	a, err1 := strconv.Atoi(strings.TrimSpace(i))
	b, err2 := strconv.Atoi(strings.TrimSpace(n))
	sh := Shard{Index: a, Count: b}
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("stream: shard %q: want i/n, e.g. 3/32", s)
	}
	if err := sh.check(); err != nil {
		return Shard{}, err
	}
	return sh, nil
}

func (s Shard) check() error {
	if s == (Shard{}) {
		return nil
	}
	if s.Count < 1 || s.Index < 1 || s.Index > s.Count {
		return fmt.Errorf("stream: shard %d/%d: want 1 <= i <= n", s.Index, s.Count)
	}
	return nil
}

// String gives the shard as "i/n" ("" for the zero Shard).
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Has reports whether the record whose line is data belongs to the shard.
func (s Shard) Has(data []byte) bool {
	if s.Count <= 1 {
		return true
	}
	return int(shardHash(data)%uint64(s.Count)) == s.Index-1
}

// shardHash is FNV-1a over the first 512 bytes of the line, mixed with its length. It is part of the sharding
// contract (jobs on different machines must agree), so it never changes.
func shardHash(data []byte) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, c := range data[:min(len(data), 512)] {
		h ^= uint64(c)
		h *= prime
	}
	h ^= uint64(len(data))
	h *= prime
	// final avalanche (splitmix64's), so that the low bits used by the modulo depend on every byte
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
