package simulator

import "testing"

func TestPaginate(t *testing.T) {
	r := &request{svc: iamService(), op: "ListThings"}
	items := []int{1, 2, 3, 4, 5}
	three := 3
	page, next, aerr := paginate(r, items, pageRequest{limit: &three, param: "maxItems", def: 100, max: 1000})
	if aerr != nil || len(page) != 3 || next == "" {
		t.Fatalf("first page %v %q %v", page, next, aerr)
	}
	page, last, aerr := paginate(r, items, pageRequest{token: next, limit: &three, param: "maxItems", def: 100, max: 1000})
	if aerr != nil || len(page) != 2 || page[0] != 4 || last != "" {
		t.Fatalf("second page %v %q %v", page, last, aerr)
	}
	// Only a token the operation could have issued is accepted.
	for _, bad := range []string{next + "x", "eyJvIjoiTGlzdFRoaW5ncyIsImkiOjEwfQ", "%%%"} {
		if _, _, aerr := paginate(r, items, pageRequest{token: bad, param: "maxItems", def: 100, max: 1000}); aerr == nil || aerr.Code != "InvalidInput" {
			t.Errorf("token %q: %v", bad, aerr)
		}
	}
	other := &request{svc: r.svc, op: "ListOtherThings"}
	if _, _, aerr := paginate(other, items, pageRequest{token: next, param: "maxItems", def: 100, max: 1000}); aerr == nil {
		t.Error("a token from another operation was accepted")
	}
	zero := 0
	if _, _, aerr := paginate(r, items, pageRequest{limit: &zero, param: "maxItems", def: 100, max: 1000}); aerr == nil || aerr.Code != "ValidationError" {
		t.Errorf("MaxItems 0: %v", aerr)
	}
}
