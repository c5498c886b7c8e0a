package bot

import (
	"regexp"
	"strings"
)

// listingRe finds where a sentence starts listing the members of a group
// it names just before: "banks including", "lenders such as", "banks
// like", "The targeted banks include".
var listingRe = regexp.MustCompile(`(?i)\b(\p{L}+)\s*,?\s+(?:including|such as|like|include|includes|included|among them|namely)\b`)

// groupMembers returns the names the sentences list as members of a group
// the topic names ("US banks including JP Morgan Chase, Wells Fargo,
// Citigroup and US Bancorp" for "bank"): each capitalised word of the
// list, lower-cased, mapped to the group's topic term.
func groupMembers(sents []bodySentence, topic []string) map[string]string {
	want := map[string]bool{}
	for _, t := range topic {
		want[t] = true
	}
	out := map[string]string{}
	for _, s := range sents {
		for _, m := range listingRe.FindAllStringSubmatchIndex(s.text, -1) {
			group := stem(strings.ToLower(s.text[m[2]:m[3]]))
			if !want[group] {
				continue
			}
			list := s.text[m[1]:]
			if i := strings.IndexAny(list, ".;:"); i >= 0 && !strings.HasPrefix(list[i:], ".") {
				list = list[:i]
			}
			for _, w := range capitalWordRe.FindAllString(list, -1) {
				lw := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
				if stopwords[lw] || questionWords[lw] || len(lw) < 3 {
					continue
				}
				out[stem(lw)] = group
			}
		}
	}
	return out
}

// withMembers returns terms plus the group term of every member it holds.
func withMembers(terms map[string]bool, members map[string]string) map[string]bool {
	var add []string
	for t := range terms {
		if g, ok := members[t]; ok && !terms[g] {
			add = append(add, g)
		}
	}
	if len(add) == 0 {
		return terms
	}
	out := make(map[string]bool, len(terms)+len(add))
	for t := range terms {
		out[t] = true
	}
	for _, g := range add {
		out[g] = true
	}
	return out
}
