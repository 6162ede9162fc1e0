package simulator

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

// SharedResource is a resource whose policy lets a principal outside its
// account in, such as a bucket made public or a role another account may
// assume: what IAM Access Analyzer reports as external access.
type SharedResource struct {
	// Type is an Access Analyzer resource type, such as "AWS::S3::Bucket".
	Type string
	ARN  string
	// Region is where the resource lives; empty for global ones (IAM roles).
	Region string
	// Principal is the account ID let in, or "*" for everyone.
	Principal string
}

// sharedResource is SharedResource as the world keeps it.
type sharedResource struct {
	Type      string    `json:"type"`
	ARN       string    `json:"arn"`
	Region    string    `json:"region,omitempty"`
	Principal string    `json:"principal"`
	Shared    time.Time `json:"shared"`
}

// sharedResourceTypes are the resource types of Access Analyzer's external
// access findings.
var sharedResourceTypes = []string{"AWS::S3::Bucket", "AWS::IAM::Role", "AWS::SQS::Queue", "AWS::Lambda::Function",
	"AWS::Lambda::LayerVersion", "AWS::KMS::Key", "AWS::SecretsManager::Secret", "AWS::EFS::FileSystem",
	"AWS::EC2::Snapshot", "AWS::ECR::Repository", "AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot",
	"AWS::SNS::Topic", "AWS::S3Express::DirectoryBucket", "AWS::DynamoDB::Table", "AWS::DynamoDB::Stream"}

var accountIDRE = regexp.MustCompile(`^[0-9]{12}$`)

// ShareResource grants a principal outside the account access to one of its
// resources, as an owner does by editing a bucket or key policy in the
// console. Access Analyzer then reports it.
func (c *Console) ShareResource(sr SharedResource) error {
	return c.do("ShareResource", sr.Region, func(_ *world, a *account, now time.Time) error {
		switch {
		case !slices.Contains(sharedResourceTypes, sr.Type):
			return fmt.Errorf("simulator: console: ShareResource: unknown resource type %q", sr.Type)
		case sr.ARN == "":
			return fmt.Errorf("simulator: console: ShareResource: the resource needs an ARN")
		case sr.Principal != "*" && !accountIDRE.MatchString(sr.Principal):
			return fmt.Errorf("simulator: console: ShareResource: principal %q is neither an account ID nor *", sr.Principal)
		}
		a.SharedResources = append(a.SharedResources, sharedResource{Type: sr.Type, ARN: sr.ARN, Region: sr.Region,
			Principal: sr.Principal, Shared: now.Truncate(time.Second)})
		return nil
	})
}
