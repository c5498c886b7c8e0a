package retrieval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/privacybot/privacybot/internal/flatfile"
)

// Extracting the ledger is the slowest part of opening a large corpus (about
// 0.7 ms of CPU per article, over a minute for 100,000 articles), and its
// result depends only on the corpus bytes and on the extractor and its alias
// table. So next to the index the library saves the ledger, keyed by the
// corpus hash and a hash of the running executable, which holds the
// extractor and the embedded aliases: any rebuilt binary re-extracts. A
// library opened with its own Options.Aliases never uses the file.

const ledgerMagic = "PBLEDG2\n"

// ledgerName is the ledger's file in the data directory.
const ledgerName = "ledger.bin"

// ledgerFile is where the ledger of dir is saved.
func ledgerFile(dir string) string { return filepath.Join(dir, ledgerName) }

var (
	exeHashOnce sync.Once
	exeHash     string
)

// executableHash is the SHA-256 of the running program, or "" when it
// cannot be read (then the ledger is never cached).
func executableHash() string {
	exeHashOnce.Do(func() {
		p, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(p)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return
		}
		exeHash = hex.EncodeToString(h.Sum(nil))
	})
	return exeHash
}

func ledgerKey(c *Corpus) string {
	exe := executableHash()
	if exe == "" {
		return ""
	}
	return c.Hash() + "/" + exe
}

// openLedger returns the ledger of the corpus: the saved one when it was
// extracted from the same corpus by the same program, else a new one, which
// it then saves. Failing to save is not an error: the next Open extracts
// again.
func (l *Library) openLedger(c *Corpus) *Ledger {
	path, key := l.CacheFile(ledgerName, c)
	if path == "" {
		return BuildLedger(c, l.aliases)
	}
	if led, err := readLedger(path, key, c); err == nil {
		led.al = l.aliases
		return led
	}
	led := BuildLedger(c, l.aliases)
	if writeLedger(path, key, c, led) == nil {
		os.Remove(filepath.Join(filepath.Dir(path), "ledger.gob")) // the format before PBLEDG2
	}
	return led
}

func readLedger(path, key string, c *Corpus) (led *Ledger, err error) {
	defer func() {
		if r := recover(); r != nil {
			led, err = nil, fmt.Errorf("decode ledger: panic: %v", r)
		}
	}()
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeLedger(b, key, c)
}

// writeLedger saves led atomically: a temporary file, fsynced and renamed.
func writeLedger(path, key string, c *Corpus, led *Ledger) error {
	b, err := encodeLedger(key, c, led)
	if err != nil {
		return err
	}
	return flatfile.WriteAtomic(path, b)
}
