package quote

import "strings"

// canonOrg returns the canonical form of an organization name: the alias
// table's, else the fuller name the article introduced ("Northgate" →
// "Northgate Cyber").
func (x *extractor) canonOrg(name string) string {
	if !x.named {
		return x.readCanonOrg(name)
	}
	if c, ok := x.canons[name]; ok {
		return c
	}
	c := x.readCanonOrg(name)
	if x.canons == nil {
		x.canons = map[string]string{}
	}
	x.canons[name] = c
	return c
}

// norm is normOrg, memoized for the article.
func (x *extractor) norm(s string) string {
	if n, ok := x.norms[s]; ok {
		return n
	}
	n := normOrg(s)
	if x.norms == nil {
		x.norms = map[string]string{}
	}
	x.norms[s] = n
	return n
}

// readCanonOrg is canonOrg without the memo.
func (x *extractor) readCanonOrg(name string) string {
	c := x.al.Canonical(name)
	if x.al.Known(c) {
		return c
	}
	n := normOrg(name)
	if full, ok := x.orgs[n]; ok {
		return full
	}
	hit := ""
	for _, k := range sortedKeys(x.orgs) {
		if strings.HasPrefix(k, n+" ") {
			if hit != "" && hit != x.orgs[k] {
				return c
			}
			hit = x.orgs[k]
		}
	}
	if hit != "" {
		return hit
	}
	return c
}
