package simtest

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// Another server that took moto's port (a simulator answers 403 to anything
// unsigned) must not pass for moto: tests would share its state.
func TestWaitReadyRefusesAServerThatIsNotMoto(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	defer other.Close()
	m := &Moto{Backend{URL: other.URL}}
	if err := m.waitReady(t.Context(), make(chan struct{}), 200*time.Millisecond); err == nil {
		t.Fatal("a server answering 403 was taken for moto")
	}
	exited := make(chan struct{})
	close(exited)
	if err := m.waitReady(t.Context(), exited, time.Minute); !errors.Is(err, errMotoExited) {
		t.Fatalf("moto exited, waitReady = %v", err)
	}
}
