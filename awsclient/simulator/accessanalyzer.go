package simulator

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// IAM Access Analyzer speaks REST-JSON and signs as "access-analyzer"; see
// https://docs.aws.amazon.com/access-analyzer/latest/APIReference/. Analyzers
// are Regional: each call sees the analyzers of the Region it was sent to.
func accessAnalyzerService() *service {
	return newService(service{
		id: "accessanalyzer", signingName: "access-analyzer", actionPrefix: "access-analyzer",
		protocol: restJSONProtocol{messageKey: "message"},
		errs:     accessAnalyzerErrors(),
	}, []operation{
		write("CreateAnalyzer", aaCreateAnalyzer).at("PUT /analyzer"),
		read("ListAnalyzers", aaListAnalyzers).at("GET /analyzer"),
		read("GetAnalyzer", aaGetAnalyzer).at("GET /analyzer/{analyzerName}"),
		read("ListFindingsV2", aaListFindingsV2).at("POST /findingv2"),
	})
}

// accessAnalyzerErrors: ValidationException carries a required reason.
func accessAnalyzerErrors() serviceErrors {
	errs := restErrors("ThrottlingException")
	errs.validation = *errs.validation.with("").field("reason", "fieldValidationFailed")
	errs.badNextToken = *errs.badNextToken.field("reason", "other")
	errs.notFound = apiError{Code: "ResourceNotFoundException", Status: http.StatusNotFound, Message: "Analyzer not found"}
	return errs
}

// analyzerTypes are the model's Type values. The first two analyze external
// access, the only kind the simulator finds anything for.
var analyzerTypes = []string{"ACCOUNT", "ORGANIZATION", "ACCOUNT_UNUSED_ACCESS", "ORGANIZATION_UNUSED_ACCESS",
	"ACCOUNT_INTERNAL_ACCESS", "ORGANIZATION_INTERNAL_ACCESS"}

// analyzerNameRE is the model's AnalyzerName pattern and length.
var analyzerNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,254}$`)

// accessAnalyzerPrincipal is the service principal an organization analyzer
// needs trusted access for.
const accessAnalyzerPrincipal = "access-analyzer.amazonaws.com"

// Quotas per account, type and Region; see
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html.
const (
	accountAnalyzersQuota      = 1
	organizationAnalyzersQuota = 5
)

type analyzer struct {
	ARN     string            `json:"arn"`
	Name    string            `json:"name"`
	Type    string            `json:"type"`
	Region  string            `json:"region"`
	Created time.Time         `json:"created"`
	Tags    map[string]string `json:"tags,omitempty"`
	// IdempotencyKey is the clientToken it was created with: the same
	// request again returns it rather than a conflict.
	IdempotencyKey string `json:"idempotency_key,omitempty"`
	// Work is the analyzer's set-up: CREATING until it is done.
	Work async `json:"work"`
}

func (an *analyzer) organizationWide() bool { return strings.HasPrefix(an.Type, "ORGANIZATION") }

func (an *analyzer) status(now time.Time) string {
	return an.Work.status(now, "CREATING", "ACTIVE", "FAILED")
}

// isoTimestamp is a timestamp as Access Analyzer sends it: ISO 8601, UTC.
type isoTimestamp time.Time

func (t isoTimestamp) MarshalJSON() ([]byte, error) {
	return strconv.AppendQuote(nil, time.Time(t).UTC().Format("2006-01-02T15:04:05.000Z")), nil
}

type analyzerSummaryJSON struct {
	Arn       string            `json:"arn"`
	Name      string            `json:"name"`
	Type      string            `json:"type"`
	CreatedAt isoTimestamp      `json:"createdAt"`
	Status    string            `json:"status"`
	Tags      map[string]string `json:"tags,omitempty"`
}

func (an *analyzer) summaryJSON(now time.Time) analyzerSummaryJSON {
	return analyzerSummaryJSON{Arn: an.ARN, Name: an.Name, Type: an.Type, CreatedAt: isoTimestamp(an.Created),
		Status: an.status(now), Tags: an.Tags}
}

// regionAnalyzers lists the account's analyzers in the Region called, oldest first.
func (r *request) regionAnalyzers() []*analyzer {
	var list []*analyzer
	for _, an := range r.account().Analyzers {
		if an.Region == r.region {
			list = append(list, an)
		}
	}
	slices.SortFunc(list, func(x, y *analyzer) int {
		if c := x.Created.Compare(y.Created); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
	return list
}

func errAnalyzerNotFound(name string) *apiError {
	return (&apiError{Code: "ResourceNotFoundException", Status: http.StatusNotFound, Message: "Analyzer not found"}).
		field("resourceId", name).field("resourceType", "Analyzer")
}

type createAnalyzerOutput struct {
	Arn string `json:"arn"`
}

func aaCreateAnalyzer(r *request) (any, error) {
	var in struct {
		AnalyzerName string            `json:"analyzerName"`
		Type         string            `json:"type"`
		Tags         map[string]string `json:"tags"`
		ClientToken  string            `json:"clientToken"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	switch {
	case in.AnalyzerName == "" || in.Type == "":
		return nil, r.svc.errs.validation.with("analyzerName and type are required.")
	case !analyzerNameRE.MatchString(in.AnalyzerName):
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'analyzerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z_][A-Za-z0-9_.-]*", in.AnalyzerName)
	case !slices.Contains(analyzerTypes, in.Type):
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [%s]", in.Type, strings.Join(analyzerTypes, ", "))
	}
	a := r.account()
	same := 0
	for _, an := range r.regionAnalyzers() {
		if an.Name == in.AnalyzerName {
			if in.ClientToken != "" && an.IdempotencyKey == in.ClientToken && an.Type == in.Type {
				return createAnalyzerOutput{Arn: an.ARN}, nil // the same request again
			}
			return nil, (&apiError{Code: "ConflictException", Status: http.StatusConflict,
				Message: fmt.Sprintf("Analyzer with name %s already exists", in.AnalyzerName)}).
				field("resourceId", in.AnalyzerName).field("resourceType", "Analyzer")
		}
		if an.Type == in.Type {
			same++
		}
	}
	an := &analyzer{
		ARN:  "arn:" + a.partition() + ":access-analyzer:" + r.region + ":" + a.ID + ":analyzer/" + in.AnalyzerName,
		Name: in.AnalyzerName, Type: in.Type, Region: r.region, Created: r.now, Tags: in.Tags,
		IdempotencyKey: in.ClientToken, Work: r.startAsync(),
	}
	quota := accountAnalyzersQuota
	if an.organizationWide() {
		quota = organizationAnalyzersQuota
		if aerr := r.canAnalyzeOrganization(); aerr != nil {
			return nil, aerr
		}
	}
	if same >= quota {
		return nil, (&apiError{Code: "ServiceQuotaExceededException", Status: http.StatusPaymentRequired,
			Message: fmt.Sprintf("You have reached the quota of %d analyzers of type %s in this Region", quota, in.Type)}).
			field("resourceId", in.AnalyzerName).field("resourceType", "Analyzer")
	}
	if a.Analyzers == nil {
		a.Analyzers = map[string]*analyzer{}
	}
	a.Analyzers[an.ARN] = an
	return createAnalyzerOutput{Arn: an.ARN}, nil
}

