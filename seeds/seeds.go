// Package seeds embeds the seed articles that privacybot answers from when no
// other corpus is given. The files are byte-for-byte copies of the shared seeds;
// their stems are the source ids.
package seeds

import "embed"

// FS holds the seed articles (*.txt) at its root.
//
//go:embed *.txt
var FS embed.FS
