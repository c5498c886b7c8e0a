//go:build !linux

package retrieval

// bigBuffer returns n bytes for data that lives as long as the process.
func bigBuffer(n int) []byte { return make([]byte, n) }
