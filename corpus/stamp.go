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
	Size, MTime, CTime, Ino int64
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
