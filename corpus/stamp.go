package corpus

import (
	"io/fs"
)

// Stamp is what the file system says about a corpus file, enough to
// tell that it has not changed since it was read: its size, its
// modification time and, where the system reports them, its change time
// (which no tool can set back) and inode. The zero stamp means unknown and
// never matches.
type Stamp struct {
	// Size is the file's length in bytes.
	Size int64
	// MTime and CTime are its modification and status-change times, in
	// nanoseconds since 1970; CTime is 0 where the system does not say.
	MTime, CTime int64
	// Ino is its inode number, or 0 where the system does not say.
	Ino int64
}

// StampOf returns the stamp of a file, or the zero stamp when the file
// system gives no modification time (embedded and in-memory files).
func StampOf(info fs.FileInfo) Stamp {
	if info == nil || info.ModTime().IsZero() {
		return Stamp{}
	}
	st := Stamp{Size: info.Size(), MTime: info.ModTime().UnixNano()}
	st.CTime, st.Ino = changeTimeAndInode(info)
	return st
}

// Known reports whether the stamp says anything.
func (s Stamp) Known() bool { return s != Stamp{} }
