"""A Python program that creates a TempoCluster through the generated Python SDK, run with the Automation API.

Usage: python tempo_program.py <settings.json>. The settings name the stack, the CLI, the Pulumi home, the backend,
the kubeconfig, the chart packages folder and the in-cluster store's key. The program previews, deploys, previews
again expecting no changes and destroys, and prints what happened as one JSON object.
"""
import json
import sys

import pulumi
import pulumi_tempo_cluster as tempo
from pulumi import automation as auto


def main(settings_file):
    with open(settings_file, encoding="utf-8") as handle:
        settings = json.load(handle)

    def program():
        cluster = tempo.TempoCluster(
            "tempo",
            cloud=tempo.Cloud.LOCAL,
            profile=tempo.Profile.DEV,
            retention="1d",
            namespace=settings["namespace"],
            kafka=tempo.KafkaArgsArgs(mode=tempo.KafkaMode.EXTERNAL, brokers=["kafka.streaming.svc:9092"]),
            local=tempo.LocalStorageArgsArgs(secret_access_key=pulumi.Output.secret(settings["storeSecretKey"])),
            chart=tempo.ChartArgsArgs(package_directory=settings["chartPackages"], skip_await=True),
        )
        pulumi.export("namespace", cluster.namespace)
        pulumi.export("queryUrl", cluster.query_url)

    workspace = auto.LocalWorkspaceOptions(
        work_dir=settings["workDir"],
        pulumi_home=settings["pulumiHome"],
        pulumi_command=auto.PulumiCommand(root=settings["cliRoot"], skip_version_check=True),
        env_vars=settings["env"],
        secrets_provider="passphrase",
        project_settings=auto.ProjectSettings(name="tempo-python", runtime="python"),
    )
    stack = auto.create_stack(stack_name=settings["stack"], project_name="tempo-python", program=program, opts=workspace)
    stack.set_config("kubernetes:kubeconfig", auto.ConfigValue(value=settings["kubeconfig"], secret=True))
    result = {}
    result["previewCreates"] = stack.preview().change_summary.get("create", 0)
    up = stack.up()
    result["up"] = up.summary.result
    result["outputs"] = {key: value.value for key, value in up.outputs.items()}
    again = stack.preview(expect_no_changes=True)
    result["secondPreviewChanges"] = {op: n for op, n in again.change_summary.items() if op != "same" and n}
    result["destroy"] = stack.destroy().summary.result
    stack.workspace.remove_stack(settings["stack"])
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
