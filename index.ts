// Entry point for Pulumi's component analyzer (`pulumi package add`): the package's public API.
export * from "./sdk";
