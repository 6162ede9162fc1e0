package simulator

import (
	"encoding/json"
	"io"
	"net/http"
)

// controlPrefix is where the control API lives: no AWS service uses a path
// starting with an underscore, and only unsigned requests reach it.
const controlPrefix = "/_simulator/"

// controlHandler serves the control API documented at Simulator.Handler.
func (s *Simulator) controlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_simulator/calls", func(w http.ResponseWriter, _ *http.Request) {
		writeControl(w, http.StatusOK, s.Calls())
	})
	mux.HandleFunc("DELETE /_simulator/calls", func(w http.ResponseWriter, _ *http.Request) {
		s.ResetCalls()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /_simulator/faults", func(w http.ResponseWriter, _ *http.Request) {
		writeControl(w, http.StatusOK, faultStrings(s.faults.List()))
	})
	mux.HandleFunc("POST /_simulator/faults", func(w http.ResponseWriter, r *http.Request) {
		spec, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		var faults []Fault
		if err == nil {
			faults, err = ParseFaults(string(spec))
		}
		if err == nil {
			err = s.faults.Add(faults...)
		}
		if err != nil {
			writeControlError(w, http.StatusBadRequest, err)
			return
		}
		writeControl(w, http.StatusOK, faultStrings(s.faults.List()))
	})
	mux.HandleFunc("DELETE /_simulator/faults", func(w http.ResponseWriter, _ *http.Request) {
		s.faults.Clear()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_simulator/credentials/expire", func(w http.ResponseWriter, _ *http.Request) {
		s.ExpireCredentials(s.Credentials().AccessKeyID)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_simulator/console/{action}", s.serveConsole)
	return mux
}

func (s *Simulator) serveConsole(w http.ResponseWriter, r *http.Request) {
	c := s.Console()
	var out any
	var err error
	switch action := r.PathValue("action"); action {
	case "EnableRootMFA":
		err = c.EnableRootMFA()
	case "ChangeRootPassword":
		err = c.ChangeRootPassword()
	case "DeleteRootAccessKeys":
		err = c.DeleteRootAccessKeys()
	case "EnableIdentityCenter":
		out, err = c.EnableIdentityCenter(r.URL.Query().Get("region"))
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		writeControlError(w, http.StatusConflict, err)
		return
	}
	if out == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeControl(w, http.StatusOK, out)
}

func faultStrings(faults []Fault) []string {
	out := make([]string, 0, len(faults))
	for _, f := range faults {
		out = append(out, f.String())
	}
	return out
}

func writeControl(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the test went away; nothing to tell it
}

func writeControlError(w http.ResponseWriter, status int, err error) {
	writeControl(w, status, map[string]string{"error": err.Error()})
}
