package synth_test

import (
	"io/fs"
	"os"
)

func osDir(dir string) fs.FS { return os.DirFS(dir) }
