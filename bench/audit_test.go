package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// latency is the injected wait of every AWS call in the audit benchmark.
const latency = 100 * time.Millisecond

// BenchmarkAudit50Accounts audits 50 simulated accounts, each answering every call after
// 100 ms, with `firstrun audit --profiles`, as a consultant audits their clients. It
// reports the wall time beside the slowest single account's (audited alone: its chain of
// calls) and the sum of all call latencies. Target: within 3x of the slowest account.
func BenchmarkAudit50Accounts(b *testing.B) {
	const accounts = 50
	sims := make([]*simulator.Simulator, accounts)
	var config, credentials strings.Builder
	profiles := make([]string, accounts)
	for i := range sims {
		sim, backend := simtest.Start(b, simulator.Options{Faults: []simulator.Fault{
			{Target: "*:*", Kind: simulator.FaultLatency, Latency: latency}}})
		sims[i] = sim
		profiles[i] = fmt.Sprintf("client%02d", i)
		fmt.Fprintf(&config, "[profile %s]\nregion = us-east-1\nendpoint_url = %s\n\n", profiles[i], backend.URL)
		c := backend.Credentials
		fmt.Fprintf(&credentials, "[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n\n",
			profiles[i], c.AccessKeyID, c.SecretAccessKey, c.SessionToken)
	}
	dir := b.TempDir()
	configFile, credentialsFile := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	for path, text := range map[string]string{configFile: config.String(), credentialsFile: credentials.String()} {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	audit := func(profiles ...string) (time.Duration, float64) {
		env := append(cleanEnv(b), "AWS_CONFIG_FILE="+configFile, "AWS_SHARED_CREDENTIALS_FILE="+credentialsFile)
		// Exit 1: a new account fails controls, as it should.
		return runToEnd(b, env, []int{0, 1}, "audit", "--profiles", strings.Join(profiles, ","))
	}

	// Each account alone: the slowest is the chain of calls the whole audit can't beat.
	var slowest time.Duration
	for _, p := range profiles[:5] { // the accounts are alike; five show the spread
		took, _ := audit(p)
		slowest = max(slowest, took)
	}
	for _, sim := range sims {
		sim.ResetCalls()
	}
	b.ResetTimer()
	var wall time.Duration
	var peak float64
	for i := 0; i < b.N; i++ {
		took, rss := audit(profiles...)
		wall += took
		peak = max(peak, rss)
	}
	b.StopTimer()
	calls := 0
	for _, sim := range sims {
		calls += len(sim.Calls())
	}
	perRun := wall / time.Duration(b.N)
	sumOfLatencies := time.Duration(calls/b.N) * latency
	b.ReportMetric(perRun.Seconds(), "s-wall")
	b.ReportMetric(slowest.Seconds(), "s-slowest-account")
	b.ReportMetric(perRun.Seconds()/slowest.Seconds(), "x-slowest-account")
	b.ReportMetric(sumOfLatencies.Seconds(), "s-sum-of-latencies")
	b.ReportMetric(peak, "MB-peak-rss")
}
