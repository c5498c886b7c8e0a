package ingest

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// The address policy of the [Fetcher]. It is applied in the dialer's
// Control hook, after DNS resolution, to the literal address about to be
// connected to, so a name that resolves (or re-resolves, as in DNS
// rebinding) to a refused address is refused too, before any packet is
// sent.
//
// By default only globally reachable unicast addresses are dialled
// ([IsPublic]): the ranges of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries that are not globally reachable are refused, with
// multicast and broadcast, and an IPv6 address that embeds an IPv4 one is
// judged by the IPv4 address it embeds. PRIVACYBOT_ALLOW_PRIVATE_URLS=1
// lifts that for loopback test servers and intranet feeds, but never for
// the cloud metadata services ([IsMetadata]).

// nonPublicV4 are the IPv4 ranges refused by default: those of the IANA
// IPv4 Special-Purpose Address Registry that are not globally reachable
// (its few globally reachable /32 anycast exceptions inside 192.0.0.0/24
// are refused too: no article is served from them), plus multicast.
var nonPublicV4 = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),          // "this" network
	netip.MustParsePrefix("10.0.0.0/8"),         // private
	netip.MustParsePrefix("100.64.0.0/10"),      // carrier-grade NAT (shared address space)
	netip.MustParsePrefix("127.0.0.0/8"),        // loopback
	netip.MustParsePrefix("169.254.0.0/16"),     // link-local, cloud metadata
	netip.MustParsePrefix("172.16.0.0/12"),      // private
	netip.MustParsePrefix("192.0.0.0/24"),       // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),       // documentation (TEST-NET-1)
	netip.MustParsePrefix("192.88.99.0/24"),     // deprecated 6to4 relay anycast
	netip.MustParsePrefix("192.168.0.0/16"),     // private
	netip.MustParsePrefix("198.18.0.0/15"),      // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"),    // documentation (TEST-NET-2)
	netip.MustParsePrefix("203.0.113.0/24"),     // documentation (TEST-NET-3)
	netip.MustParsePrefix("224.0.0.0/4"),        // multicast
	netip.MustParsePrefix("240.0.0.0/4"),        // reserved
	netip.MustParsePrefix("255.255.255.255/32"), // limited broadcast
}

// globalUnicastV6 is the only IPv6 block from which global unicast
// addresses are allocated; everything outside it is refused by default
// (among them ::/128, ::1/128, the IPv4-compatible ::/96, the local-use
// NAT64 64:ff9b:1::/48, 100::/64, 5f00::/16, fc00::/7, fec0::/10,
// fe80::/10 and ff00::/8), except ::ffff:0:0/96 and 64:ff9b::/96, which
// are judged by the IPv4 address they embed.
var globalUnicastV6 = netip.MustParsePrefix("2000::/3")

// nonPublicV6 are the ranges inside [globalUnicastV6] that the IANA IPv6
// Special-Purpose Address Registry lists as not globally reachable, or
// that tunnel to an IPv4 address we cannot vet.
var nonPublicV6 = []netip.Prefix{
	netip.MustParsePrefix("2001::/23"),     // IETF protocol assignments, Teredo 2001::/32 among them
	netip.MustParsePrefix("2001:db8::/32"), // documentation
	netip.MustParsePrefix("2002::/16"),     // 6to4: embeds an IPv4 address (2002:7f00:1:: is 127.0.0.1)
	netip.MustParsePrefix("3fff::/20"),     // documentation
}

// IPv6 forms that embed an IPv4 address: IPv4-mapped, IPv4-compatible
// (deprecated), NAT64 (RFC 6052's well-known and local-use prefixes),
// 6to4 and Teredo.
var (
	mappedV4   = netip.MustParsePrefix("::ffff:0:0/96")
	compatV4   = netip.MustParsePrefix("::/96")
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	nat64Local = netip.MustParsePrefix("64:ff9b:1::/48")
	sixToFour  = netip.MustParsePrefix("2002::/16")
	teredo     = netip.MustParsePrefix("2001::/32")
)

