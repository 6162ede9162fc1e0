package kit

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	step "github.com/firstrun/firstrun/steps/core"
)

// interaction is one thing the engine asks of the operator, as a screen and as plain
// prompts. The screen sends its answer when update returns one; the plain mode returns it.
type interaction interface {
	init() tea.Cmd
	// update handles a message; a non-nil answer ends the interaction.
	update(msg tea.Msg) (tea.Cmd, *answer)
	view(l layout) string
	keys() []key.Binding
	// typing reports a focused text field.
	typing() bool
	// plain asks the same thing as line prompts.
	plain(ctx context.Context, p *Prompter) (answer, error)
}

// layout is what an interaction is drawn in: its size, and the spinner's frame.
type layout struct {
	width, height int
	spin          string
}

// answer is what an interaction learnt from the operator.
type answer struct {
	choice step.Choice
	guide  step.GuideResult
	codes  [2]string
	err    error
}

// request is what the engine sends the screen: an introduction, the AWS call under way,
// or an interaction to show, whose answer goes back on reply.
type request struct {
	link  *link
	intro *string
	work  *step.Work
	ask   interaction
	reply chan answer
}

// link connects one run of the engine to its screen.
type link struct {
	reqs chan request
}

// screenOperator is the engine's side of a screen: each call becomes a request, and the
// calls that need an answer wait for it.
type screenOperator struct {
	env  *Env
	link *link
	ctx  context.Context
}

func (o *screenOperator) send(r request) bool {
	r.link = o.link
	select {
	case o.link.reqs <- r:
		return true
	case <-o.ctx.Done():
		return false
	}
}

func (o *screenOperator) await(ctx context.Context, in interaction) (answer, error) {
	reply := make(chan answer, 1)
	if !o.send(request{ask: in, reply: reply}) {
		return answer{}, o.ctx.Err()
	}
	select {
	case a := <-reply:
		return a, a.err
	case <-ctx.Done():
		return answer{}, ctx.Err()
	}
}

func (o *screenOperator) Begin(intro string)  { o.send(request{intro: &intro}) }
func (o *screenOperator) Working(w step.Work) { o.send(request{work: &w}) }

func (o *screenOperator) Review(ctx context.Context, r step.Review) (step.Choice, error) {
	a, err := o.await(ctx, newReview(o.env, r))
	return a.choice, err
}

func (o *screenOperator) Ask(ctx context.Context, f *step.Form) error {
	_, err := o.await(ctx, newAsk(o.env, f))
	return err
}

func (o *screenOperator) Problem(ctx context.Context, p step.Problem) (step.Choice, error) {
	a, err := o.await(ctx, newProblem(o.env, p))
	return a.choice, err
}

func (o *screenOperator) Guide(ctx context.Context, g step.Guide) (step.GuideResult, error) {
	a, err := o.await(ctx, newGuide(o.env, g))
	return a.guide, err
}

func (o *screenOperator) Codes(ctx context.Context, c step.Codes) (string, string, error) {
	a, err := o.await(ctx, newCodes(o.env, c))
	return a.codes[0], a.codes[1], err
}

func (o *screenOperator) Reveal(ctx context.Context, s step.Secret) error {
	_, err := o.await(ctx, newReveal(o.env, s))
	return err
}

// PlainOperator runs a step as plain line prompts: each interaction's plain mode, in the
// order the engine asks for them.
type PlainOperator struct {
	env *Env
	p   *Prompter
}

// NewPlainOperator asks the operator through p.
func NewPlainOperator(env *Env, p *Prompter) *PlainOperator { return &PlainOperator{env: env, p: p} }

func (o *PlainOperator) run(ctx context.Context, in interaction) (answer, error) {
	a, err := in.plain(ctx, o.p)
	if err == nil {
		err = a.err
	}
	return a, err
}

func (o *PlainOperator) Begin(intro string)  { o.p.Intro(intro) }
func (o *PlainOperator) Working(w step.Work) { o.p.working(w) }

func (o *PlainOperator) Review(ctx context.Context, r step.Review) (step.Choice, error) {
	a, err := o.run(ctx, newReview(o.env, r))
	return a.choice, err
}

func (o *PlainOperator) Ask(ctx context.Context, f *step.Form) error {
	_, err := o.run(ctx, newAsk(o.env, f))
	return err
}

func (o *PlainOperator) Problem(ctx context.Context, p step.Problem) (step.Choice, error) {
	a, err := o.run(ctx, newProblem(o.env, p))
	return a.choice, err
}

func (o *PlainOperator) Guide(ctx context.Context, g step.Guide) (step.GuideResult, error) {
	a, err := o.run(ctx, newGuide(o.env, g))
	return a.guide, err
}

func (o *PlainOperator) Codes(ctx context.Context, c step.Codes) (string, string, error) {
	a, err := o.run(ctx, newCodes(o.env, c))
	return a.codes[0], a.codes[1], err
}

func (o *PlainOperator) Reveal(ctx context.Context, s step.Secret) error {
	_, err := o.run(ctx, newReveal(o.env, s))
	return err
}
