package retrieval

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/privacybot/privacybot/internal/chars"
	"github.com/privacybot/privacybot/internal/pool"
)

// LocalDim is the length of a [LocalEmbedder] vector.
//
// 128 is a trade-off for the target scale of ~2M paragraphs and quotes on
// a 2-core machine with a 6 GB RSS budget: 2M × 128 × 4 bytes is 1 GB of
// vectors, and chromem-go's import decodes every float of them on a cold
// start. 256 doubled both (2 GB; a 100k-article corpus peaked at 8.3 GB
// and took 12 s to import), and on the synthetic benchmark and both
// question sets it answered no question better: the vectors are fused with
// BM25, which carries exact words and names. Hashing collisions make a
// narrower signed projection noisier (the error of a hashed inner product
// shrinks like 1/√dim), so 64 would be too few.
const LocalDim = 128

const (
	localName = "local-v1-128"
	// idfBits sizes the IDF table: features are hashed into 2^18 buckets
	// (1 MB of counts), far more than the vector's dimensions, so that the
	// IDF of a rare word is not drowned by the common words it collides with.
	idfBits = 18

	weightWord   = 1.0
	weightBigram = 0.6
	weightChar   = 0.3
)

// LocalEmbedder is a deterministic embedder that needs no network or model
// files. A text's features are its word unigrams and bigrams (from
// [Tokenize]) and the character 3-grams of its words with boundary markers
// ("<jp", "jpm", …, "an>"), plus the 3-grams that straddle two adjacent words,
// so "JP Morgn" still shares most 3-grams with "JPMorgan". Each feature is
// weighted by sublinear TF times IDF and added, with a hashed sign, to one of
// [LocalDim] dimensions; the vector is then L2-normalized.
//
// The IDF table is learned by Fit and saved with the index, so documents
// added later are embedded with the same table. Features that Fit never saw
// are left out: they can match no fitted document and would only add
// hash-collision noise. An unfitted embedder weighs every feature's IDF as 1. After Fit or UnmarshalState, a LocalEmbedder is
// safe for concurrent use.
type LocalEmbedder struct {
	n   uint32    // documents seen by Fit
	df  []uint32  // document frequency per bucket; nil when unfitted
	idf []float32 // derived from n and df
}

var _ FittedEmbedder = (*LocalEmbedder)(nil)

// NewLocalEmbedder returns an unfitted local embedder.
func NewLocalEmbedder() *LocalEmbedder { return &LocalEmbedder{} }

// Name returns "local-v1-128". It changes whenever the features or the
// dimension change, so that old indexes are rebuilt.
func (e *LocalEmbedder) Name() string { return localName }

// Fit learns the IDF table from texts, replacing any earlier table. With
// no texts the embedder stays unfitted, so that documents added to an empty
// library still get distinct vectors.
func (e *LocalEmbedder) Fit(texts []string) {
	if len(texts) == 0 {
		e.n, e.df, e.idf = 0, nil, nil
		return
	}
	workers := max(1, min(runtime.NumCPU(), len(texts)/64))
	parts := make([][]uint32, workers)
	pool.Each(workers, workers, func(w int) {
		df := make([]uint32, 1<<idfBits)
		var feats []featureHit
		var buckets []uint32
		for i := w; i < len(texts); i += workers {
			feats = collectFeatures(texts[i], feats[:0])
			buckets = buckets[:0]
			for _, f := range feats {
				buckets = append(buckets, idfBucket(f.hash))
			}
			slices.Sort(buckets)
			for _, b := range slices.Compact(buckets) {
				df[b]++
			}
		}
		parts[w] = df
	})
	df := parts[0]
	for _, p := range parts[1:] {
		for i, c := range p {
			df[i] += c
		}
	}
	e.n, e.df = uint32(len(texts)), df
	e.deriveIDF()
}

func (e *LocalEmbedder) deriveIDF() {
	e.idf = make([]float32, len(e.df))
	for i, d := range e.df {
		e.idf[i] = float32(math.Log(float64(e.n+1)/float64(d+1)) + 1)
	}
}

const localStateMagic = "local-idf-v1"

// MarshalState encodes the IDF table.
func (e *LocalEmbedder) MarshalState() ([]byte, error) {
	b := []byte(localStateMagic)
	b = binary.AppendUvarint(b, idfBits)
	b = binary.AppendUvarint(b, uint64(e.n))
	b = binary.AppendUvarint(b, uint64(len(e.df)))
	for _, d := range e.df {
		b = binary.AppendUvarint(b, uint64(d))
	}
	return b, nil
}