// metadata are the cloud metadata services, refused even with
// PRIVACYBOT_ALLOW_PRIVATE_URLS=1: reaching them from a fetch would hand
// the instance's credentials to whoever chose the URL.
var metadata = []netip.Prefix{
	netip.MustParsePrefix("169.254.169.254/32"), // AWS, GCP, Azure, Oracle, DigitalOcean, OpenStack
	netip.MustParsePrefix("169.254.170.2/32"),   // AWS ECS task metadata and credentials
	netip.MustParsePrefix("169.254.170.23/32"),  // AWS EKS Pod Identity agent
	netip.MustParsePrefix("100.100.100.200/32"), // Alibaba Cloud
	netip.MustParsePrefix("168.63.129.16/32"),   // Azure WireServer
	netip.MustParsePrefix("192.0.0.192/32"),     // Oracle Cloud (legacy)
	netip.MustParsePrefix("fd00:ec2::/32"),      // AWS over IPv6: fd00:ec2::254 metadata, ::23 Pod Identity, ::253 DNS
}

// IsPublic reports whether ip is a globally reachable unicast address:
// none of loopback, private, link-local, multicast, unspecified, reserved,
// documentation, or another range the IANA special-purpose registries
// mark as not globally reachable. An IPv4-mapped or NAT64 (64:ff9b::/96)
// address is public when the IPv4 address it embeds is; 6to4, Teredo and
// the other IPv4-embedding forms are refused. A cloud metadata address
// ([IsMetadata]) is never public.
func IsPublic(ip netip.Addr) bool {
	ip = ip.WithZone("")
	if !ip.IsValid() || IsMetadata(ip) {
		return false
	}
	if mappedV4.Contains(ip) || nat64.Contains(ip) {
		ip = v4Tail(ip)
	}
	if ip.Is4() {
		return !inAny(nonPublicV4, ip)
	}
	return globalUnicastV6.Contains(ip) && !inAny(nonPublicV6, ip)
}

// IsMetadata reports whether ip is a cloud metadata address, or an IPv6
// address that embeds one (IPv4-mapped, IPv4-compatible, NAT64, 6to4 or
// Teredo).
func IsMetadata(ip netip.Addr) bool {
	ip = ip.WithZone("")
	if inAny(metadata, ip) {
		return true
	}
	for _, v4 := range embeddedV4(ip) {
		if inAny(metadata, v4) {
			return true
		}
	}
	return false
}

// embeddedV4 returns the IPv4 addresses an IPv6 address may carry.
func embeddedV4(ip netip.Addr) []netip.Addr {
	if !ip.Is6() {
		return nil
	}
	b := ip.As16()
	switch {
	case mappedV4.Contains(ip), compatV4.Contains(ip), nat64.Contains(ip), nat64Local.Contains(ip):
		return []netip.Addr{v4Tail(ip)}
	case sixToFour.Contains(ip):
		return []netip.Addr{netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})}
	case teredo.Contains(ip):
		// The Teredo server, then the client, whose bits are inverted.
		return []netip.Addr{
			netip.AddrFrom4([4]byte{b[4], b[5], b[6], b[7]}),
			netip.AddrFrom4([4]byte{^b[12], ^b[13], ^b[14], ^b[15]}),
		}
	}
	return nil
}

// v4Tail returns the IPv4 address in the last 32 bits of ip.
func v4Tail(ip netip.Addr) netip.Addr {
	b := ip.As16()
	return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
}

func inAny(ps []netip.Prefix, ip netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// dialControl returns the net.Dialer Control function that enforces the
// address policy: it runs after DNS resolution with the literal address
// about to be dialled. With allowPrivate only the metadata services are
// refused.
func dialControl(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrBlockedAddress, address)
		}
		ip, err := netip.ParseAddr(host)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrBlockedAddress, address)
		}
		switch {
		case IsMetadata(ip):
			return fmt.Errorf("%w: %s is a cloud metadata address", ErrBlockedAddress, ip)
		case !allowPrivate && !IsPublic(ip):
			return fmt.Errorf("%w: %s (set PRIVACYBOT_ALLOW_PRIVATE_URLS=1 to allow it)", ErrBlockedAddress, ip)
		}
		return nil
	}
}
