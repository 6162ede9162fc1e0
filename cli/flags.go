package cli

import (
	"errors"
	"flag"
	"io"
	"time"

	"github.com/firstrun/firstrun/awsclient"
)

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(stderr) }
	return fs
}

// parse parses args, flags and other arguments in any order ("demo console root-mfa
// --region eu-west-1" as much as "demo console --region eu-west-1 root-mfa"), and returns
// the other arguments. It reports whether the program should go on, and the exit code if
// not. After "--" everything is an argument.
func parse(fs *flag.FlagSet, args []string) (rest []string, ok bool, code int) {
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			return nil, false, exitOK
		case err != nil:
			return nil, false, exitUsage
		}
		done := len(fs.Args()) < len(args) && args[len(args)-len(fs.Args())-1] == "--"
		if fs.NArg() == 0 || done {
			return append(rest, fs.Args()...), true, 0
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// connection are the flags that say which account to reach, and how.
type connection struct {
	demo                 bool
	profile, region, url string
	awsTimeout           time.Duration
}

func (c *connection) register(fs *flag.FlagSet) {
	fs.BoolVar(&c.demo, "demo", false, "use the built-in simulated account")
	fs.StringVar(&c.profile, "profile", "", "AWS profile")
	fs.StringVar(&c.region, "region", "", "AWS Region")
	fs.StringVar(&c.url, "endpoint-url", "", "AWS endpoint URL")
	fs.DurationVar(&c.awsTimeout, "aws-timeout", awsclient.DefaultAttemptTimeout, "how long one attempt at an AWS call may take")
}
