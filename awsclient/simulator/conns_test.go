package simulator_test

import (
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// A connection a client opened and never used (the SDK's transport pools such spares
// under concurrent calls) must not hold Close up: http.Server.Shutdown alone waits 5
// seconds for it.
func TestCloseDoesNotWaitForAnUnusedConnection(t *testing.T) {
	sim, err := simulator.New(simulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	url, err := sim.Start()
	if err != nil {
		t.Fatal(err)
	}
	var d net.Dialer
	unused, err := d.DialContext(t.Context(), "tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer unused.Close()
	// The server accepts connections in order: once a later one is answered, the unused
	// one has been accepted too.
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url+"/_simulator/calls", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close() // only the round trip matters

	start := time.Now()
	if err := sim.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Close took %v", took)
	}
}
