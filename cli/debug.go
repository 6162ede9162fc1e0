package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"

	"github.com/firstrun/firstrun/debuglog"
	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/step"
)

// The debug log is asked for with --debug FILE or these variables.
const (
	debugEnv     = "FIRSTRUN_DEBUG"      // the file
	debugHTTPEnv = "FIRSTRUN_DEBUG_HTTP" // any value: add the SDK's request and response dumps
)

// debugging is the debug log of one run: a logger that discards everything when no
// log was asked for.
type debugging struct {
	*slog.Logger
	on    bool
	wire  bool
	close func() error
}

// openDebug opens the debug log at path ("" for none). Everything written to it passes
// through debuglog's redactor.
func openDebug(path string, wire bool, version string) (*debugging, error) {
	if path == "" {
		if wire {
			return nil, errors.New("--debug-http adds to the debug log: give --debug FILE too")
		}
		return &debugging{Logger: slog.New(slog.DiscardHandler), close: func() error { return nil }}, nil
	}
	l, err := debuglog.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--debug: %w; name a file in a folder you can write", err)
	}
	l.Info("firstrun started", "version", version, "args", os.Args[1:])
	return &debugging{Logger: l.Logger, on: true, wire: wire, close: l.Close}, nil
}

// steps returns seq with the start of each step written to the log: when its screen
// opens, or when a run without a screen starts it. Outcomes are written as the checkpoint
// saves them (saved).
func (d *debugging) steps(seq []step.Definition) []step.Definition {
	if !d.on {
		return seq
	}
	seq = slices.Clone(seq)
	for i, def := range seq {
		id := def.ID
		if flow := def.Flow; flow != nil {
			seq[i].Flow = func(env core.Env) *core.Flow {
				d.Info("step started", "step", id)
				return flow(env)
			}
		}
		if screen := def.Screen; screen != nil {
			seq[i].Screen = func(env *step.Env, def step.Definition) step.Screen {
				d.Info("step started", "step", id)
				return screen(env, def)
			}
		}
		if run := def.Headless.Run; run != nil {
			seq[i].Headless.Run = func(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
				d.Info("step started", "step", id, "screen", false)
				rec, err := run(ctx, env)
				if err != nil {
					d.Warn("step stopped", "step", id, "error", err)
				}
				return rec, err
			}
		}
	}
	return seq
}

// saved writes a step's outcome to the log once the checkpoint holds it.
func (d *debugging) saved(id string, r checkpoint.StepRecord) {
	d.Info("step saved", "step", id, "outcome", string(r.Outcome), "reason", r.Reason, "resources", r.Resources)
}
