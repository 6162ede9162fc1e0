// Package summary is the last step: every step's outcome, what was created, and what is
// left to do, on screen and saved as Markdown and JSON reports (export.go).
package summary

import (
	"sort"
	"time"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// Entry is one step as the summary reports it.
type Entry struct {
	ID        step.ID
	Chapter   step.Chapter
	Title     string
	Optional  bool
	Available bool
	Outcome   checkpoint.Outcome // "" when the step has not been run
	Reason    string
	Resources []Resource
}

// Resource is one identifier a step recorded.
type Resource struct{ Name, Value string }

// Report is the summary of one account's setup.
type Report struct {
	AccountID string
	CallerARN string
	Region    string
	Version   string
	Generated time.Time
	Entries   []Entry
}

// Build assembles the report from the saved state, in the order of the sequence. The
// summary step itself is left out: it is the report.
func Build(doc checkpoint.Document, seq []step.Definition, version string, now time.Time) Report {
	r := Report{AccountID: doc.AccountID, CallerARN: doc.CallerARN, Region: doc.Region, Version: version, Generated: now.UTC()}
	for _, d := range seq {
		if d.ID == ID {
			continue
		}
		rec := doc.Steps[string(d.ID)]
		e := Entry{ID: d.ID, Chapter: d.Chapter, Title: d.Title, Optional: d.Optional, Available: d.Available(),
			Outcome: rec.Outcome, Reason: rec.Reason}
		for name, value := range rec.Resources {
			e.Resources = append(e.Resources, Resource{Name: name, Value: value})
		}
		sort.Slice(e.Resources, func(i, j int) bool { return e.Resources[i].Name < e.Resources[j].Name })
		r.Entries = append(r.Entries, e)
	}
	return r
}

// ID is the summary step's ID.
const ID step.ID = "summary"

// Remaining lists the steps still to do: not run, started, failed, or skipped. Optional
// steps that were skipped are a choice, not work left.
func (r Report) Remaining() []Entry {
	var left []Entry
	for _, e := range r.Entries {
		switch e.Outcome {
		case checkpoint.Verified, checkpoint.Done, checkpoint.Confirmed:
		case checkpoint.Skipped:
			if !e.Optional {
				left = append(left, e)
			}
		case checkpoint.Failed, checkpoint.InProgress, "":
			left = append(left, e)
		}
	}
	return left
}

// Created lists the entries that recorded resources.
func (r Report) Created() []Entry {
	var made []Entry
	for _, e := range r.Entries {
		if len(e.Resources) > 0 && e.ID != "connect" {
			made = append(made, e)
		}
	}
	return made
}

// OutcomeText is an entry's outcome in words, including steps this build can't run yet.
func (e Entry) OutcomeText() string {
	if !e.Available && e.Outcome == "" {
		return "not available yet"
	}
	return step.Label(e.Outcome)
}
