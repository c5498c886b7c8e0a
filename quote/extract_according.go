package quote

// accordingTo reads the source after "according to": a speaker, or a
// document and who issued it ("a civil complaint filed by the Securities
// and Exchange Commission").
func (x *extractor) accordingTo(toks []token, i, hi int) who {
	np := forwardNP(toks, i, hi)
	if np == nil {
		return who{}
	}
	m := x.parseNP(np)
	if e := i + len(np); e < hi && docNouns[np[len(np)-1].lower()] && m.Org == "" && m.Name == "" {
		if by := x.issuedBy(toks, e, hi); by.ok {
			return by
		}
	}
	return x.resolve(m, "according to")
}

// issuedBy reads "filed by X", "by X", "from X" after a document noun.
func (x *extractor) issuedBy(toks []token, e, hi int) who {
	if e < hi && !toks[e].Punct {
		switch toks[e].lower() {
		case "filed", "issued", "released", "published", "written", "prepared", "sent", "signed", "obtained":
			e++
		}
	}
	if e >= hi || (toks[e].lower() != "by" && toks[e].lower() != "from") {
		return who{}
	}
	np := forwardNP(toks, e+1, hi)
	if np == nil {
		return who{}
	}
	m := x.parseNP(np)
	if m.Name == "" && !m.IsOrg {
		return who{}
	}
	return x.resolve(m, "according to")
}