// UnmarshalState restores an IDF table written by MarshalState.
func (e *LocalEmbedder) UnmarshalState(state []byte) error {
	rest, ok := strings.CutPrefix(string(state), localStateMagic)
	if !ok {
		return errors.New("local embedder state: bad magic")
	}
	b := []byte(rest)
	next := func() (uint64, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, errors.New("local embedder state: truncated")
		}
		b = b[n:]
		return v, nil
	}
	bits, err := next()
	if err != nil {
		return err
	}
	if bits != idfBits {
		return fmt.Errorf("local embedder state: table has %d bits, want %d", bits, idfBits)
	}
	n, err := next()
	if err != nil {
		return err
	}
	size, err := next()
	if err != nil {
		return err
	}
	if size != 0 && size != 1<<idfBits {
		return fmt.Errorf("local embedder state: table has %d entries", size)
	}
	var df []uint32
	if size > 0 {
		df = make([]uint32, size)
		for i := range df {
			v, err := next()
			if err != nil {
				return err
			}
			df[i] = uint32(v)
		}
	}
	if len(b) != 0 {
		return errors.New("local embedder state: trailing bytes")
	}
	e.n, e.df = uint32(n), df
	if df == nil {
		e.idf = nil
	} else {
		e.deriveIDF()
	}
	return nil
}

// Embed returns the vector of each text. It never fails unless ctx is done.
func (e *LocalEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	var feats []featureHit
	for i, t := range texts {
		if i%32 == 0 && ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		out[i], feats = e.vector(t, feats[:0])
	}
	return out, nil
}

// Vector returns the embedding of one text.
func (e *LocalEmbedder) Vector(text string) []float32 {
	v, _ := e.vector(text, nil)
	return v
}

// vector embeds text, using feats as scratch space, which it returns for
// reuse. Features are summed in hash order, so the result is bit-for-bit
// deterministic.
func (e *LocalEmbedder) vector(text string, feats []featureHit) ([]float32, []featureHit) {
	feats = collectFeatures(text, feats)
	slices.SortFunc(feats, func(a, b featureHit) int { return cmp.Compare(a.hash, b.hash) })
	v := make([]float32, LocalDim)
	for i := 0; i < len(feats); {
		j := i + 1
		for j < len(feats) && feats[j].hash == feats[i].hash {
			j++
		}
		h := feats[i].hash
		w := feats[i].weight * (1 + float32(math.Log(float64(j-i))))
		if e.idf != nil {
			b := idfBucket(h)
			if e.df[b] == 0 {
				// Fit never saw it: it can match nothing and would only add
				// hash-collision noise (a typo's word would outweigh its
				// useful 3-grams). BM25 still matches such words exactly.
				i = j
				continue
			}
			w *= e.idf[b]
		}
		if h&(1<<8) != 0 {
			w = -w
		}
		v[h&(LocalDim-1)] += w
		i = j
	}
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		v[0] = 1 // no features at all: any unit vector will do
		return v, feats
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
	return v, feats
}

// featureHit is one occurrence of a hashed feature and the weight of its
// kind (word, bigram or character 3-gram).
type featureHit struct {
	hash   uint64
	weight float32
}

func idfBucket(h uint64) uint32 { return uint32(h>>16) & (1<<idfBits - 1) }

// collectFeatures appends every feature occurrence in text to feats.
func collectFeatures(text string, feats []featureHit) []featureHit {
	add := func(h uint64, w float32) {
		feats = append(feats, featureHit{mix64(h), w})
	}
	toks := Tokenize(text)
	if len(toks) == 0 {
		// Only stopwords or punctuation: fall back to the raw words, so
		// that "We are." still differs from "It is.".
		toks = strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !chars.IsWordRune(r) })
	}
	var prev []rune
	var cur []rune
	for i, t := range toks {
		add(fnvString(fnvByte(fnvOffset, 'w'), t), weightWord)
		if i > 0 {
			h := fnvString(fnvByte(fnvOffset, 'b'), toks[i-1])
			h = fnvString(fnvByte(h, ' '), t)
			add(h, weightBigram)
		}
		cur = cur[:0]
		cur = append(cur, '<')
		for _, r := range t {
			cur = append(cur, r)
		}
		cur = append(cur, '>')
		for j := 0; j+3 <= len(cur); j++ {
			add(fnvRunes(fnvByte(fnvOffset, 'c'), cur[j:j+3]), weightChar)
		}
		// 3-grams across the boundary with the previous word, without the
		// markers: "jp"+"morgan" gives "jpm" and "pmo", as in "jpmorgan".
		if len(prev) >= 4 && len(cur) >= 4 {
			p := prev[len(prev)-3 : len(prev)-1] // last two letters
			c := cur[1:3]                        // first two letters
			add(fnvRunes(fnvByte(fnvOffset, 'c'), []rune{p[0], p[1], c[0]}), weightChar)
			add(fnvRunes(fnvByte(fnvOffset, 'c'), []rune{p[1], c[0], c[1]}), weightChar)
		}
		prev, cur = cur, prev
	}
	return feats
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = fnvByte(h, s[i])
	}
	return h
}

func fnvRunes(h uint64, rs []rune) uint64 {
	var buf [utf8.UTFMax]byte
	for _, r := range rs {
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			h = fnvByte(h, b)
		}
	}
	return h
}

// mix64 is the MurmurHash3 finalizer; it spreads FNV's bits so that the
// dimension, sign and IDF bucket taken from one hash are independent.
func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb34ca63d4e53
	h ^= h >> 33
	return h
}
