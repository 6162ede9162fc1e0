//go:build !windows

package e2e

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// exchange is one request to AWS and its answer, as they crossed the wire.
type exchange struct {
	Op       string // the call: "iam:CreateLoginProfile"-like for every protocol, see operation
	Request  *http.Request
	ReqBody  []byte
	RespBody []byte
}

// wire stands between the binary and the simulated account, as the network does: it sees
// every request and answer (heard), and may change an answer before the binary reads it
// (answer), as a surprising AWS would.
type wire struct {
	URL    string
	answer func(op string, body []byte) []byte
	heard  func(exchange)
}

// startWire serves a wire in front of target until the test ends.
func startWire(t *testing.T, target string, w *wire) {
	t.Helper()
	to, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(to) },
		ModifyResponse: func(resp *http.Response) error {
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return err
			}
			req := resp.Request
			reqBody, _ := req.Context().Value(reqBodyKey{}).([]byte)
			op := operation(req, reqBody)
			if w.answer != nil {
				body = w.answer(op, body)
			}
			if w.heard != nil {
				w.heard(exchange{Op: op, Request: req, ReqBody: reqBody, RespBody: body})
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			resp.ContentLength = int64(len(body))
			resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
			return nil
		},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(rw, r.WithContext(context.WithValue(r.Context(), reqBodyKey{}, body)))
	}))
	t.Cleanup(srv.Close)
	w.URL = srv.URL
}

type reqBodyKey struct{}

// operation names a call in every protocol: the Action of a query-protocol form, the
// X-Amz-Target of JSON 1.1, else the method and path of REST-JSON.
func operation(r *http.Request, body []byte) string {
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		_, op, _ := strings.Cut(target, ".")
		return op
	}
	if form, err := url.ParseQuery(string(body)); err == nil && form.Get("Action") != "" {
		return form.Get("Action")
	}
	return r.Method + " " + r.URL.Path
}
