package stream_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/stream"
)

// upper is a Func that upper-cases a JSON line and rejects lines that do not look like JSON objects.
func upper() stream.Func {
	return func(rec stream.Record, out []byte) ([]byte, error) {
		if len(rec.Data) == 0 || rec.Data[0] != '{' {
			return out, errors.New("not a JSON object")
		}
		out = append(out, bytes.ToUpper(rec.Data)...)
		return append(out, '\n'), nil
	}
}

func lines(n int, bad func(i int) bool) (data string, want string, badLines []int) {
	var in, out strings.Builder
	for i := 0; i < n; i++ {
		if bad != nil && bad(i) {
			fmt.Fprintf(&in, "garbage %d\n", i)
			badLines = append(badLines, i+1)
			continue
		}
		fmt.Fprintf(&in, `{"n":%d,"pad":"%s"}`+"\n", i, strings.Repeat("x", i%700))
		fmt.Fprintf(&out, `{"N":%d,"PAD":"%s"}`+"\n", i, strings.Repeat("X", i%700))
	}
	return in.String(), out.String(), badLines
}

func TestRunOrderAndBadLines(t *testing.T) {
	in, want, bad := lines(20000, func(i int) bool { return i%100 == 37 })
	for _, workers := range []int{1, 2, 7} {
		t.Run(strconv.Itoa(workers), func(t *testing.T) {
			var out bytes.Buffer
			var errs []string
			sum, err := stream.Run(context.Background(), []string{"-"}, &out, upper, stream.Options{Workers: workers,
				Stdin: strings.NewReader(in), BatchBytes: 4096, Errors: func(e *stream.RecordError) { errs = append(errs, e.Error()) }})
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Errorf("output differs from the sequential one (%d vs %d bytes)", out.Len(), len(want))
			}
			if len(errs) != len(bad) || sum.Errors != int64(len(bad)) || sum.Records != 20000 {
				t.Fatalf("%d error lines, summary %+v; want %d errors of 20000 records", len(errs), sum, len(bad))
			}
			for i, e := range errs {
				if w := fmt.Sprintf("-:%d: not a JSON object", bad[i]); e != w {
					t.Errorf("error %d: %q, want %q", i, e, w)
					break
				}
			}
		})
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestRunFileShapes(t *testing.T) {
	dir := t.TempDir()
	a, wantA, _ := lines(300, nil)
	b, wantB, _ := lines(500, func(i int) bool { return i == 3 })
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var tarBuf bytes.Buffer
	tw := tar.NewWriter(&tarBuf)
	for _, m := range []struct {
		name string
		data []byte
	}{{"dois/updated_2024-01/part_0001.jsonl.gz", gz([]byte(a))}, {"dois/README.txt", []byte("not records")}, {"dois/updated_2024-02/part_0001.jsonl", []byte(b)}} {
		tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o644, Size: int64(len(m.data)), Typeflag: tar.TypeReg})
		tw.Write(m.data)
	}
	tw.Close()
	inputs := []string{
		write("plain.jsonl", []byte(a)),
		write("packed.jsonl.gz", gz([]byte(b))),
		write("datafile.tar.gz", gz(tarBuf.Bytes())),
		write("datafile.tar", tarBuf.Bytes()),
		write("noext", gz([]byte("\n\n"+a))), // gzip found from the bytes; blank lines are no records
	}
	var out bytes.Buffer
	var errs, skipped []string
	sum, err := stream.Run(context.Background(), inputs, &out, upper, stream.Options{Workers: 3,
		Errors: func(e *stream.RecordError) { errs = append(errs, e.Error()) }, Skipped: func(m string) { skipped = append(skipped, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if want := wantA + wantB + wantA + wantB + wantA + wantB + wantA; out.String() != want {
		t.Errorf("output: %d bytes, want %d", out.Len(), len(want))
	}
	wantErrs := []string{inputs[1] + ":4: not a JSON object", inputs[2] + ":dois/updated_2024-02/part_0001.jsonl:4: not a JSON object",
		inputs[3] + ":dois/updated_2024-02/part_0001.jsonl:4: not a JSON object"}
	if strings.Join(errs, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}
	if len(skipped) != 2 || !strings.HasSuffix(skipped[0], ":dois/README.txt") {
		t.Errorf("skipped members: %v", skipped)
	}
	if sum.Records != 300*4+500*3 || sum.Total <= 0 || sum.Bytes != sum.Total {
		t.Errorf("summary %+v", sum)
	}
	if _, err := stream.Run(context.Background(), []string{filepath.Join(dir, "missing.jsonl")}, &out, upper, stream.Options{}); !errors.As(err, new(*stream.InputError)) {
		t.Errorf("a missing file: %v, want an *InputError", err)
	}
	if _, err := stream.Run(context.Background(), []string{write("broken.gz", gz([]byte(a))[:200])}, &out, upper, stream.Options{}); err == nil {
		t.Error("a truncated gzip file: no error")
	}
}

func TestRunShardsCoverEverythingOnce(t *testing.T) {
	in, want, _ := lines(10000, nil)
	var union []string
	sizes := []int{}
	for i := 1; i <= 3; i++ {
		var out bytes.Buffer
		sh, err := stream.ParseShard(fmt.Sprintf("%d/3", i))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := stream.Run(context.Background(), []string{"-"}, &out, upper, stream.Options{Shard: sh, Stdin: strings.NewReader(in)})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		union = append(union, got...)
		sizes = append(sizes, len(got))
		if sum.Records+sum.OtherShards != 10000 {
			t.Errorf("shard %d: %d + %d records", i, sum.Records, sum.OtherShards)
		}
	}
	all := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	seen := map[string]int{}
	for _, l := range union {
		seen[l]++
	}
	for _, l := range all {
		if seen[l] != 1 {
			t.Fatalf("line %.40s is in %d shards", l, seen[l])
		}
	}
	if len(union) != len(all) {
		t.Errorf("shards hold %d lines, want %d", len(union), len(all))
	}
	for _, n := range sizes {
		if n < 3000 || n > 3700 {
			t.Errorf("shard sizes %v: unbalanced", sizes)
		}
	}
	for _, bad := range []string{"0/3", "4/3", "1", "a/b", "1/0"} {
		if _, err := stream.ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q): no error", bad)
		}
	}
}

func TestRunLongLineAndPanic(t *testing.T) {
	in := `{"a":1}` + "\n" + "{" + strings.Repeat("x", 5000) + "}\n" + `{"panic":true}` + "\n" + `{"b":2}` + "\n"
	var out bytes.Buffer
	var errs []string
	f := func() stream.Func {
		return func(rec stream.Record, out []byte) ([]byte, error) {
			if bytes.Contains(rec.Data, []byte("panic")) {
				out = append(out, "half-written"...)
				panic("boom")
			}
			return append(append(out, rec.Data...), '\n'), nil
		}
	}
	_, err := stream.Run(context.Background(), []string{"-"}, &out, f, stream.Options{Stdin: strings.NewReader(in), MaxLine: 1000,
		Errors: func(e *stream.RecordError) { errs = append(errs, e.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != `{"a":1}`+"\n"+`{"b":2}`+"\n" {
		t.Errorf("output %q", out.String())
	}
	if len(errs) != 2 || !strings.Contains(errs[0], "-:2: line too long") || !strings.Contains(errs[1], "-:3: internal error") {
		t.Errorf("errors %q", errs)
	}
}

func TestRunPrettyPrintedDocuments(t *testing.T) {
	in := "{\n  \"a\": 1\n}\n\n{\n  \"b\": [1,\n 2]\n}\n{\n \"c\": \n"
	var out bytes.Buffer
	var errs []string
	sum, err := stream.Run(context.Background(), []string{"-"}, &out, func() stream.Func {
		return func(rec stream.Record, out []byte) ([]byte, error) {
			return append(out, fmt.Sprintf("%d:%s\n", rec.Line, bytes.Join(bytes.Fields(rec.Data), nil))...), nil
		}
	}, stream.Options{Stdin: strings.NewReader(in), Errors: func(e *stream.RecordError) { errs = append(errs, e.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != "1:{\"a\":1}\n5:{\"b\":[1,2]}\n" || len(errs) != 1 || !strings.HasPrefix(errs[0], "-:9: invalid JSON") {
		t.Errorf("output %q, errors %q", out.String(), errs)
	}
	if sum.Records != 3 || sum.Errors != 1 {
		t.Errorf("summary %+v", sum)
	}
}

// With Text, every line is a record as it is, even when the first one opens a JSON document; and a batch of one
// byte hands each worker one line at a time, in input order.
func TestRunTextLines(t *testing.T) {
	in := "[1] CERN, Geneva\n{Lab} X\n\nDESY, Hamburg\n"
	var out bytes.Buffer
	echo := func() stream.Func {
		return func(rec stream.Record, out []byte) ([]byte, error) {
			return append(out, fmt.Sprintf("%d:%s\n", rec.Line, rec.Data)...), nil
		}
	}
	sum, err := stream.Run(context.Background(), []string{"-"}, &out, echo,
		stream.Options{Stdin: strings.NewReader(in), Text: true, BatchBytes: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := "1:[1] CERN, Geneva\n2:{Lab} X\n4:DESY, Hamburg\n"; out.String() != want || sum.Records != 3 || sum.Errors != 0 {
		t.Errorf("output %q, summary %+v; want %q", out.String(), sum, want)
	}
}
