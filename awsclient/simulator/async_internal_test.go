package simulator

import (
	"testing"
	"time"
)

func TestAsyncStatus(t *testing.T) {
	t0 := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	work := async{Started: t0, Delay: 10 * time.Second}
	for _, tc := range []struct {
		at      time.Duration
		failure string
		want    string
	}{
		{0, "", "IN_PROGRESS"},
		{9 * time.Second, "", "IN_PROGRESS"},
		{10 * time.Second, "", "SUCCEEDED"},
		{time.Hour, "", "SUCCEEDED"},
		{9 * time.Second, "EMAIL_ALREADY_EXISTS", "IN_PROGRESS"},
		{10 * time.Second, "EMAIL_ALREADY_EXISTS", "FAILED"},
	} {
		w := work
		w.Failure = tc.failure
		if got := w.status(t0.Add(tc.at), "IN_PROGRESS", "SUCCEEDED", "FAILED"); got != tc.want {
			t.Errorf("at +%v (failure %q): %s, want %s", tc.at, tc.failure, got, tc.want)
		}
	}
	if got := (async{Started: t0}).state(t0); got != asyncSucceeded {
		t.Errorf("zero delay: state %v, want done at once", got)
	}
}
