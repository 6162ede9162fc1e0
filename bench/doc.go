// Package bench measures what users feel of firstrun: the wait for the first frame, the
// time to draw the heaviest screens, a whole unattended run, the AWS calls each step makes,
// and an audit of many accounts. Run it with
//
//	go test -run '^$' -bench . -benchmem ./bench/
//
// Its tests (go test ./bench/) hold the AWS calls of every step to a budget, so a change
// that adds a redundant call fails.
package bench
