package synth

// DefaultSeed is the seed the benchmarks use.
const DefaultSeed = 20180808

// Generator makes articles from a seed. It is safe for concurrent use.
type Generator struct {
	seed                       uint64
	orgs                       []org
	lasts                      []string
	nouns, verbs, adjs, advs   []string
	nounZipf, verbZipf         *zipf
	adjZipf, orgZipf           *zipf
	analystZipf                *zipf
	orgPeopleBase, analystBase int
}

// New returns a generator for seed.
func New(seed uint64) *Generator {
	g := &Generator{seed: seed, orgs: orgPool(), lasts: peoplePool()}
	g.nouns, g.verbs, g.adjs, g.advs = inflect()
	// Shuffle each list with the seed so that which word is common is
	// arbitrary, not alphabetical or thematic.
	r := newRNG(seed, 1<<62)
	for _, xs := range [][]string{g.nouns, g.verbs, g.adjs, g.advs} {
		for i := len(xs) - 1; i > 0; i-- {
			j := r.intn(i + 1)
			xs[i], xs[j] = xs[j], xs[i]
		}
	}
	g.nounZipf = newZipf(len(g.nouns), 1.0, 2.7)
	g.verbZipf = newZipf(len(g.verbs), 1.0, 2.7)
	g.adjZipf = newZipf(len(g.adjs), 1.0, 2.7)
	g.orgZipf = newZipf(len(g.orgs), 0.5, 1)
	g.analystZipf = newZipf(5000, 0.8, 1)
	// Company staff and analysts come from disjoint parts of the pool,
	// spread over it so that surnames vary.
	g.orgPeopleBase = 7
	g.analystBase = len(g.orgs)*8 + 1009
	return g
}

// Vocabulary returns the number of distinct content words the generator
// draws from.
func (g *Generator) Vocabulary() int {
	return len(g.nouns) + 4*len(g.verbs) + len(g.adjs) + len(g.advs)
}

// Article returns article i (0-based).
func (g *Generator) Article(i int) *Article { return g.article(i) }
