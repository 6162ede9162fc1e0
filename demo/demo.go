// Package demo runs firstrun's built-in simulated account: it starts the simulator on a
// loopback port with its state kept in the demo state directory, and does, on request,
// what the operator would do in the AWS console for the steps that have no API.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/step"
)

// StateFile is the simulated account's file inside the demo state directory.
func StateFile(dir string) string { return filepath.Join(dir, "simulated-account.json") }

// Account is a running simulated account.
type Account struct {
	Sim         *simulator.Simulator
	URL         string
	Credentials aws.CredentialsProvider
	Console     step.Console
}

// Start loads (or creates) the simulated account kept in dir and serves it on loopback.
// Faults named in $FIRSTRUN_SIM_FAULTS are switched on, for trying failure handling.
func Start(dir string) (*Account, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	faults, err := simulator.ParseFaults(os.Getenv(simulator.FaultsEnv))
	if err != nil {
		return nil, err
	}
	sim, err := simulator.New(simulator.Options{
		StateFile:  StateFile(dir),
		AsyncDelay: simulator.DemoAsyncDelay,
		Faults:     faults,
	})
	if err != nil {
		return nil, err
	}
	url, err := sim.Start()
	if err != nil {
		return nil, err
	}
	return &Account{
		Sim:         sim,
		URL:         url,
		Credentials: credentials.StaticCredentialsProvider{Value: sim.Credentials()},
		Console:     Console{Sim: sim.Console()},
	}, nil
}

// Close stops the simulated account; its state is already saved.
func (a *Account) Close() error { return a.Sim.Close() }

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
