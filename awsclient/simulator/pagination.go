package simulator

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
)

// pageRequest is a List call's paging input.
type pageRequest struct {
	token string // NextToken or Marker; empty for the first page
	limit *int   // MaxResults or MaxItems; nil for the service default
	param string // "maxItems", "maxResults": named in validation errors
	def   int    // page size when limit is nil
	max   int    // largest limit the model allows
}

type pageToken struct {
	Op     string `json:"o"`
	Offset int    `json:"i"`
}

// paginate returns one page of items and the token of the next page (empty
// on the last one). Tokens are opaque to clients, as AWS's are, and bound to
// the operation, so a token from one list is refused by another with the
// service's own error.
func paginate[T any](r *request, items []T, p pageRequest) ([]T, string, *apiError) {
	limit := p.def
	if p.limit != nil {
		limit = *p.limit
		if limit < 1 || limit > p.max {
			return nil, "", r.svc.errs.validation.with(
				"1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value between 1 and %d", limit, p.param, p.max)
		}
	}
	offset := 0
	if p.token != "" {
		var t pageToken
		raw, err := base64.RawURLEncoding.DecodeString(p.token)
		if err != nil || json.Unmarshal(raw, &t) != nil || t.Op != r.op || t.Offset <= 0 || t.Offset > len(items) {
			return nil, "", r.svc.errs.badNextToken.err()
		}
		offset = t.Offset
	}
	end := min(offset+limit, len(items))
	next := ""
	if end < len(items) {
		raw, _ := json.Marshal(pageToken{Op: r.op, Offset: end}) // cannot fail: two plain fields
		next = base64.RawURLEncoding.EncodeToString(raw)
	}
	return items[offset:end], next, nil
}

// intParam reads an optional integer parameter of a query-protocol call.
func (r *request) intParam(name string) (*int, *apiError) {
	v := r.form.Get(name)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil, r.svc.errs.validation.with("Invalid value %q for %s", v, name)
	}
	return &n, nil
}
