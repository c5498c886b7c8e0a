package synth

import "strings"

var femaleFirst = strings.Fields(`Abigail Ada Adaeze Agnes Aisha Alice Amara Amelia Ana Andrea Anika Anna Astrid Aurora Beatriz Bianca Brigid Camila Carmen Caroline Chiara Chloe Clara Claudia Dalia Daniela Diana Elena Eliza Elsa Emma Esther Eva Farah Fatima Fiona Freya Gemma Grace Hana Hannah Helen Ingrid Irene Isabel Ivy Jana Jasmine Julia Karen Katarina Keiko Laila Laura Leah Lena Lucia Lydia Maeve Maria Marta Maya Mei Mira Nadia Naomi Nina Noor Olga Olivia Patricia Paula Priya Rachel Rosa Ruth Sara Sofia Sonia Tamar Tessa Ursula Valeria Vera Wendy Yara Yasmin Zara Zoe`)

var maleFirst = strings.Fields(`Aaron Adam Adrian Ahmed Alan Alexei Ali Andre Andrew Anton Arjun Ben Boris Bruno Carlos Chen Christian Daniel David Diego Dmitri Edward Elias Emil Eric Ethan Felix Finn Gabriel George Hamza Hans Henry Hiro Hugo Ian Ivan Jack Jakob James Javier Jonas Jorge Joseph Karim Kenji Lars Leo Liam Lucas Luis Malik Marco Mark Martin Mateo Max Michael Milan Nathan Niko Noah Omar Oscar Pablo Paul Pedro Peter Rafael Ravi Robert Samuel Sean Sergei Simon Stefan Thomas Tomas Victor Viktor Walter Wei Yusuf`)

var lastSyllA = strings.Fields(`Ash Bal Bel Bran Cal Carr Dal Dor Eck Ell Fair Fern Gal Gar Hal Hart Holl Kel Kerr Lang Lind Marr Mel Nor Oak Pen Quill Rad Ren Rock Sal Sel Stan Thorn Vance Wal Wex Whit Wick Win Yar`)

var lastSyllB = strings.Fields(`berg bourne by combe dale den field ford gate ham hurst ington ley low man mont more ridge sby shaw son stead ston ter ton vale well wick wood worth`)

// person is one speaker of the pool.
type person struct {
	First, Last string
	Female      bool
}

func (p person) Name() string { return p.First + " " + p.Last }

func (p person) pronoun() string {
	if p.Female {
		return "she"
	}
	return "he"
}

// peoplePool returns every first×last combination: about 180 first names
// times 1,200 surnames, over 200,000 distinct names.
func peoplePool() (lasts []string) {
	for _, a := range lastSyllA {
		for _, b := range lastSyllB {
			lasts = append(lasts, a+b)
		}
	}
	return lasts
}

// personAt returns the n-th person of the pool, n taken modulo its size.
func (g *Generator) personAt(n int) person {
	nf := len(femaleFirst) + len(maleFirst)
	size := nf * len(g.lasts)
	n = (n*7919 + 13) % size
	f, l := n%nf, n/nf
	if f < len(femaleFirst) {
		return person{femaleFirst[f], g.lasts[l], true}
	}
	return person{maleFirst[f-len(femaleFirst)], g.lasts[l], false}
}

// roles of a speaker at a company, and of other kinds of speaker.
var companyRoles = []struct {
	Role    string
	Gender  int // 0 any, 1 female, 2 male
	Spokes  bool
	Article string
}{
	{"spokeswoman", 1, true, "a"},
	{"spokesman", 2, true, "a"},
	{"spokesperson", 0, true, "a"},
	{"chief executive", 0, false, "the"},
	{"chief privacy officer", 0, false, "the"},
	{"chief technology officer", 0, false, "the"},
	{"general counsel", 0, false, "the"},
	{"head of data protection", 0, false, "the"},
	{"vice president of policy", 0, false, "a"},
	{"chief financial officer", 0, false, "the"},
	{"security researcher", 0, false, "a"},
}

var otherRoles = []string{"analyst", "professor of law", "privacy advocate", "senior fellow", "consumer campaigner"}
