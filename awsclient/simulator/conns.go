package simulator

import (
	"net"
	"net/http"
	"sync"
)

// unusedConns are the connections a client has opened but sent no request on yet. The
// SDK's transport dials one for each request that waits for a connection, and pools it
// unused when another connection frees up first. http.Server.Shutdown waits 5 seconds
// before it treats such a connection as idle, so Close closes them itself.
type unusedConns struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// track is the server's ConnState hook.
func (u *unusedConns) track(c net.Conn, state http.ConnState) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if state == http.StateNew {
		if u.conns == nil {
			u.conns = map[net.Conn]struct{}{}
		}
		u.conns[c] = struct{}{}
		return
	}
	delete(u.conns, c)
}

// closeAll closes the connections still unused; Shutdown runs it once the listener is
// closed, so no new one can arrive.
func (u *unusedConns) closeAll() {
	u.mu.Lock()
	defer u.mu.Unlock()
	for c := range u.conns {
		_ = c.Close() // the client sees a closed pooled connection and dials again, as with any server
	}
	u.conns = nil
}