// canAnalyzeOrganization checks that the caller's account may create an
// organization analyzer: it manages an organization that gave Access
// Analyzer trusted access. (Delegated administrators are not modelled.)
func (r *request) canAnalyzeOrganization() *apiError {
	a := r.account()
	org := r.world.organizationOf(a, r.now)
	switch {
	case org != nil && org.Management != a.ID:
		return r.svc.errs.accessDenied.with("Account %s is not a delegated administrator", a.ID)
	case org == nil || !org.trustedAccess(accessAnalyzerPrincipal):
		return r.svc.errs.validation.with("Service not enabled for AWS Organizations")
	}
	return nil
}

type listAnalyzersOutput struct {
	Analyzers []analyzerSummaryJSON `json:"analyzers"`
	NextToken string                `json:"nextToken,omitempty"`
}

func aaListAnalyzers(r *request) (any, error) {
	typ := r.query.Get("type")
	if typ != "" && !slices.Contains(analyzerTypes, typ) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [%s]", typ, strings.Join(analyzerTypes, ", "))
	}
	limit, aerr := r.queryInt("maxResults")
	if aerr != nil {
		return nil, aerr
	}
	var list []*analyzer
	for _, an := range r.regionAnalyzers() {
		if typ == "" || an.Type == typ {
			list = append(list, an)
		}
	}
	page, next, aerr := paginate(r, list, pageRequest{token: r.query.Get("nextToken"), limit: limit, param: "maxResults", def: 100, max: 1000})
	if aerr != nil {
		return nil, aerr
	}
	out := listAnalyzersOutput{Analyzers: []analyzerSummaryJSON{}, NextToken: next}
	for _, an := range page {
		out.Analyzers = append(out.Analyzers, an.summaryJSON(r.now))
	}
	return out, nil
}

type getAnalyzerOutput struct {
	Analyzer analyzerSummaryJSON `json:"analyzer"`
}

func aaGetAnalyzer(r *request) (any, error) {
	name := r.labels["analyzerName"]
	for _, an := range r.regionAnalyzers() {
		if an.Name == name {
			return getAnalyzerOutput{Analyzer: an.summaryJSON(r.now)}, nil
		}
	}
	return nil, errAnalyzerNotFound(name)
}

