package retrieval

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/philippgille/chromem-go"
)

// The vectors are saved with chromem-go's own export (a gzip'd gob of its
// collections) and read back with its import, after the header that
// persist.go writes. The import checks the gzip stream, so a damaged or
// truncated file fails to load and the index is rebuilt.

// collectionIDs lists, by collection name, the ids of every vector the
// library stores, sorted.
func (l *Library) collectionIDs() map[string][]string {
	ids := map[string][]string{}
	for _, c := range l.chunks {
		n := collectionName(l.emb, c.kind)
		ids[n] = append(ids[n], c.id)
	}
	n := articleCollectionName(l.emb)
	for _, s := range l.corpus.Sources {
		if len(l.bySource[s.ID]) > 0 {
			ids[n] = append(ids[n], s.ID)
		}
	}
	for _, v := range ids {
		slices.Sort(v)
	}
	return ids
}

// writeVectors exports every collection of the index to w.
func (v *vectorIndex) writeVectors(w io.Writer) error {
	if err := v.db.ExportToWriter(w, true, ""); err != nil {
		return fmt.Errorf("export vectors: %w", err)
	}
	return nil
}

// readVectors imports what writeVectors wrote into a new index for emb. It
// fails unless every chunk collection of emb that ids expects is present;
// the article collection is optional. link, if not nil, is given every
// chunk vector listed in ids.
func readVectors(r io.ReadSeeker, emb Embedder, ids map[string][]string, link func(id string, vec []float32)) (*vectorIndex, error) {
	db := chromem.NewDB()
	if err := db.ImportFromReader(r, ""); err != nil {
		return nil, fmt.Errorf("import vectors: %w", err)
	}
	v := &vectorIndex{db: db, emb: emb, cols: map[chunkKind]*chromem.Collection{}}
	ef := chromem.EmbeddingFunc(EmbedFunc(emb))
	ctx := context.Background()
	for _, k := range kinds {
		name := collectionName(emb, k)
		col := db.GetCollection(name, ef) // always with our embedding function
		if col == nil {
			if len(ids[name]) > 0 {
				return nil, fmt.Errorf("import vectors: no collection %q", name)
			}
			var err error
			if col, err = db.CreateCollection(name, nil, ef); err != nil {
				return nil, fmt.Errorf("import vectors: %w", err)
			}
		}
		v.cols[k] = col
		for _, id := range ids[name] {
			d, err := col.GetByID(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("import vectors: %w", err)
			}
			if link != nil {
				link(id, d.Embedding)
			}
		}
	}
	name := articleCollectionName(emb)
	if col := db.GetCollection(name, ef); col != nil {
		v.arts = col
		for _, id := range ids[name] {
			d, err := col.GetByID(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("import vectors: %w", err)
			}
			v.artVecs.set(id, d.Embedding)
		}
	}
	return v, nil
}
