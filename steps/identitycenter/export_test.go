package identitycenter

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/steps/step"
)

// PortalSignInScreenTicking is PortalSignInScreen waiting between its polls of the
// sign-in with tick instead of tea.Tick, so that a test can let AWS's poll interval go
// by on a clock of its own.
func PortalSignInScreenTicking(tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd) func(*step.Env, step.Definition) step.Screen {
	return func(env *step.Env, def step.Definition) step.Screen {
		s := PortalSignInScreen(env, def)
		if p, ok := s.(*portalScreen); ok {
			p.tick = tick
		}
		return s
	}
}
