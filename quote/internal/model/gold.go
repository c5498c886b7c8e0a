package model

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// ReadGold decodes each line of the gold file at path into a fresh *T and
// passes it to fn with its line number from 0.
func ReadGold[T any](path string, fn func(n int, a *T)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open gold: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 0; sc.Scan(); n++ {
		a := new(T)
		if err := json.Unmarshal(sc.Bytes(), a); err != nil {
			return fmt.Errorf("%s line %d: %w", path, n+1, err)
		}
		fn(n, a)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read gold: %w", err)
	}
	return nil
}
