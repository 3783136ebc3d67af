/**
 * The pinned chart lines. A bump is a deliberate, tested change: update the version here, re-extract the chart's
 * key tree (`npm run contracts:extract`) and refresh the golden renders.
 */
import { Architecture } from "./types";

/** One Helm chart line TempoCluster knows how to derive values for. */
export interface ChartTarget {
    /** Chart name in its repository. */
    readonly chart: string;
    /** Pinned chart version. */
    readonly version: string;
    /** Helm repository URL. */
    readonly repository: string;
    /** Tempo version the chart's appVersion installs. */
    readonly tempoVersion: string;
}

/** The community repository, home of every maintained Tempo chart since 2026-01-30. */
export const GRAFANA_COMMUNITY_REPOSITORY = "https://grafana-community.github.io/helm-charts";
/** The original repository, where `tempo-distributed` 1.x is frozen. */
export const GRAFANA_REPOSITORY = "https://grafana.github.io/helm-charts";

/** Pinned chart per architecture. */
export const CHART_TARGETS: Readonly<Record<Architecture, ChartTarget>> = {
    [Architecture.Distributed]: {
        chart: "tempo-distributed",
        version: "3.3.0",
        repository: GRAFANA_COMMUNITY_REPOSITORY,
        tempoVersion: "3.0.3",
    },
    [Architecture.Monolithic]: {
        chart: "tempo",
        version: "2.2.4",
        repository: GRAFANA_COMMUNITY_REPOSITORY,
        tempoVersion: "2.10.8",
    },
    [Architecture.Classic]: {
        chart: "tempo-distributed",
        version: "1.61.3",
        repository: GRAFANA_REPOSITORY,
        tempoVersion: "2.9.0",
    },
};

/** The pinned Strimzi operator and the Kafka it runs. */
export interface StrimziTarget extends ChartTarget {
    /** Kafka version the Kafka resource asks for (must be one the operator supports). */
    readonly kafkaVersion: string;
    /** KRaft metadata version matching `kafkaVersion`. */
    readonly metadataVersion: string;
}

/**
 * Strimzi 1.2.0 (2026-08): `kafka.strimzi.io/v1` only, KRaft only; supports Kafka 4.2.0–4.3.1 (default 4.3.1).
 * Installed from its OCI chart (the `https://strimzi.io/charts/` repository is deprecated upstream).
 */
export const STRIMZI_TARGET: StrimziTarget = {
    chart: "strimzi-kafka-operator",
    version: "1.2.0",
    repository: "oci://quay.io/strimzi-helm",
    tempoVersion: "",
    kafkaVersion: "4.3.1",
    metadataVersion: "4.3-IV0",
};

/**
 * Tempo Vulture's chart. Its appVersion is 3.0.3; the component sets the image tag to the Tempo version of the
 * architecture it runs, so the vulture and Tempo always come from the same release.
 */
export const VULTURE_TARGET: ChartTarget = {
    chart: "tempo-vulture",
    version: "0.13.1",
    repository: GRAFANA_COMMUNITY_REPOSITORY,
    tempoVersion: "3.0.3",
};
