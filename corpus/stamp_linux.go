//go:build linux

package corpus

import (
	"io/fs"
	"syscall"
)

// changeTimeAndInode returns the file's status-change time in nanoseconds
// and its inode, from the stat the file system made, or zeros.
func changeTimeAndInode(info fs.FileInfo) (int64, int64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ctim.Nano(), int64(st.Ino)
}
