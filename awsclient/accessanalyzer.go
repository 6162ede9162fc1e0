package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
)

// AccessAnalyzerAPI is the part of IAM Access Analyzer firstrun uses.
type AccessAnalyzerAPI interface {
	accessanalyzer.ListAnalyzersAPIClient
	accessanalyzer.ListFindingsV2APIClient
	CreateAnalyzer(context.Context, *accessanalyzer.CreateAnalyzerInput, ...func(*accessanalyzer.Options)) (*accessanalyzer.CreateAnalyzerOutput, error)
	GetAnalyzer(context.Context, *accessanalyzer.GetAnalyzerInput, ...func(*accessanalyzer.Options)) (*accessanalyzer.GetAnalyzerOutput, error)
}

var _ AccessAnalyzerAPI = (*accessanalyzer.Client)(nil)

// AccessAnalyzer returns an IAM Access Analyzer client for region: an analyzer watches the
// resources of one Region only.
func (c *Clients) AccessAnalyzer(region string) AccessAnalyzerAPI {
	return accessanalyzer.NewFromConfig(c.cfg, func(o *accessanalyzer.Options) { o.Region = region })
}
