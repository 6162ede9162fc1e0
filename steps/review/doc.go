// Package review holds steps of the last chapter, "Least privilege and review": the IAM
// password policy, the credential report and IAM Access Analyzer. Each step's logic
// (reads, checks and changes against the awsclient interfaces) works without a terminal;
// its Flow, which the engine runs on the screen, as plain lines and without a person, is
// in the matching _step.go file.
package review
