package step

// Form is the questions a step asks, as data: the screen draws them as a huh form, the
// plain mode asks them one line at a time, and a run without a person takes the values
// they start with (the answers file's, or what an earlier run chose). Fields write their
// answers through their Value pointers, into the step's own state.
type Form struct {
	Groups []Group
	// Facts are shown above the questions; the engine fills them from the inspection.
	Facts []Fact
}

// NewForm is a form of groups, one page each on the screen.
func NewForm(groups ...Group) *Form { return &Form{Groups: groups} }

// Group is one page of questions.
type Group struct {
	Title  string
	Fields []Field
	// Hide, when set, hides the group while it returns true; it is asked again as earlier
	// answers change.
	Hide func() bool
}

// Visible reports whether the group shows for the answers so far.
func (g Group) Visible() bool { return g.Hide == nil || !g.Hide() }

// Field is one question (an *Input, *Confirm, *Select or *MultiSelect), or a *Note
// among them.
type Field interface {
	// Question is what the field asks.
	Question() string
	// Unanswered, when not "", says that the field has no answer a run without a person
	// may take: that run waits, saying this ("confirm the root email and phone reach you
	// (contacts.root_contact_reachable: true)").
	Unanswered() string
}

// Common is what every field has.
type Common struct {
	Title       string
	Description string
	// Wait is the field's Unanswered: set it when the value the field starts with is no
	// answer at all.
	Wait string
}

func (c Common) Question() string   { return c.Title }
func (c Common) Unanswered() string { return c.Wait }

// Input asks for a line of text.
type Input struct {
	Common
	Value    *string
	Validate func(string) error
	// Inline puts the title and the text on one line.
	Inline bool
	// Placeholder is shown in an empty field.
	Placeholder string
}

// Confirm asks yes or no.
type Confirm struct {
	Common
	Value       *bool
	Affirmative string // "Yes" when empty
	Negative    string // "No" when empty
}

// Note is text shown among the questions; it asks nothing.
type Note struct {
	Common
}

// Option is one choice of a Select or MultiSelect.
type Option struct {
	Label string
	Value string
}

// Select asks for one of its options.
type Select struct {
	Common
	Value   *string
	Options []Option
	// Height bounds the options shown at once; 0 shows them all.
	Height int
}

// MultiSelect asks for any of its options; those in Value start picked.
type MultiSelect struct {
	Common
	Value   *[]string
	Options []Option
}

// Validate checks every visible field's value as its validator would, for runs with no
// one to correct them: the first problem, naming the question, or nil.
func (f *Form) Validate() error {
	for _, g := range f.Groups {
		if !g.Visible() {
			continue
		}
		for _, fld := range g.Fields {
			in, ok := fld.(*Input)
			if !ok || in.Validate == nil {
				continue
			}
			if err := in.Validate(*in.Value); err != nil {
				return &FieldError{Question: in.Title, Err: err}
			}
		}
	}
	return nil
}

// Unanswered lists, for the visible groups in order, what a run without a person would
// wait for.
func (f *Form) Unanswered() []string {
	var out []string
	for _, g := range f.Groups {
		if !g.Visible() {
			continue
		}
		for _, fld := range g.Fields {
			if w := fld.Unanswered(); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// FieldError is a value a field's validator refused.
type FieldError struct {
	Question string
	Err      error
}

func (e *FieldError) Error() string { return e.Question + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }
