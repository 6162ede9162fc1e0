package simulator_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func Example() {
	sim, err := simulator.New(simulator.Options{Scenario: simulator.NewAccount})
	if err != nil {
		log.Fatal(err)
	}
	url, err := sim.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer sim.Close()

	// Any SDK client reaches every simulated service through the one URL;
	// config.WithBaseEndpoint(url) or AWS_ENDPOINT_URL=url do the same.
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.StaticCredentialsProvider{Value: sim.Credentials()},
		BaseEndpoint: aws.String(url),
	}
	ctx := context.Background()
	who, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(aws.ToString(who.Arn))

	// The owner enables root MFA in the console; the API then reports it.
	if err := sim.Console().EnableRootMFA(); err != nil {
		log.Fatal(err)
	}
	summary, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("AccountMFAEnabled:", summary.SummaryMap["AccountMFAEnabled"])
	fmt.Println("mutating calls:", simulator.CountMutating(sim.Calls()))
	// Output:
	// arn:aws:iam::412318265094:root
	// AccountMFAEnabled: 1
	// mutating calls: 1
}
