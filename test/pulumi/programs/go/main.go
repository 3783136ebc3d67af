// A Go program that creates a TempoCluster through the generated Go SDK, run with the Automation API.
//
// Usage: go run . <settings.json>. The settings name the stack, the CLI, the Pulumi home, the backend, the kubeconfig,
// the chart packages folder and the in-cluster store's key. The program previews, deploys, previews again expecting
// no changes and destroys, and prints what happened as one JSON object.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/tempo-cluster/tempo-cluster/sdk/go/tempocluster"
)

type settings struct {
	Stack          string            `json:"stack"`
	WorkDir        string            `json:"workDir"`
	PulumiHome     string            `json:"pulumiHome"`
	CliRoot        string            `json:"cliRoot"`
	Env            map[string]string `json:"env"`
	Kubeconfig     string            `json:"kubeconfig"`
	Namespace      string            `json:"namespace"`
	ChartPackages  string            `json:"chartPackages"`
	StoreSecretKey string            `json:"storeSecretKey"`
}

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(settingsFile string) error {
	ctx := context.Background()
	text, err := os.ReadFile(settingsFile)
	if err != nil {
		return err
	}
	var s settings
	if err := json.Unmarshal(text, &s); err != nil {
		return err
	}
	program := func(pctx *pulumi.Context) error {
		profile := tempocluster.ProfileDev
		mode := tempocluster.KafkaModeExternal
		skipAwait := true
		retention := "1d"
		cluster, err := tempocluster.NewTempoCluster(pctx, "tempo", &tempocluster.TempoClusterArgs{
			Cloud:     tempocluster.CloudLocal,
			Profile:   &profile,
			Retention: &retention,
			Namespace: &s.Namespace,
			Kafka: &tempocluster.KafkaArgsArgs{
				Mode:    &mode,
				Brokers: []pulumi.StringInput{pulumi.String("kafka.streaming.svc:9092")},
			},
			Local: &tempocluster.LocalStorageArgsArgs{SecretAccessKey: pulumi.ToSecret(pulumi.String(s.StoreSecretKey)).(pulumi.StringOutput)},
			Chart: &tempocluster.ChartArgsArgs{PackageDirectory: &s.ChartPackages, SkipAwait: &skipAwait},
		})
		if err != nil {
			return err
		}
		pctx.Export("namespace", cluster.Namespace)
		pctx.Export("queryUrl", cluster.QueryUrl)
		return nil
	}
	command, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: s.CliRoot, SkipVersionCheck: true})
	if err != nil {
		return err
	}
	project := workspace.Project{Name: "tempo-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	stack, err := auto.NewStackInlineSource(ctx, s.Stack, "tempo-go", program,
		auto.WorkDir(s.WorkDir), auto.PulumiHome(s.PulumiHome), auto.Pulumi(command), auto.EnvVars(s.Env),
		auto.SecretsProvider("passphrase"), auto.Project(project))
	if err != nil {
		return err
	}
	if err := stack.SetConfig(ctx, "kubernetes:kubeconfig", auto.ConfigValue{Value: s.Kubeconfig, Secret: true}); err != nil {
		return err
	}
	result := map[string]any{}
	preview, err := stack.Preview(ctx)
	if err != nil {
		return err
	}
	result["previewCreates"] = preview.ChangeSummary["create"]
	up, err := stack.Up(ctx)
	if err != nil {
		return err
	}
	result["up"] = up.Summary.Result
	outputs := map[string]any{}
	for key, value := range up.Outputs {
		outputs[key] = value.Value
	}
	result["outputs"] = outputs
	again, err := stack.Preview(ctx, optpreview.ExpectNoChanges())
	if err != nil {
		return err
	}
	changes := map[string]int{}
	for op, n := range again.ChangeSummary {
		if op != "same" && n > 0 {
			changes[string(op)] = n
		}
	}
	result["secondPreviewChanges"] = changes
	destroy, err := stack.Destroy(ctx)
	if err != nil {
		return err
	}
	result["destroy"] = destroy.Summary.Result
	if err := stack.Workspace().RemoveStack(ctx, s.Stack); err != nil {
		return err
	}
	encoded, err := json.Marshal(result)
	if err != nil {
		return err
	}
	fmt.Println(string(encoded))
	return nil
}
