package audit

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
)

// managedCentrally are the controls an organization meets for its members in the
// management account: the organization instance of IAM Identity Center lives there,
// with its users, groups and permission sets, and assigns access to every member
// account. A member has none of it inside, and must not fail for that.
var managedCentrally = []string{"identity-center", "identity-source", "ic-mfa", "admin-user", "admin-group",
	"admin-permission-set", "admin-assignment", "least-privilege"}

// management is the view of an organization's management account that a member's
// audit is completed with.
type management struct {
	target Target
	// analyzer is an active ORGANIZATION analyzer there, which covers every member;
	// analyzerErr says why the analyzers could not be read.
	analyzer    string
	analyzerErr error
	region      string
	// answers are what its checks are told, with the Region of its Identity Center.
	answers *answers.Answers
	// rootFeatures are IAM's centralized root access features the organization has on
	// (iam:ListOrganizationsFeatures), nil when they could not be read.
	rootFeatures []iamtypes.FeatureType
}

// readManagement reads what the management account does for the whole organization.
func readManagement(ctx context.Context, t Target, o Options) *management {
	m := &management{target: t, region: t.Identity.Region, answers: answersFor(ctx, o.Answers, t)}
	pages := accessanalyzer.NewListAnalyzersPaginator(t.AWS.AccessAnalyzer(m.region),
		&accessanalyzer.ListAnalyzersInput{Type: aatypes.TypeOrganization})
	for pages.HasMorePages() && m.analyzer == "" {
		page, err := pages.NextPage(ctx)
		if err != nil {
			m.analyzerErr = err
			return m
		}
		for _, a := range page.Analyzers {
			if a.Status == aatypes.AnalyzerStatusActive {
				m.analyzer = *a.Name
				break
			}
		}
	}
	if out, err := t.AWS.IAM.ListOrganizationsFeatures(ctx, &iam.ListOrganizationsFeaturesInput{}); err == nil {
		m.rootFeatures = out.EnabledFeatures
	}
	return m
}

// cover completes a member's result with what the management account meets for it:
// each centrally managed control that fails inside the member is checked again in the
// management account, for the member (its assignments name the member's account), and
// passes there with the reason; the access analyzer control passes when an
// organization analyzer watches the member.
func (m *management) cover(ctx context.Context, r *Result, o Options) {
	env := m.env(ctx, r.Account, o)
	var root *memberRoot
	for i, c := range r.Controls {
		if c.Status == step.Pass {
			continue
		}
		switch {
		case slices.Contains(rootControls, c.ID) && slices.Contains(m.rootFeatures, iamtypes.FeatureTypeRootCredentialsManagement):
			if root == nil {
				root = m.readMemberRoot(ctx, r.Account)
			}
			root.judge(&r.Controls[i], m.target.Identity.Account)
		case c.ID == "access-analyzer" && m.analyzer != "":
			r.Controls[i].Status = step.Pass
			r.Controls[i].Detail = fmt.Sprintf("Met in the management account %s: the organization analyzer %s (%s) watches this account.",
				m.target.Identity.Account, m.analyzer, m.region)
		case c.ID == "access-analyzer" && m.analyzerErr != nil:
			r.Controls[i].Detail += " The management account's organization analyzers could not be read: " +
				awsclient.Explain(m.analyzerErr).Summary()
		case slices.Contains(managedCentrally, c.ID):
			d, ok := definition(o.Sequence, c.ID)
			if !ok {
				continue
			}
			if got := check(ctx, d, env); got.Status == step.Pass {
				r.Controls[i].Status = step.Pass
				r.Controls[i].Detail = fmt.Sprintf("Met in the management account %s (the organization's IAM Identity Center): %s",
					m.target.Identity.Account, got.Detail)
			}
		}
	}
}

// env is the management account's environment, reading for member: the checks read
// the organization's Identity Center with the management account's clients and look
// for the member's assignments.
func (m *management) env(ctx context.Context, member string, o Options) step.Env {
	id := m.target.Identity
	id.Account = member
	return step.Env{
		Ctx: ctx, AWS: m.target.AWS, Identity: id, Sequence: o.Sequence,
		Answers: m.answers, Now: time.Now, Version: o.Version,
	}
}

func definition(seq []step.Definition, id string) (step.Definition, bool) {
	for _, d := range seq {
		if string(d.ID) == id {
			return d, true
		}
	}
	return step.Definition{}, false
}
