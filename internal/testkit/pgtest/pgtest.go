// Package pgtest runs a real PostgreSQL server for tests, from Debian's
// package (initdb and pg_ctl), in a temporary directory and listening only
// on a Unix socket there, so that no TCP port can clash. One server serves
// a whole test binary: call [Run] from TestMain, then [NewDatabase] in each
// test for a database of its own. Nothing is faked, and nothing skips: a
// test that cannot get a server fails.
//
// initdb and postgres refuse to run as root. When the tests run as root
// (as in CI), the server runs as the "postgres" user, or "nobody" when
// there is none.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running PostgreSQL server.
type Server struct {
	bin  string // directory of initdb, pg_ctl and postgres
	dir  string // temporary directory: data, socket, log
	cred *syscall.Credential
}

var (
	mu      sync.Mutex
	managed bool
	shared  *Server
	dbSeq   atomic.Int64
)

// Run runs the tests of m with a server started when a test first asks
// for a database, and stopped when they end. Call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
func Run(m *testing.M) int {
	mu.Lock()
	managed = true
	mu.Unlock()
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
		shared = nil
	}
	return code
}

// NewDatabase creates an empty database on the test binary's server
// (starting it if need be) and returns its postgres:// URL. It fails t
// when no server can be started.
func NewDatabase(t testing.TB) string {
	t.Helper()
	srv := server(t)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, srv.URL("postgres"))
	if err != nil {
		t.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	return srv.URL(name)
}

// Shared returns the test binary's server, starting it if need be.
func Shared(t testing.TB) *Server {
	t.Helper()
	return server(t)
}

func server(t testing.TB) *Server {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if !managed {
		t.Fatal("pgtest: call pgtest.Run from TestMain")
	}
	if shared == nil {
		s, err := Start()
		if err != nil {
			t.Fatalf("pgtest: %v", err)
		}
		shared = s
	}
	return shared
}

// Start initializes a database cluster in a new temporary directory and
// starts a server on it. Stop it with [Server.Stop].
func Start() (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest")
	if err != nil {
		return nil, fmt.Errorf("temporary directory: %w", err)
	}
	s := &Server{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		if s.cred, err = unprivileged(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		if err := os.Chown(dir, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("chown %s: %w", dir, err)
		}
	}
	if err := s.run("initdb", "-D", s.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.StartAgain(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// StartT is Start for a test that needs a server of its own (to stop and
// start it again): it fails tb if the server cannot start, and stops the
// server and removes its directory when tb ends.
func StartT(tb testing.TB) *Server {
	tb.Helper()
	s, err := Start()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Stop(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// StartAgain starts the server after [Server.StopOnly], on the same data.
func (s *Server) StartAgain() error {
	opts := "-k " + s.dir + " -c listen_addresses= -c fsync=off -c max_connections=200"
	return s.run("pg_ctl", "start", "-w", "-t", "60", "-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-o", opts)
}

// StopOnly stops the server at once and keeps its data, so that
// [Server.StartAgain] can start it again.
func (s *Server) StopOnly() error {
	return s.run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", s.data())
}

// Stop stops the server and removes its directory.
func (s *Server) Stop() error {
	err := s.StopOnly()
	if rmErr := os.RemoveAll(s.dir); err == nil && rmErr != nil {
		err = fmt.Errorf("remove %s: %w", s.dir, rmErr)
	}
	return err
}

// URL returns the postgres:// URL of database db on the server.
func (s *Server) URL(db string) string {
	return "postgres://postgres@/" + db + "?host=" + url.QueryEscape(s.dir) + "&sslmode=disable"
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// run runs one of the server's programs as the server's user.
func (s *Server) run(prog string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(s.bin, prog), args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(string(out))
		if log, rerr := os.ReadFile(filepath.Join(s.dir, "log")); rerr == nil {
			msg += "\nserver log:\n" + string(log)
		}
		return fmt.Errorf("%s: %w: %s", prog, err, msg)
	}
	return nil
}

// binDir finds the directory of initdb: on PATH, or in Debian's
// /usr/lib/postgresql/<version>/bin, the newest version first.
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	if len(dirs) > 0 {
		return filepath.Dir(dirs[0]), nil
	}
	return "", errors.New("initdb not found on PATH or in /usr/lib/postgresql/*/bin: install the postgresql package")
}

func version(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

// unprivileged returns the credential of the postgres user, or of nobody.
func unprivileged() (*syscall.Credential, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 != nil || err2 != nil {
			continue
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
	}
	return nil, errors.New("running as root, and there is no postgres or nobody user to run PostgreSQL as")
}
