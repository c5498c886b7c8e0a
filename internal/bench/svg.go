package bench

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// WriteSVG draws answer latency (p50 solid, p99 dashed, one colour per
// question kind) against corpus size, both on log scales, with the issue's
// targets as crosses.
func WriteSVG(w io.Writer, rs []Result) error {
	const (
		W, H                     = 720, 440
		left, right, top, bottom = 70, 200, 40, 60
	)
	if len(rs) == 0 {
		return fmt.Errorf("no results to plot")
	}
	minX, maxX := math.Log10(float64(rs[0].Size)), math.Log10(float64(rs[len(rs)-1].Size))
	if maxX-minX < 1 {
		minX, maxX = math.Floor(minX), math.Floor(minX)+2
	}
	minY, maxY := -1.0, 3.0 // 0.1 ms to 1 s
	px := func(n float64) float64 {
		return left + (math.Log10(n)-minX)/(maxX-minX)*(W-left-right)
	}
	py := func(d time.Duration) float64 {
		m := math.Max(float64(d)/float64(time.Millisecond), 0.1)
		return top + (maxY-math.Log10(m))/(maxY-minY)*(H-top-bottom)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", W, H, W, H)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", W, H)
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="15">privacybot answer latency vs corpus size</text>`+"\n", left)
	for e := minY; e <= maxY; e++ {
		y := py(time.Duration(math.Pow(10, e) * float64(time.Millisecond)))
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", left, y, W-right, y)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", left-6, y+4, trimMs(math.Pow(10, e)))
	}
	for e := math.Ceil(minX); e <= maxX; e++ {
		x := px(math.Pow(10, e))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`+"\n", x, top, x, H-bottom)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x, H-bottom+18, articles(math.Pow(10, e)))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">articles (log scale)</text>`+"\n", (left+W-right)/2, H-16)
	fmt.Fprintf(&b, `<text x="18" y="%d" transform="rotate(-90 18 %d)" text-anchor="middle">answer latency (log scale)</text>`+"\n", (top+H-bottom)/2, (top+H-bottom)/2)

	colours := []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd"}
	ly := top + 10
	for i, k := range Kinds {
		for _, p99 := range []bool{false, true} {
			var pts []string
			for _, r := range rs {
				l := r.Serve.Answer[k]
				d := l.P50
				if p99 {
					d = l.P99
				}
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(float64(r.Size)), py(d)))
			}
			dash := ""
			name := k + " p50"
			if p99 {
				dash = ` stroke-dasharray="6 4"`
				name = k + " p99"
			}
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`+"\n", colours[i], dash, strings.Join(pts, " "))
			for _, p := range pts {
				xy := strings.Split(p, ",")
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3" fill="%s"/>`+"\n", xy[0], xy[1], colours[i])
			}
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", W-right+14, ly, W-right+40, ly, colours[i], dash)
			fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", W-right+46, ly+4, name)
			ly += 18
		}
	}
	// Targets: p50 and p99 at 10k and 100k.
	for _, t := range []struct {
		n        float64
		p50, p99 time.Duration
	}{{1e4, 10 * time.Millisecond, 30 * time.Millisecond}, {1e5, 60 * time.Millisecond, 150 * time.Millisecond}} {
		if math.Log10(t.n) < minX-0.01 || math.Log10(t.n) > maxX+0.01 {
			continue
		}
		for _, d := range []time.Duration{t.p50, t.p99} {
			x, y := px(t.n), py(d)
			fmt.Fprintf(&b, `<path d="M%.1f %.1fl8 8m0 -8l-8 8" stroke="black" stroke-width="1.5" transform="translate(-4 -4)"/>`+"\n", x, y)
		}
	}
	fmt.Fprintf(&b, `<path d="M%d %dl8 8m0 -8l-8 8" stroke="black" stroke-width="1.5"/>`+"\n", W-right+22, ly-4)
	fmt.Fprintf(&b, `<text x="%d" y="%d">target p50, p99</text>`+"\n", W-right+46, ly+4)
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func trimMs(m float64) string {
	if m >= 1000 {
		return fmt.Sprintf("%g s", m/1000)
	}
	return fmt.Sprintf("%g ms", m)
}

func articles(n float64) string {
	if n >= 1000 {
		return fmt.Sprintf("%gk", n/1000)
	}
	return fmt.Sprintf("%g", n)
}
