package simtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Moto is a moto_server process.
type Moto struct {
	Backend
}

// StartMoto runs moto_server on a free loopback port until the test ends. It
// skips the test when moto_server is not on PATH; CI has it.
func StartMoto(t testing.TB) *Moto {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		t.Skip("moto_server is not on PATH (pip install 'moto[server]'); skipping the contract test against moto")
	}
	// The port is free when chosen but can be taken before moto binds it (other test
	// binaries listen on loopback too); moto then exits, and it is tried on another.
	for attempt := 1; ; attempt++ {
		m, err := startMoto(t, bin)
		if err == nil {
			return m
		}
		if !errors.Is(err, errMotoExited) || attempt == 3 {
			t.Fatal(err)
		}
	}
}

var errMotoExited = errors.New("moto_server exited before it answered")

func startMoto(t testing.TB, bin string) (*Moto, error) {
	port, err := freePort(t.Context())
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("starting moto_server: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait() // killed by the cancel, or it could not bind: exited says which matters
		close(exited)
	}()
	t.Cleanup(func() {
		cancel()
		<-exited
	})
	m := &Moto{Backend{
		Name: "moto",
		URL:  fmt.Sprintf("http://127.0.0.1:%d", port),
		// moto accepts any credentials and answers as account 123456789012.
		Credentials: aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "moto", Source: "moto"},
	}}
	if err := m.waitReady(t.Context(), exited, 30*time.Second); err != nil {
		cancel()
		return nil, err
	}
	return m, nil
}

// Reset empties moto's state, so that one server can serve several tests.
func (m *Moto) Reset(t testing.TB) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, m.URL+"/moto-api/reset", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("resetting moto: %v", err)
	}
	_ = resp.Body.Close() // the status is all there is to read
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("resetting moto: %s", resp.Status)
	}
}

// waitReady polls until moto answers its own API, or the process exits, or the
// deadline passes. Only moto answers /moto-api/data.json with 200, so another
// server that took the port is never mistaken for it.
func (m *Moto) waitReady(ctx context.Context, exited <-chan struct{}, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		select {
		case <-exited:
			return errMotoExited
		default:
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.URL+"/moto-api/data.json", nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = resp.Body.Close() // the status is all there is to read
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("%s answered %s", m.URL, resp.Status)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("moto_server did not answer within %v: %w", timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func freePort(ctx context.Context) (int, error) {
	var lc net.ListenConfig
	l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	return port, l.Close()
}
