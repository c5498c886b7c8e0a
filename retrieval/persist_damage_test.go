package retrieval

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/testkit/child"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/privacybot/privacybot/internal/flatfile"
)

// tinyFS is a corpus of two short articles, whose saved index is small
// enough to fuzz. testdata/index-format7.pbidx.gz is its index as the
// previous format (PBIDX02, format 7, a gob header) saved it.
var tinyFS = fstest.MapFS{
	"100_alpha.txt": {Data: []byte("Title: Alpha regulator fines broker\nSource: Test Wire\nDate: 2024-01-02\nURL: https://example.com/alpha\n\nThe regulator fined the data broker 2 million euros on Tuesday.\n\n\"We will appeal this decision,\" said Jane Roe, a spokesperson for the broker.\n")},
	"101_beta.txt":  {Data: []byte("Title: Beta app leaks location data\nSource: Test Wire\nDate: 2024-02-03\nURL: https://example.com/beta\n\nA weather app shared precise location data with advertisers.\n\n\"Users were never told,\" said John Doe, a privacy researcher.\n")},
}

// savedTiny opens a library on tinyFS in a new data directory and returns
// the path of its saved index and the file's bytes.
func savedTiny(tb testing.TB) (string, []byte) {
	tb.Helper()
	l := mustOpen(tb, Options{FS: tinyFS, DataDir: tb.TempDir()})
	if w := l.Warnings(); len(w) != 0 {
		tb.Fatalf("warnings %q", w)
	}
	b, err := os.ReadFile(l.path)
	if err != nil {
		tb.Fatal(err)
	}
	return l.path, b
}

// indexContent is everything a saved index holds.
type indexContent struct {
	hdr      indexHeader
	snapshot map[string]*corpus.Source
	lex      *bm25
	vecs     map[string][]float32 // by kind and id
}

// readContent reads the whole index at path as Open would, against the
// corpus and chunks that ref (its header) names.
func readContent(path string, ref indexHeader) (c indexContent, err error) {
	r, err := readIndex(context.Background(), path, NewLocalEmbedder())
	if err != nil {
		return c, err
	}
	defer r.close()
	var mu sync.Mutex
	c.vecs = map[string][]float32{}
	keep := func(k chunkKind, id string, vec []float32) {
		mu.Lock()
		c.vecs[fmt.Sprint(k, "/", id)] = vec
		mu.Unlock()
	}
	li, err := r.finish(indexWant{
		emb: NewLocalEmbedder(), corpusHash: ref.CorpusHash, chunkHash: ref.ChunkHash, counts: ref.Counts,
		chunk: func(id string, k chunkKind) *chunk { return &chunk{id: id, kind: k} },
		vector: func(_, _ int, k chunkKind, id string, vec []float32) error {
			keep(k, id, vec)
			return nil
		},
	})
	if err != nil {
		return c, err
	}
	for n := range li.vec.shards {
		_, _, stored, err := r.readChunks(context.Background(), n)
		if err != nil {
			return c, err
		}
		for _, sc := range stored {
			for i, id := range sc.ids {
				keep(sc.kind, id, sc.vecs[i])
			}
		}
	}
	c.hdr, c.snapshot, c.lex = li.hdr, r.snapshot, li.lex
	return c, nil
}

// mustHeader returns the header of the index at p.
func mustHeader(tb testing.TB, p string) indexHeader {
	tb.Helper()
	f, hdr, err := readIndexHeader(p)
	if err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return hdr
}

// olderFile reports whether b looks like an index of an earlier format,
// which is rebuilt as out of date rather than as damaged.
func olderFile(b []byte) bool {
	return len(b) >= trailerLength+len(indexMagic) && !bytes.HasSuffix(b, []byte(indexMagic)) &&
		slices.Contains(oldIndexMagics, string(b[:len(indexMagic)]))
}

