//go:build unix

package flatfile

import (
	"errors"
	"os"
	"syscall"
)

// openFlags open a temporary file for RemoveStale: never through a
// symlink, and never blocking on a FIFO put in its place.
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// tryLock takes an exclusive flock on f without waiting, and reports
// whether it got it. The lock lasts until f is closed or the process
// dies.
func tryLock(f *os.File) (bool, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return false, err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) {
		for {
			ferr = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB)
			if ferr != syscall.EINTR {
				return
			}
		}
	}); err != nil {
		return false, err
	}
	if errors.Is(ferr, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return ferr == nil, ferr
}

// abandoned reports whether no live writer holds the temporary file f,
// and if so keeps it locked until f is closed.
func abandoned(f *os.File) (bool, error) { return tryLock(f) }
