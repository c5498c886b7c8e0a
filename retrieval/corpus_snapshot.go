package retrieval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/flatfile"
)

// The saved index keeps a snapshot of the corpus: every source as parsed,
// with the stamp of its file (see corpus.Stamp). Opening a large corpus is
// mostly reading and parsing its files, one system call after another
// (about 50 µs a file here); with the snapshot, Open lists the directory,
// stats each file, and takes the parsed source of every file whose stamp is
// unchanged, reading only the others. The snapshot is saved in sections, one
// per vector shard, so that Add and Remove rewrite only their shard. Each
// section is a flat run of varints and length-prefixed strings:
//
//	count, then per source: name, id, stamp (4 signed varints), hash,
//	title, outlet, author, section, date, url, added-by, added-at
//	(time.MarshalBinary, empty for none), body offset, paragraphs (count,
//	then start and length of each), text
//
// Sources read at run time by Add have no stamp and are not saved: the next
// Open reads their files.

const corpusSection = "corpus/"

// errBadSnapshot is wrapped by every decoding error of a corpus snapshot.
var errBadSnapshot = errors.New("damaged corpus snapshot")

// encodeSources writes the sources that have a stamp.
func encodeSources(w io.Writer, srcs []*corpus.Source) error {
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	n := 0
	for _, s := range srcs {
		if s.Stamp.Known() {
			n++
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	for _, s := range srcs {
		if !s.Stamp.Known() {
			continue
		}
		str(s.Name)
		str(s.ID)
		for _, x := range []int64{s.Stamp.Size, s.Stamp.MTime, s.Stamp.CTime, s.Stamp.Ino} {
			b = binary.AppendVarint(b, x)
		}
		for _, f := range []string{s.Hash, s.Title, s.Outlet, s.Author, s.Section, s.Date, s.URL, s.AddedBy} {
			str(f)
		}
		var at []byte
		if !s.AddedAt.IsZero() {
			var err error
			if at, err = s.AddedAt.MarshalBinary(); err != nil {
				return fmt.Errorf("snapshot %s: %w", s.ID, err)
			}
		}
		str(string(at))
		b = binary.AppendUvarint(b, uint64(s.Body))
		b = binary.AppendUvarint(b, uint64(len(s.Paragraphs)))
		for _, p := range s.Paragraphs {
			b = binary.AppendUvarint(b, uint64(p.Start))
			b = binary.AppendUvarint(b, uint64(p.End-p.Start))
		}
		str(s.Text)
		if len(b) >= 1<<20 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// decodeSources reads a section written by encodeSources. The sources'
// strings are views of b, which must never change.
func decodeSources(b []byte) ([]*corpus.Source, error) {
	r := &flatfile.Reader{B: b, Bad: errBadSnapshot}
	out := make([]*corpus.Source, 0, r.Count(1))
	for range cap(out) {
		s := &corpus.Source{Name: r.View(), ID: r.View()}
		s.Stamp = corpus.Stamp{Size: r.Int(), MTime: r.Int(), CTime: r.Int(), Ino: r.Int()}
		s.Hash, s.Title, s.Outlet, s.Author = r.View(), r.View(), r.View(), r.View()
		s.Section, s.Date, s.URL, s.AddedBy = r.View(), r.View(), r.View(), r.View()
		if at := r.View(); at != "" && r.Err() == nil {
			if err := s.AddedAt.UnmarshalBinary([]byte(at)); err != nil {
				return nil, fmt.Errorf("%w: %s: added-at: %v", errBadSnapshot, s.ID, err)
			}
		}
		s.Body = r.Num()
		if np := r.Count(2); np > 0 {
			s.Paragraphs = make([]corpus.Span, np)
		}
		for i := range s.Paragraphs {
			start := r.Num()
			s.Paragraphs[i] = corpus.Span{Start: start, End: start + r.Num()}
		}
		s.Text = r.View()
		if r.Err() != nil {
			return nil, r.Err()
		}
		if !s.Stamp.Known() || s.Name == "" || s.ID == "" || s.Body > len(s.Text) {
			return nil, fmt.Errorf("%w: source %q", errBadSnapshot, s.ID)
		}
		for _, p := range s.Paragraphs {
			if p.Start < s.Body || p.End > len(s.Text) || p.End < p.Start {
				return nil, fmt.Errorf("%w: source %s: paragraph %d-%d out of range", errBadSnapshot, s.ID, p.Start, p.End)
			}
		}
		out = append(out, s)
	}
	return out, r.End()
}
