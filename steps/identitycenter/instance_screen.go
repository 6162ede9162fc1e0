package identitycenter

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/step"
)

// enablePollFor is how long the screen keeps looking for the new instance on its own.
// Enabling takes a minute or two; the operator may need longer to find the console page.
const enablePollFor = 15 * time.Minute

// IdentityCenterScreen asks for the Identity Center Region, guides the operator through
// enabling the organization instance in the console (AWS has no API for it), and watches
// ListInstances in that Region until the instance appears.
func IdentityCenterScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	region := chosenRegion(env)
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Identity Center Region").Value(&region).Validate(ValidateRegion).
			Description("Where Identity Center keeps its users, groups and settings. It is hard to move later: " +
				"that means deleting the instance and setting up users, permission sets and assignments again."),
	))
	intro := "IAM Identity Center is where your administrator will sign in, instead of the root user. It lives in one " +
		"Region, which you choose now. The current Region, " + env.AWS.Region() + ", is a good default."
	a := step.NewAsk(env, def, form)
	a.Intro = intro
	a.Then = func(bool) (step.Screen, tea.Cmd) {
		// Saved before the console work, so a resumed run looks in the same Region.
		if err := step.Progress(env, def.ID, map[string]string{"region": region}); err != nil {
			return a.Fail(err)
		}
		return a.Next(enableGuide(env, def, region))
	}
	return a
}

// enableGuide is the console part of the step: instructions, and a check of ListInstances
// in region that reports how long it has been looking.
func enableGuide(env *step.Env, def step.Definition, region string) *step.Guided {
	g := step.NewGuided(env, def)
	member := env.Store.Document().Resource(string(stepOrganization), "continued_as") == continuedAsMember
	g.Intro = "AWS offers no API to enable the organization instance of Identity Center, so this is done in the " +
		"console. firstrun asks AWS every few seconds whether it is there (ListInstances in " + region + ") and " +
		"goes on by itself."
	g.Instructions = []string{
		"Sign in to the AWS console as this account (" + env.Identity.Account + ") and open the IAM Identity Center page below; check that the Region selector shows " + region + ".",
		"Choose Enable. If asked, choose to enable it with AWS Organizations (the organization instance), not an account instance: only the organization instance can give access to AWS accounts.",
		"Wait until the dashboard shows the AWS access portal URL (a minute or two).",
	}
	if member {
		g.Instructions = []string{
			"This account is a member account: only the management account can enable Identity Center. Ask its owner to enable it in " + region + " and to register this account as the delegated administrator for IAM Identity Center.",
			"Once that is done, Identity Center shows up here.",
		}
	}
	g.Link = consoleLink(region)
	g.Action = step.ConsoleAction{Region: region}
	g.PollFor = enablePollFor

	var mu sync.Mutex
	found := map[string]string{"region": region}
	checks, started := 0, env.Now()
	g.Verify = func(ctx context.Context) (bool, string, error) {
		inst, ok, err := FindInstance(ctx, env.AWS.SSOAdmin(region), region)
		mu.Lock()
		defer mu.Unlock()
		checks++
		if err != nil {
			return false, "", err
		}
		if !ok {
			times := "once"
			if checks > 1 {
				times = fmt.Sprintf("%d times", checks)
			}
			return false, fmt.Sprintf("no Identity Center instance in %s yet; checked %s in %s",
				region, times, env.Now().Sub(started).Round(time.Second)), nil
		}
		found = inst.resources()
		return true, "enabled in " + region + ": " + inst.ARN, nil
	}
	g.Resources = func() map[string]string {
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(found)
	}
	return g
}
