package ingest

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// registry lists the ranges of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (and the address-space registries' multicast,
// reserved and deprecated site-local blocks) that are not globally
// reachable. Each must be refused by default: its first, last and middle
// addresses are tried.
var registry = []string{
	// IPv4
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
	"172.16.0.0/12", "192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32", "192.0.0.170/31",
	"192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
	"203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
	// IPv6
	"::/128", "::1/128", "::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64",
	"2001::/23", "2001::/32", "2001:2::/48", "2001:10::/28", "2001:db8::/32", "2002::/16",
	"3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
}

func TestRegistryRangesRefused(t *testing.T) {
	for _, r := range registry {
		p := netip.MustParsePrefix(r)
		for _, ip := range []netip.Addr{firstAddr(p), middleAddr(p), lastAddr(p)} {
			if IsPublic(ip) {
				t.Errorf("IsPublic(%s) in %s = true", ip, p)
			}
			if err := dialControl(false)("tcp", net.JoinHostPort(ip.String(), "80"), nil); !errors.Is(err, ErrBlockedAddress) {
				t.Errorf("dial %s in %s: %v; want ErrBlockedAddress", ip, p, err)
			}
		}
	}
}

func firstAddr(p netip.Prefix) netip.Addr { return p.Masked().Addr() }

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	ip, _ := netip.AddrFromSlice(b)
	return ip
}

// middleAddr sets the first host bit and the low bit of the last byte.
func middleAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	if p.Bits() < len(b)*8 {
		b[p.Bits()/8] |= 0x80 >> (p.Bits() % 8)
		b[len(b)-1] |= 1
	}
	ip, _ := netip.AddrFromSlice(b)
	return ip
}

func TestAddressPolicy(t *testing.T) {
	const (
		public   = iota // dialled in both modes
		private         // refused unless PRIVACYBOT_ALLOW_PRIVATE_URLS=1
		metadata        // refused in both modes
	)
	for _, tt := range []struct {
		ip   string
		want int
	}{
		{"8.8.8.8", public}, {"2606:4700::1111", public}, {"93.184.216.34", public},
		{"2001:4860:4860::8888", public}, {"2001:200::1", public}, {"2003::1", public},
		// Just outside the refused IPv4 ranges.
		{"9.255.255.255", public}, {"11.0.0.0", public}, {"100.63.255.255", public}, {"100.128.0.0", public},
		{"126.255.255.255", public}, {"128.0.0.0", public}, {"169.253.255.255", public}, {"169.255.0.0", public},
		{"172.15.255.255", public}, {"172.32.0.0", public}, {"192.0.1.0", public}, {"192.88.98.255", public},
		{"192.167.255.255", public}, {"192.169.0.0", public}, {"198.17.255.255", public}, {"198.20.0.0", public},
		{"223.255.255.255", public}, {"168.63.129.15", public},
		// IPv4 embedded in IPv6: judged by the IPv4 address.
		{"::ffff:8.8.8.8", public}, {"64:ff9b::808:808", public},
		{"::ffff:127.0.0.1", private}, {"::ffff:10.0.0.1", private}, {"::ffff:192.168.1.1", private},
		{"64:ff9b::7f00:1", private}, {"64:ff9b::a00:1", private}, {"64:ff9b::ffff:ffff", private},
		{"::808:808", private}, {"64:ff9b:1::808:808", private},
		{"2002:7f00:1::", private}, {"2002:808:808::1", private}, // 6to4, refused whatever it embeds
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", private}, // Teredo
		{"fec0::1", private}, {"fe80::1%eth0", private}, {"fd00::2", private},
		{"127.0.0.1", private}, {"::1", private}, {"10.1.2.3", private}, {"169.254.1.1", private},
		{"0.0.0.0", private}, {"::", private}, {"4000::1", private}, {"1000::1", private},
		// Cloud metadata, in every form.
		{"169.254.169.254", metadata}, {"169.254.170.2", metadata}, {"169.254.170.23", metadata},
		{"100.100.100.200", metadata}, {"168.63.129.16", metadata}, {"192.0.0.192", metadata},
		{"fd00:ec2::254", metadata}, {"fd00:ec2::23", metadata},
		{"::ffff:169.254.169.254", metadata}, {"::a9fe:a9fe", metadata}, {"64:ff9b::a9fe:a9fe", metadata},
		{"64:ff9b:1::a9fe:a9fe", metadata}, {"2002:a9fe:a9fe::1", metadata},
		{"2001:0:a9fe:a9fe::", metadata},                   // Teredo server
		{"2001:0:4136:e378:8000:63bf:5601:5601", metadata}, // Teredo client, bits inverted
	} {
		ip := netip.MustParseAddr(tt.ip)
		if got := IsPublic(ip); got != (tt.want == public) {
			t.Errorf("IsPublic(%s) = %v", ip, got)
		}
		if got := IsMetadata(ip); got != (tt.want == metadata) {
			t.Errorf("IsMetadata(%s) = %v", ip, got)
		}
		addr := net.JoinHostPort(tt.ip, "443")
		for _, allowPrivate := range []bool{false, true} {
			err := dialControl(allowPrivate)("tcp", addr, nil)
			refuse := tt.want == metadata || tt.want == private && !allowPrivate
			if refuse != (err != nil) || err != nil && !errors.Is(err, ErrBlockedAddress) {
				t.Errorf("dial %s with allowPrivate=%v: %v; want refused=%v", addr, allowPrivate, err, refuse)
			}
			if tt.want == metadata && err != nil && strings.Contains(err.Error(), "PRIVACYBOT_ALLOW_PRIVATE_URLS") {
				t.Errorf("the refusal of %s suggests a setting that would not lift it: %v", addr, err)
			}
		}
	}
}

// TestFetcherRefusesMetadataWhenPrivateAllowed: with
// PRIVACYBOT_ALLOW_PRIVATE_URLS=1 a loopback server is fetched, but the
// metadata services are refused before any connection is made.
func TestFetcherRefusesMetadataWhenPrivateAllowed(t *testing.T) {
	site := newNewsSite(t)
	f := NewFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second})
	if _, err := f.Get(context.Background(), site.URL+icoFine.Path, Page); err != nil {
		t.Fatalf("the loopback server was not fetched: %v", err)
	}
	for _, u := range []string{
		"http://169.254.169.254/latest/meta-data/",
		"http://[fd00:ec2::254]/latest/meta-data/",
		"http://[::ffff:169.254.169.254]/latest/meta-data/",
		"http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
		"http://100.100.100.200/latest/meta-data/",
	} {
		_, err := f.Get(context.Background(), u, Page)
		if !errors.Is(err, ErrBlockedAddress) || !strings.Contains(err.Error(), "metadata") {
			t.Errorf("Get(%s) = %v; want ErrBlockedAddress for a metadata address", u, err)
		}
	}
}
