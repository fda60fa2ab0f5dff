package main

// Privacy: backtriage handles health data and promises that nothing leaves
// the machine. This test fails if the binary could talk to a network: no HTTP
// or TLS client anywhere in its dependencies, no package of ours importing
// net, and net itself imported only by cobra's flag parser (for IP flags).

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const privacyModule = "github.com/backtriage/backtriage"

// networkPackages may not be anywhere in the binary: each can open a
// connection (or is only there to do so).
var networkPackages = []string{
	"net/http", "crypto/tls", "net/smtp", "net/rpc", "golang.org/x/net", "google.golang.org/grpc",
	"github.com/gorilla/websocket", "nhooyr.io/websocket", "github.com/coder/websocket",
}

// netImporters are the only packages allowed to import net, and why.
var netImporters = map[string]string{
	"github.com/spf13/pflag": "parses IP address flags; opens no connection",
	// Pulled in by modernc.org/libc (the diary's SQLite), which only parses
	// and makes random (version 4) UUIDs; net is used for net.Interfaces,
	// to read a hardware address for version 1 UUIDs: no connection.
	"github.com/google/uuid": "reads interface hardware addresses for version 1 UUIDs only; opens no connection",
}

// ourAllowedNet are the net/... packages our own code may import: pure
// parsing, no I/O.
var ourAllowedNet = []string{"net/url"}

// privacyGoTool finds the go tool on PATH, as `go test` was run.
func privacyGoTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("privacy test skipped: the go tool is not on PATH, so the dependency graph cannot be listed")
	}
	return p
}

// goList runs `go list` in the module root and returns its lines.
func privacyGoList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command(privacyGoTool(t), append([]string{"list"}, args...)...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func privacyUnder(pkg, root string) bool {
	return pkg == root || strings.HasPrefix(pkg, root+"/")
}

func TestNoNetworkCodeInTheBinary(t *testing.T) {
	lines := privacyGoList(t, "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./cmd/backtriage")
	if len(lines) < 10 || !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, privacyModule+"/cmd/backtriage") }) {
		t.Fatalf("go list returned an implausible dependency list:\n%s", strings.Join(lines, "\n"))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		for _, bad := range networkPackages {
			if privacyUnder(pkg, bad) {
				t.Errorf("the binary depends on %s, which can talk to a network; importers: %s",
					pkg, strings.Join(privacyImporters(lines, pkg), ", "))
			}
		}
		if slices.Contains(imports, "net") {
			if _, ok := netImporters[pkg]; !ok {
				t.Errorf("%s imports net; only %v may (nothing in backtriage needs a socket)", pkg, privacyKeys(netImporters))
			}
		}
	}
}

func TestNoPackageOfOursImportsNet(t *testing.T) {
	lines := privacyGoList(t, "-f",
		"{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}",
		"./...")
	if len(lines) < 5 {
		t.Fatalf("go list returned too few packages:\n%s", strings.Join(lines, "\n"))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		if !privacyUnder(pkg, privacyModule) {
			t.Errorf("go list ./... listed %s, outside %s", pkg, privacyModule)
			continue
		}
		for _, imp := range imports {
			if (imp == "net" || strings.HasPrefix(imp, "net/") || imp == "crypto/tls") && !slices.Contains(ourAllowedNet, imp) {
				t.Errorf("%s imports %s; backtriage has no network code", pkg, imp)
			}
		}
	}
}

func privacyImporters(lines []string, pkg string) []string {
	var out []string
	for _, line := range lines {
		fields := strings.Fields(line)
		if slices.Contains(fields[1:], pkg) {
			out = append(out, fields[0])
		}
	}
	return out
}

func privacyKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
