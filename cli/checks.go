package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/firstrun/firstrun/steps/validate"
)

// check refuses connection flags that can't work, before anything runs: a Region or an
// endpoint that is not one, and flags the demo would silently ignore.
func (c connection) check() error {
	if c.demo && (c.profile != "" || c.url != "") {
		return errors.New("--demo works on the built-in simulated account: --profile and --endpoint-url don't apply to it; " +
			"leave them out, or leave out --demo to work on an AWS account")
	}
	if c.region != "" {
		if err := validate.Region(c.region); err != nil {
			return fmt.Errorf("--region: %w", err)
		}
	}
	if c.url != "" {
		if err := validEndpoint(c.url); err != nil {
			return fmt.Errorf("--endpoint-url: %w", err)
		}
	}
	return checkTimeout(c.awsTimeout)
}

// checkTimeout refuses an --aws-timeout no AWS call could finish within.
func checkTimeout(d time.Duration) error {
	if d < time.Second {
		return fmt.Errorf("--aws-timeout %v is too short for any AWS call: give a duration such as 30s or 2m", d)
	}
	return nil
}

// checkConfig refuses a Region or an endpoint that came from the environment or the
// profile and can't work: the SDK would only fail later, with a network error that
// points nowhere near the cause.
func (c connection) checkConfig(cfg aws.Config) error {
	if err := validate.Region(cfg.Region); err != nil {
		return fmt.Errorf("firstrun: the Region from %s: %w. Set a valid one, or pass --region", c.regionSource(), err)
	}
	if cfg.BaseEndpoint != nil {
		if err := validEndpoint(*cfg.BaseEndpoint); err != nil {
			return fmt.Errorf("firstrun: the endpoint from %s: %w. Correct it, or unset it to reach AWS itself", c.endpointSource(), err)
		}
	}
	return nil
}

func (c connection) regionSource() string {
	switch {
	case c.region != "":
		return "--region or the answers file"
	case os.Getenv("AWS_REGION") != "":
		return "AWS_REGION"
	case os.Getenv("AWS_DEFAULT_REGION") != "":
		return "AWS_DEFAULT_REGION"
	}
	return "the profile's region setting"
}

func (c connection) endpointSource() string {
	switch {
	case c.url != "":
		return "--endpoint-url"
	case os.Getenv("AWS_ENDPOINT_URL") != "":
		return "AWS_ENDPOINT_URL"
	}
	return "the profile's endpoint_url setting"
}

// validEndpoint checks that s is an absolute http or https URL naming a host.
func validEndpoint(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not an endpoint URL like https://host or http://127.0.0.1:4566", s)
	}
	return nil
}

// stateDirProblem explains why the state directory could not be used, and what to do.
func stateDirProblem(dir string, err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.ENOTDIR) ||
		errors.Is(err, fs.ErrNotExist) {
		fix := "Make that folder readable and writable by you (chmod u+rwx)"
		if errors.Is(err, syscall.ENOTDIR) {
			fix = "Something that is not a folder is in the way: move it"
		}
		return fmt.Errorf("firstrun: can't keep its progress in %s (%w). %s, or point FIRSTRUN_STATE_DIR at "+
			"another folder; nothing in AWS has changed", dir, err, fix)
	}
	return fmt.Errorf("firstrun: %w", err)
}
