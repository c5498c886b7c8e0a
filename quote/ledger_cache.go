package quote

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/privacybot/privacybot/corpus"
	"github.com/privacybot/privacybot/internal/flatfile"
)

// Extracting the ledger is the slowest part of opening a large corpus (about
// 0.7 ms of CPU per article, over a minute for 100,000 articles), and its
// result depends only on the corpus bytes and on the extractor and its alias
// table. So next to the index the library saves the ledger, keyed by the
// corpus hash and a hash of the running executable, which holds the
// extractor and the embedded aliases: any rebuilt binary re-extracts. A
// library opened with its own aliases never uses the file.

const ledgerMagic = "PBLEDG2\n"

// LedgerFileName is the ledger's file in the data directory.
const LedgerFileName = "ledger.bin"

// ledgerFile is where the ledger of dir is saved.
func ledgerFile(dir string) string { return filepath.Join(dir, LedgerFileName) }

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

// LedgerKey names corpus c and the running program, which holds the
// extractor and the embedded aliases: a ledger saved under another key is
// stale. It is "" when the program cannot be read; then nothing is cached.
func LedgerKey(c *corpus.Corpus) string {
	exe := executableHash()
	if exe == "" {
		return ""
	}
	return c.Hash() + "/" + exe
}

// ReadLedger reads the ledger of corpus c saved at path under key, and
// gives it the aliases al for its look-ups. A missing, stale or damaged
// file is an error.
func ReadLedger(path, key string, c *corpus.Corpus, al *Aliases) (led *Ledger, err error) {
	defer func() {
		if r := recover(); r != nil {
			led, err = nil, fmt.Errorf("decode ledger: panic: %v", r)
		}
	}()
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	led, err = decodeLedger(b, key, c)
	if err != nil {
		return nil, err
	}
	led.al = al
	return led, nil
}

// WriteLedger saves led, extracted from c, at path under key, atomically:
// a temporary file, fsynced and renamed.
func WriteLedger(path, key string, c *corpus.Corpus, led *Ledger) error {
	b, err := encodeLedger(key, c, led)
	if err != nil {
		return err
	}
	return flatfile.WriteAtomic(path, b)
}
