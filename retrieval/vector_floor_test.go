package retrieval

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// floorScan is the least work any exact vector search must do: the dot
// product of q with every vector, on every CPU, keeping the best k. It is
// the memory-bandwidth floor the vector part of a query is compared with.
func floorScan(q []float32, vecs [][]float32, k int) []int {
	workers := runtime.GOMAXPROCS(0)
	tops := make([]topK, workers)
	var wg sync.WaitGroup
	per := (len(vecs) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*per, min((w+1)*per, len(vecs))
		tops[w] = topK{k: k}
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := &tops[w]
			for i := lo; i < hi; i++ {
				t.push(i, Dot(q, vecs[i]))
			}
		}()
	}
	wg.Wait()
	all := topK{k: k}
	for _, t := range tops {
		for j := range t.ids {
			all.push(t.ids[j], t.scores[j])
		}
	}
	return all.ids
}

// topK keeps the k highest scores seen, unordered.
type topK struct {
	k      int
	ids    []int
	scores []float32
	minAt  int
}

func (t *topK) push(id int, s float32) {
	if len(t.ids) < t.k {
		t.ids = append(t.ids, id)
		t.scores = append(t.scores, s)
		if len(t.ids) == t.k {
			t.findMin()
		}
		return
	}
	if s <= t.scores[t.minAt] {
		return
	}
	t.ids[t.minAt], t.scores[t.minAt] = id, s
	t.findMin()
}

func (t *topK) findMin() {
	t.minAt = 0
	for i, s := range t.scores {
		if s < t.scores[t.minAt] {
			t.minAt = i
		}
	}
}

func TestFloorScanFindsTheBest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vecs := make([][]float32, 1000)
	for i := range vecs {
		vecs[i] = make([]float32, 16)
		for j := range vecs[i] {
			vecs[i][j] = r.Float32()
		}
	}
	q := vecs[123]
	got := floorScan(q, vecs, 5)
	scores := make([]float32, len(vecs))
	for i, v := range vecs {
		scores[i] = Dot(q, v)
	}
	order := make([]int, len(vecs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if scores[a] > scores[b] {
			return -1
		}
		if scores[a] < scores[b] {
			return 1
		}
		return 0
	})
	slices.Sort(got)
	want := slices.Clone(order[:5])
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("floorScan = %v, want %v", got, want)
	}
}
