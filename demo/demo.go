// Package demo runs firstrun's built-in simulated account: the simulator with its state
// kept in the demo state directory, served on loopback, and the console actions an
// operator would take by hand for the steps that have no API.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/gofrs/flock"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/step"
)

// StateFile is the simulated account's file inside the demo state directory.
func StateFile(dir string) string { return filepath.Join(dir, "simulated-account.json") }

// ErrInUse means another firstrun process has the simulated account open.
var ErrInUse = errors.New("the simulated account is in use by another firstrun (a --demo wizard or firstrun demo serve); " +
	"finish that one first, or point firstrun at the running server with the AWS_* variables it printed")

// Account is the simulated account, open for one process at a time.
type Account struct {
	Sim     *simulator.Simulator
	Console Console
	lock    *flock.Flock
}

// Open loads (or creates) the simulated account kept in dir. Faults named in
// $FIRSTRUN_SIM_FAULTS are switched on, for trying failure handling by hand.
func Open(dir string) (*Account, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	lock := flock.New(filepath.Join(dir, "simulated-account.lock"), flock.SetPermissions(0o600))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrInUse
	}
	faults, err := simulator.ParseFaults(os.Getenv(simulator.FaultsEnv))
	if err == nil {
		var sim *simulator.Simulator
		sim, err = simulator.New(simulator.Options{StateFile: StateFile(dir), AsyncDelay: simulator.DemoAsyncDelay, Faults: faults})
		if err == nil {
			return &Account{Sim: sim, Console: Console{Sim: sim.Console()}, lock: lock}, nil
		}
	}
	_ = lock.Unlock()
	return nil, err
}

// Start serves the account on a free loopback port and returns its endpoint URL.
func (a *Account) Start() (string, error) { return a.Sim.Start() }

// Serve serves the account on l until Close.
func (a *Account) Serve(l net.Listener) error { return a.Sim.Serve(l) }

// Credentials are the credentials of the account's root user session.
func (a *Account) Credentials() aws.CredentialsProvider {
	return credentials.StaticCredentialsProvider{Value: a.Sim.Credentials()}
}

// Close stops serving and lets another process open the account; its state is already
// saved.
func (a *Account) Close() error { return errors.Join(a.Sim.Close(), a.lock.Unlock()) }

// Reset forgets the simulated account kept in dir: the next demo starts from a new one.
func Reset(dir string) error {
	err := os.Remove(StateFile(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Console maps the steps that have no API to the simulated console's actions.
type Console struct{ Sim *simulator.Console }

// Perform does a's console work in the simulated account.
func (c Console) Perform(_ context.Context, a step.ConsoleAction) error {
	switch a.Step {
	case "root-mfa":
		return c.Sim.EnableRootMFA()
	case "billing-access":
		return c.Sim.ActivateIAMBillingAccess()
	case "root-password":
		return c.Sim.ChangeRootPassword()
	case "root-access-keys", "remove-root-keys":
		return c.Sim.DeleteRootAccessKeys()
	case "identity-center":
		_, err := c.Sim.EnableIdentityCenter(a.Region)
		return err
	case "ic-mfa":
		return c.Sim.RequireIdentityCenterMFA(a.Region)
	case "admin-user":
		return c.Sim.InviteIdentityCenterUser(a.Region, a.Target)
	case "portal-sign-in":
		return c.Sim.ApproveDeviceSignIn(a.Region, a.Target)
	}
	return fmt.Errorf("the simulated console has nothing to do for step %s", a.Step)
}
