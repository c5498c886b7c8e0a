package quote

import "strings"

// canonOrg returns the canonical form of an organization name: the alias
// table's, else the fuller name the article introduced ("Northgate" →
// "Northgate Cyber").
func (x *extractor) canonOrg(name string) string {
	if !x.named {
		return x.readCanonOrg(name)
	}
	return memo(&x.canons, name, func() string { return x.readCanonOrg(name) })
}

// norm is normOrg, memoized for the article.
func (x *extractor) norm(s string) string {
	return memo(&x.norms, s, func() string { return normOrg(s) })
}

// memo returns the value cached under key, reading and caching it first
// if there is none.
func memo[K comparable, V any](cache *map[K]V, key K, read func() V) V {
	if v, ok := (*cache)[key]; ok {
		return v
	}
	v := read()
	if *cache == nil {
		*cache = map[K]V{}
	}
	(*cache)[key] = v
	return v
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
