// Package flatfile is the format of the caches privacybot keeps beside its
// index (the quote ledger, the engine's word statistics): a magic string, a
// key naming what the cache was made from, a flat run of unsigned varints
// and length-prefixed strings, and a CRC-32C of all that. The saved index
// frames its header the same way. Every file privacybot saves is written
// with [WriteAtomic] or [WriteAtomicFunc] (see atomic.go).
package flatfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// ErrStale is returned by Open for a file saved under another key.
var ErrStale = errors.New("cache is out of date")

// AppendString appends s with its length before it.
func AppendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Seal returns the whole file: magic, key, body and the checksum.
func Seal(magic, key string, body []byte) []byte {
	b := AppendString([]byte(magic), key)
	b = append(b, body...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
}

// Open checks a file sealed with magic under key and returns a Reader of
// its body, whose errors wrap bad. It returns ErrStale (wrapped) for a file
// of another key, and an error wrapping bad for a damaged one.
func Open(b []byte, magic, key string, bad error) (*Reader, error) {
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: not a file of this version", bad)
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, crcTable) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", bad)
	}
	r := &Reader{B: body[len(magic):], Bad: bad}
	if k := r.View(); r.Err() != nil {
		return nil, r.Err()
	} else if k != key {
		return nil, ErrStale
	}
	return r, nil
}