// queryInt reads an optional integer from a REST-JSON query string.
func (r *request) queryInt(name string) (*int, *apiError) {
	v := r.query.Get(name)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil, r.svc.errs.validation.with("Invalid value %q for %s", v, name)
	}
	return &n, nil
}

// findingSummaryJSON is the FindingSummaryV2 shape.
type findingSummaryJSON struct {
	ID                   string       `json:"id"`
	Resource             string       `json:"resource"`
	ResourceType         string       `json:"resourceType"`
	ResourceOwnerAccount string       `json:"resourceOwnerAccount"`
	Status               string       `json:"status"`
	FindingType          string       `json:"findingType"`
	CreatedAt            isoTimestamp `json:"createdAt"`
	AnalyzedAt           isoTimestamp `json:"analyzedAt"`
	UpdatedAt            isoTimestamp `json:"updatedAt"`
}

type listFindingsV2Output struct {
	Findings  []findingSummaryJSON `json:"findings"`
	NextToken string               `json:"nextToken,omitempty"`
}

// criterion is one filter of ListFindingsV2; the simulator supports eq and neq.
type criterion struct {
	Eq  []string `json:"eq"`
	Neq []string `json:"neq"`
}

func (c criterion) matches(v string) bool {
	return (len(c.Eq) == 0 || slices.Contains(c.Eq, v)) && !slices.Contains(c.Neq, v)
}

func aaListFindingsV2(r *request) (any, error) {
	var in struct {
		AnalyzerArn string               `json:"analyzerArn"`
		Filter      map[string]criterion `json:"filter"`
		MaxResults  *int                 `json:"maxResults"`
		NextToken   string               `json:"nextToken"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	if in.AnalyzerArn == "" {
		return nil, r.svc.errs.validation.with("analyzerArn is required.")
	}
	for key := range in.Filter {
		if key != "status" && key != "resourceType" && key != "findingType" {
			return nil, r.svc.errs.validation.with("The simulator supports the filter keys status, resourceType and findingType, not %s.", key)
		}
	}
	an := r.account().Analyzers[in.AnalyzerArn]
	if an == nil || an.Region != r.region {
		return nil, errAnalyzerNotFound(in.AnalyzerArn)
	}
	var list []findingSummaryJSON
	for _, f := range r.world.findings(an, r.account(), r.now) {
		if in.Filter["status"].matches(f.Status) && in.Filter["resourceType"].matches(f.ResourceType) &&
			in.Filter["findingType"].matches(f.FindingType) {
			list = append(list, f)
		}
	}
	page, next, aerr := paginate(r, list, pageRequest{token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 1000})
	if aerr != nil {
		return nil, aerr
	}
	return listFindingsV2Output{Findings: append([]findingSummaryJSON{}, page...), NextToken: next}, nil
}

// findings are what an active external-access analyzer reports: every
// resource in its zone of trust (the account, or each account of the
// organization) shared with a principal outside it. Global resources (IAM
// roles) are reported in every Region.
func (w *world) findings(an *analyzer, owner *account, now time.Time) []findingSummaryJSON {
	if an.status(now) != "ACTIVE" || (an.Type != "ACCOUNT" && an.Type != "ORGANIZATION") {
		return nil
	}
	zone := []*account{owner}
	var org *organization
	if an.organizationWide() {
		org = w.organizationOf(owner, now)
		zone = w.members(org, now)
	}
	inZone := func(principal string) bool {
		if org != nil {
			return w.organizationOf(w.Accounts[principal], now) == org
		}
		return principal == owner.ID
	}
	var out []findingSummaryJSON
	for _, a := range zone {
		for _, sr := range a.SharedResources {
			if (sr.Region != "" && sr.Region != an.Region) || inZone(sr.Principal) {
				continue
			}
			created := sr.Shared
			if an.Work.done().After(created) {
				created = an.Work.done()
			}
			out = append(out, findingSummaryJSON{
				ID: findingID(an.ARN, sr), Resource: sr.ARN, ResourceType: sr.Type, ResourceOwnerAccount: a.ID,
				Status: "ACTIVE", FindingType: "ExternalAccess",
				CreatedAt: isoTimestamp(created), AnalyzedAt: isoTimestamp(created), UpdatedAt: isoTimestamp(created),
			})
		}
	}
	return out
}

// findingID is a stable UUID-shaped ID for the finding of sr by an analyzer.
func findingID(analyzerARN string, sr sharedResource) string {
	sum := sha256.Sum256([]byte(analyzerARN + "\x00" + sr.ARN + "\x00" + sr.Principal))
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}
