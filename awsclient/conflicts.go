package awsclient

import (
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"
)

// ConflictException means different things in different services. In IAM Access
// Analyzer it is a duplicate name. In SSO Admin its model says "a conflict with a
// previous successful write ... a retry is the recommended response", and only its
// message tells a duplicate apart: a permission set name ("PermissionSet with name X
// already exists.") or a managed policy attached twice ("... is already attached to
// permission set ..."). In Identity Store its Reason says which:
// UNIQUENESS_CONSTRAINT_VIOLATION or CONCURRENT_MODIFICATION.
func conflictIsDuplicate(err error) bool {
	var store *idtypes.ConflictException
	if errors.As(err, &store) {
		switch store.Reason {
		case idtypes.ConflictExceptionReasonUniquenessConstraintViolation:
			return true
		case idtypes.ConflictExceptionReasonConcurrentModification:
			return false
		}
		return strings.Contains(strings.ToLower(store.ErrorMessage()), "duplicate")
	}
	var sso *ssotypes.ConflictException
	if errors.As(err, &sso) {
		message := sso.ErrorMessage()
		return strings.Contains(message, "already exists") || strings.Contains(message, "already attached")
	}
	return true
}

// concurrentCodes are the services' answers to a write that raced another: IAM's and
// Organizations' documented "try again later" errors.
var concurrentCodes = codes("ConcurrentModification", "ConcurrentModificationException")

// IsConcurrentWrite reports whether AWS refused a write because another change to the
// same resource had not propagated yet: the write is worth making again, and it says
// nothing about whether the resource exists.
func IsConcurrentWrite(err error) bool {
	code := ErrorCode(err)
	return concurrentCodes[code] || code == "ConflictException" && !conflictIsDuplicate(err)
}

// RetryConcurrentWrites makes the SDK retry concurrent-write errors, with its usual
// backoff, as the services' documentation asks.
var RetryConcurrentWrites = retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
	if IsConcurrentWrite(err) {
		return aws.TrueTernary
	}
	return aws.UnknownTernary
})
