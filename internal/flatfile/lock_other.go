//go:build !unix

package flatfile

import (
	"os"
	"time"
)

// openFlags open a temporary file for RemoveStale.
const openFlags = 0

// tryLock does nothing where there is no flock.
func tryLock(*os.File) (bool, error) { return true, nil }

// abandoned reports whether f was left untouched for an hour: without
// flock, a writer's file cannot be told from a dead one's but by age.
func abandoned(f *os.File) (bool, error) {
	info, err := f.Stat()
	if err != nil {
		return false, err
	}
	return time.Since(info.ModTime()) > time.Hour, nil
}