// FuzzIndexRead damages a real saved index (the fuzzer truncates it,
// flips bits, inserts and overwrites bytes anywhere) and reads it as Open
// does: the file is either read with exactly the content that was saved,
// or rejected as damaged (which Open rebuilds with a warning); it is never
// accepted with changed content, taken for an up-to-date index of another
// corpus, nor does it crash or hang the reader.
func FuzzIndexRead(f *testing.F) {
	// Every fuzzing process must compare with the same file, and two saves
	// differ (in their SaveID at least): the seed is kept in testdata.
	orig := fuzzSeed(f)
	dir := f.TempDir()
	path := indexFile(dir, NewLocalEmbedder())
	writeTB(f, path, orig)
	ref, err := readContent(path, mustHeader(f, path))
	if err != nil {
		f.Fatalf("%s is not an index of this format; regenerate it with UPDATE_TESTDATA=1: %v", fuzzSeedFile, err)
	}
	f.Add(orig)
	f.Add(orig[:len(orig)-1])
	f.Add(orig[:len(orig)/2])
	for _, at := range []int{3, int(ref.hdr.Sections[1].Offset) + 5, len(orig) / 2, len(orig) - trailerLength - 2, len(orig) - 12} {
		b := slices.Clone(orig)
		b[at] ^= 0x04
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readContent(path, ref.hdr)
		switch {
		case err == nil:
			if !reflect.DeepEqual(got, ref) {
				t.Fatalf("a damaged index (%d bytes, %d differ) was read with changed content", len(data), differ(data, orig))
			}
		case errors.Is(err, errIndexMissing):
			t.Fatalf("a damaged index was taken for a missing one: %v", err)
		case errors.Is(err, errIndexStale) && !olderFile(data):
			t.Fatalf("a damaged index was taken for an out-of-date one, rebuilt without a warning: %v", err)
		}
	})
}

// fuzzSeedFile is the index of tinyFS, gzip'd.
const fuzzSeedFile = "testdata/index-tiny.pbidx.gz"

// fuzzSeed returns the index of tinyFS kept in fuzzSeedFile, which it
// saves again first when UPDATE_TESTDATA is set.
func fuzzSeed(tb testing.TB) []byte {
	tb.Helper()
	if os.Getenv("UPDATE_TESTDATA") != "" {
		_, b := savedTiny(tb)
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		writeTB(tb, fuzzSeedFile, z.Bytes())
	}
	return gunzipFile(tb, fuzzSeedFile)
}

