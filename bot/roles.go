package bot

import (
	"strings"
)

// describedSpeakers returns the ledger's speakers that a question names by
// description or by the first word of an organization's name: "the
// retailer's spokeswoman", "the EFF lawyer", "the information
// commissioner", "Northgate". It looks only when the question asks for
// someone's words and names no speaker of the ledger.
func describedSpeakers(snap *snapshot, text string) []string {
	asked := askedSpeaker(text)
	ws := words(asked)
	if len(ws) == 0 {
		return nil
	}
	if ws[0] == "the" || ws[0] == "a" || ws[0] == "an" {
		if found := byRole(snap, ws[1:]); len(found) > 0 {
			return found
		}
		return byDescription(snap, ws[1:])
	}
	if len(ws) == 1 && looksPlural(ws[0]) && !stopwords[ws[0]] && !notNames[ws[0]] {
		// "What are patients saying?": a group, not a name.
		return byDescription(snap, ws)
	}
	if len(ws) == 1 && !stopwords[ws[0]] && !notNames[ws[0]] && len(ws[0]) >= minShortName && snap.statistics().vocab[ws[0]] > 0 {
		// A word the sources never print begins no name they quote.
		return byFirstWord(snap, ws[0])
	}
	return nil
}

// byRole finds the speakers whose role holds the description's last word
// (its head: "spokeswoman", "lawyer") and whose role, organization or its
// initials hold most of its other words; the best, or "" for none.
func byRole(snap *snapshot, desc []string) []string {
	var clean []string
	for _, w := range desc {
		if !stopwords[w] {
			clean = append(clean, w)
		}
	}
	if len(clean) == 0 || len(clean) > 5 {
		return nil
	}
	head, rest := clean[len(clean)-1], clean[:len(clean)-1]
	type cand struct {
		label string
		score int
	}
	best := 0
	var found []string
	seen := map[string]bool{}
	roleWords := map[string]map[string]bool{}
	for _, q := range snap.ledger.Quotes {
		if q.Role == "" {
			continue
		}
		rw, ok := roleWords[q.Role]
		if !ok {
			rw = termSet(q.Role)
			roleWords[q.Role] = rw
		}
		if !rw[stem(head)] {
			continue
		}
		have := termSet(q.Organization)
		for t := range rw {
			have[t] = true
		}
		have[initials(q.Organization)] = true
		score := 1
		for _, w := range rest {
			if have[stem(w)] {
				score++
			}
		}
		if 2*(score-1) < len(rest) {
			continue // most of the description must fit
		}
		label := q.Speaker
		if label == "" {
			label = q.Organization
		}
		if label == "" || seen[label] && score <= best {
			continue
		}
		if score > best {
			best, found, seen = score, nil, map[string]bool{}
		}
		if score == best && !seen[label] {
			seen[label] = true
			found = append(found, label)
		}
	}
	if len(found) > 3 {
		return nil // "the spokesman" of too many: no one in particular
	}
	return found
}

// initials returns the lower-case initials of a name of several words
// ("eff" for Electronic Frontier Foundation), "" for one word.
func initials(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		if w == "of" || w == "and" || w == "the" || w == "for" {
			continue
		}
		r := []rune(strings.ToLower(w))
		b.WriteRune(r[0])
	}
	return b.String()
}

// byFirstWord finds the organizations the ledger knows whose name begins
// with w ("Northgate" for Northgate Cyber).
func byFirstWord(snap *snapshot, w string) []string {
	var out []string
	for _, name := range snap.ledger.Speakers() {
		f, _, ok := strings.Cut(name, " ")
		if ok && strings.EqualFold(strings.Trim(f, ".,"), w) {
			out = append(out, name)
		}
	}
	if len(out) > 3 {
		return nil
	}
	return out
}
