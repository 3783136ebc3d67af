// Command pulumi-sdkgen writes the Python or Go SDK of a Pulumi package schema with Pulumi's own code generators
// (the pkg/v3/codegen packages the language hosts use for `pulumi package gen-sdk`), for when no language host is
// available to run them.
//
//	pulumi-sdkgen <python|go> <schema.json> <out-dir> [go-import-base-path]
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-sdkgen"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-sdkgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 3 {
		return fmt.Errorf("usage: pulumi-sdkgen <python|go> <schema.json> <out-dir> [go-import-base-path]")
	}
	language, schemaPath, outDir := args[0], args[1], args[2]
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("reading %s: %w", schemaPath, err)
	}
	if language == "go" && len(args) > 3 {
		// The Go SDK's import path; the schema inferred from a component names none.
		settings := map[string]any{}
		if raw, ok := spec.Language["go"]; ok {
			if err := json.Unmarshal(raw, &settings); err != nil {
				return err
			}
		}
		settings["importBasePath"] = args[3]
		raw, err := json.Marshal(settings)
		if err != nil {
			return err
		}
		spec.Language["go"] = raw
	}
	pkg, diags, err := schema.BindSpec(spec, selfContained{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	var files map[string][]byte
	switch language {
	case "python":
		files, err = python.GeneratePackage(tool, pkg, nil, selfContained{})
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, nil)
	default:
		return fmt.Errorf("unknown language %q (python or go)", language)
	}
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(outDir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// selfContained is the schema loader for a package that references no other package: the code generators ask a
// loader for every package a schema refers to, and this one refuses them all, naming the package.
type selfContained struct{}

func (selfContained) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", name)
}

func (selfContained) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", d.Name)
}

func (selfContained) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", name)
}

func (selfContained) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; only self-contained schemas are supported", d.Name)
}