// gunzipFile returns the contents of the gzip'd file p.
func gunzipFile(tb testing.TB, p string) []byte {
	tb.Helper()
	zr, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	gz, err := gzip.NewReader(zr)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(gz)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// differ counts the bytes where a and b differ, and their difference in length.
func differ(a, b []byte) int {
	n := max(len(a), len(b)) - min(len(a), len(b))
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// A single flipped bit in any region of the saved index (the magic, every
// section, every part of the header, the trailer) makes Open rebuild the
// index with a warning, and the rebuilt file opens cleanly.
func TestBitFlipInEveryRegionRebuilds(t *testing.T) {
	p, orig := savedTiny(t)
	hdr := mustHeader(t, p)
	hdrEnd := len(orig) - trailerLength
	hdrStart := hdrEnd - len(encodeIndexHeader(&hdr))
	type region struct {
		name string
		at   int
	}
	regions := []region{
		{"magic", 2},
		{"header magic", hdrStart + 1},
		{"header fields", hdrStart + len(headerMagic) + 3},
		{"header embedder state", hdrStart + (hdrEnd-hdrStart)/2},
		{"header section table", hdrEnd - 30},
		{"header checksum", hdrEnd - 2},
		{"header length", hdrEnd},
		{"header length, high byte", hdrEnd + 7},
		{"trailing magic", len(orig) - 3},
	}
	for _, s := range hdr.Sections {
		regions = append(regions,
			region{"section " + s.Name + " start", int(s.Offset)},
			region{"section " + s.Name + " middle", int(s.Offset + s.Length/2)},
			region{"section " + s.Name + " end", int(s.Offset + s.Length - 1)})
	}
	for _, r := range regions {
		for _, bit := range []byte{0x01, 0x80} {
			t.Run(fmt.Sprintf("%s/%#x", r.name, bit), func(t *testing.T) {
				dir := t.TempDir()
				b := slices.Clone(orig)
				b[r.at] ^= bit
				path := filepath.Join(dir, filepath.Base(p))
				mustWrite(t, path, b)
				l := mustOpen(t, Options{FS: tinyFS, DataDir: dir})
				if !hasWarning(l, "index was corrupt and has been rebuilt") {
					t.Fatalf("warnings %q, rebuilt %q; want a rebuild with a warning", l.Warnings(), l.Rebuilt())
				}
				if hits := mustSearch(t, l, SearchOptions{Query: "data broker fine", K: 3}); len(hits) == 0 {
					t.Error("the rebuilt index finds nothing")
				}
				again := mustOpen(t, Options{FS: tinyFS, DataDir: dir})
				if w := again.Warnings(); len(w) != 0 || again.Rebuilt() != "" {
					t.Errorf("after the rebuild: warnings %q, rebuilt %q", w, again.Rebuilt())
				}
			})
		}
	}
}

// An index saved by the previous format (a gob header without a
// checksum) is rebuilt with a warning, never crashes, and the rebuilt file
// is of this format.
func TestPreviousFormatIsRebuilt(t *testing.T) {
	old := gunzipFile(t, "testdata/index-format7.pbidx.gz")
	if !bytes.HasPrefix(old, []byte("PBIDX02\n")) {
		t.Fatalf("testdata is not a format 7 index: %q", old[:8])
	}
	dir := t.TempDir()
	path := indexFile(dir, NewLocalEmbedder())
	mustWrite(t, path, old)
	l := mustOpen(t, Options{FS: tinyFS, DataDir: dir})
	if !strings.Contains(l.Rebuilt(), "older version") {
		t.Errorf("Rebuilt() = %q, want it to name the older version", l.Rebuilt())
	}
	if w := l.Warnings(); len(w) != 1 || !strings.Contains(w[0], "older version") {
		t.Errorf("warnings %q, want one naming the older version", w)
	}
	if hits := mustSearch(t, l, SearchOptions{Query: "location data advertisers", K: 3}); len(hits) == 0 {
		t.Error("the rebuilt index finds nothing")
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte(indexMagic)) {
		t.Errorf("the index was not saved again in this format: %v", err)
	}
}

// TestKilledSaveHelper is the child of TestKilledSaveLeavesNoTemp: it
// starts saving an index into PB_SAVE_DIR and blocks, half-way through a
// section, until it is killed.
func TestKilledSaveHelper(t *testing.T) {
	dir := os.Getenv("PB_SAVE_DIR")
	if dir == "" {
		t.Skip("run by TestKilledSaveLeavesNoTemp")
	}
	saveIndex(indexFile(dir, NewLocalEmbedder()), indexHeader{Format: indexFormat}, []sectionWriter{{name: lexicalSection, write: func(w io.Writer) error {
		w.Write(make([]byte, 3<<20))
		os.Stdout.WriteString("SAVING\n")
		select {} // until SIGKILL
	}}})
}

// A process killed while it saves the index leaves a temporary file; the
// next Open removes it, and neither loads it nor complains.
func TestKilledSaveLeavesNoTemp(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	_, orig := savedTiny(t)
	dir := t.TempDir()
	path := indexFile(dir, NewLocalEmbedder())
	mustWrite(t, path, orig)
	cmd := child.Start(t, "TestKilledSaveHelper", "SAVING", "PB_SAVE_DIR="+dir)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	left, _ := filepath.Glob(filepath.Join(dir, flatfile.TempPrefix+"*"))
	if len(left) != 1 {
		t.Fatalf("%d temporary files after the kill, want 1: %q", len(left), left)
	}
	l := mustOpen(t, Options{FS: tinyFS, DataDir: dir})
	if w := l.Warnings(); len(w) != 0 || l.Rebuilt() != "" {
		t.Errorf("warnings %q, rebuilt %q; want the saved index loaded", w, l.Rebuilt())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, flatfile.TempPrefix+"*")); len(left) != 0 {
		t.Errorf("temporary files survived the next open: %q", left)
	}
	if _, err := Open(context.Background(), Options{FS: tinyFS, DataDir: dir}); err != nil {
		t.Fatal(err)
	}
}

func writeTB(tb testing.TB, p string, b []byte) {
	tb.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}
