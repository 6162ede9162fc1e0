package bench

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/runner"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// stepCalls are the AWS calls one step made in one unattended run.
type stepCalls struct {
	run   int // 1 or 2
	step  step.ID
	calls []string // service:operation, in order
}

// callsPerStep replays a setup in process, as the crash matrix does in the binary: an
// unattended run from the example answers, the owner's console-only work, and a second
// run that builds Identity Center. It returns every step's AWS calls in each run.
func callsPerStep(tb testing.TB) []stepCalls {
	tb.Helper()
	file, err := answers.Load(filepath.Join("..", "assets", "answers.example.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	// Configured as an unattended run is: it remembers what it read until it changes something.
	h := steptest.New(tb, simulator.Options{}, func(o *awsclient.Options) { o.RememberReads = true })
	h.Env.Answers = &file.Answers
	var all []stepCalls
	for run := 1; run <= 2; run++ {
		h.Sim.ResetCalls()
		log := &stepLog{sim: h.Sim, run: run}
		if _, err := runner.Run(context.Background(), h.Env.Sequence, h.Env, log); err != nil {
			tb.Fatal(err)
		}
		all = append(all, log.steps...)
		if run == 1 {
			simtest.ConsoleWork(tb, h.Sim, "us-east-1")
			h.Restart()
		}
	}
	return all
}

// stepLog reads the runner's log, one line per step, and gives each step the AWS calls
// made since the line before.
type stepLog struct {
	mu    sync.Mutex
	sim   *simulator.Simulator
	run   int
	seen  int
	buf   bytes.Buffer
	steps []stepCalls
}

func (l *stepLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for {
		line, err := l.buf.ReadString('\n')
		if err != nil {
			l.buf.WriteString(line) // not a whole line yet
			return len(p), nil
		}
		calls := l.sim.Calls()
		var names []string
		for _, c := range calls[l.seen:] {
			names = append(names, c.Service+":"+c.Operation)
		}
		l.seen = len(calls)
		l.steps = append(l.steps, stepCalls{run: l.run, step: step.ID(strings.Fields(line)[0]), calls: names})
	}
}

// table renders the calls per step beside each step's budget.
func table(all []stepCalls) string {
	var b strings.Builder
	total, least := 0, 0
	fmt.Fprintf(&b, "%-4s %-22s %5s %5s  %s\n", "run", "step", "calls", "least", "why more")
	for _, s := range all {
		want := budget[s.run-1][s.step]
		total += len(s.calls)
		least += want.least
		fmt.Fprintf(&b, "%-4d %-22s %5d %5d  %s\n", s.run, s.step, len(s.calls), want.least, want.why)
	}
	fmt.Fprintf(&b, "%-4s %-22s %5d %5d\n", "", "total", total, least)
	return b.String()
}

// TestAWSCallsPerStep holds every step to its budget of AWS calls: a change that adds a
// call fails here, and one that saves a call lowers the budget.
func TestAWSCallsPerStep(t *testing.T) {
	all := callsPerStep(t)
	t.Log("\n" + table(all))
	for _, s := range all {
		want, ok := budget[s.run-1][s.step]
		if !ok {
			t.Errorf("run %d: step %s made %d calls and has no budget", s.run, s.step, len(s.calls))
			continue
		}
		if len(s.calls) != want.calls {
			t.Errorf("run %d: step %s made %d AWS calls, its budget is %d: %s", s.run, s.step, len(s.calls), want.calls, strings.Join(s.calls, " "))
		}
	}
}

var printTable sync.Once

// BenchmarkAWSCalls prints the calls per step of a whole setup and reports the totals.
func BenchmarkAWSCalls(b *testing.B) {
	var all []stepCalls
	for b.Loop() {
		all = callsPerStep(b)
	}
	// Printed, not logged: the benchmark log would be cut short.
	printTable.Do(func() { fmt.Print(table(all)) })
	total, least := 0, 0
	for _, s := range all {
		total += len(s.calls)
		least += budget[s.run-1][s.step].least
	}
	b.ReportMetric(float64(total), "calls/setup")
	b.ReportMetric(float64(least), "least-calls/setup")
}
