import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { Profile } from "../sdk/args/types";
import { TEMPO_COMPONENTS } from "../sdk/args/defaults";
import {
    brokersFor,
    generatedTable,
    KAFKA_MAX_DISK_PER_BROKER_GI,
    partitionsFor,
    SIZING_DOC_RATES,
    sizeCluster,
    sizeKafka,
    sizingTable,
} from "../sdk/args/sizing";

const profiles = fc.constantFrom(Profile.Dev, Profile.Production);
const rates = fc.double({ min: 0.01, max: 2000, noNaN: true });

describe("sizing", () => {
    it("gives one partition per 10 MB/s, at least 3 in production and 1 in dev", () => {
        assert.equal(partitionsFor(1, Profile.Production), 3);
        assert.equal(partitionsFor(31, Profile.Production), 4);
        assert.equal(partitionsFor(200, Profile.Production), 20);
        assert.equal(partitionsFor(1, Profile.Dev), 1);
        assert.equal(partitionsFor(25, Profile.Dev), 3);
        fc.assert(
            fc.property(rates, profiles, (rate, profile) => {
                const partitions = partitionsFor(rate, profile);
                assert.ok(partitions * 10 >= rate, "every partition carries at most 10 MB/s");
                assert.ok(partitions >= (profile === Profile.Production ? 3 : 1));
                assert.ok(partitions === (profile === Profile.Production ? 3 : 1) || (partitions - 1) * 10 < rate, "no more than needed");
            }),
        );
    });

    it("ties live-store and block-builder to the partitions and keeps one backend-scheduler", () => {
        fc.assert(
            fc.property(rates, profiles, fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }), (rate, profile, partitions) => {
                const size = sizeCluster(rate, profile, partitions ?? partitionsFor(rate, profile));
                assert.equal(size.components.liveStore.replicas, size.partitions);
                assert.equal(size.components.blockBuilder.replicas, size.partitions);
                assert.equal(size.components.backendScheduler.replicas, 1);
            }),
        );
    });

    it("scales stateless components with the rate and keeps two of each in production", () => {
        fc.assert(
            fc.property(rates, (rate) => {
                const size = sizeCluster(rate, Profile.Production);
                for (const component of ["distributor", "querier", "queryFrontend", "backendWorker"] as const) {
                    assert.ok(size.components[component].replicas >= 2, component);
                }
                assert.ok(size.components.distributor.replicas * 10 >= rate);
                assert.ok(size.components.querier.replicas * 2 >= rate);
            }),
        );
        fc.assert(
            fc.property(rates, rates, (a, b) => {
                const [low, high] = a <= b ? [a, b] : [b, a];
                for (const component of TEMPO_COMPONENTS) {
                    assert.ok(
                        sizeCluster(low, Profile.Production).components[component].replicas <=
                            sizeCluster(high, Profile.Production).components[component].replicas,
                        `${component} never shrinks as the rate grows`,
                    );
                }
            }),
        );
    });

    it("uses the guidance's requests in production and small ones in dev", () => {
        const production = sizeCluster(10, Profile.Production).components;
        assert.deepEqual(production.distributor, { replicas: 2, cpu: "2", memory: "2Gi" });
        assert.deepEqual(production.blockBuilder, { replicas: 3, cpu: "500m", memory: "5Gi" });
        assert.deepEqual(production.backendScheduler, { replicas: 1, cpu: "500m", memory: "1Gi" });
        const dev = sizeCluster(1, Profile.Dev).components;
        for (const component of TEMPO_COMPONENTS) {
            assert.equal(dev[component].replicas, 1, component);
        }
    });

    it("sizes Kafka for replication, throughput and retention", () => {
        assert.deepEqual(sizeKafka(1, Profile.Dev), { brokers: 1, replicationFactor: 1, minInSyncReplicas: 1, topicRetentionHours: 2, diskPerBrokerGi: 10 });
        const production = sizeKafka(10, Profile.Production);
        assert.equal(production.brokers, 3);
        assert.equal(production.replicationFactor, 3);
        assert.equal(production.minInSyncReplicas, 2);
        assert.equal(production.diskPerBrokerGi, Math.ceil(((10 * 24 * 3600 * 3) / 3 / 1024) * 1.25));
        fc.assert(
            fc.property(rates, fc.integer({ min: 1, max: 168 }), (rate, hours) => {
                const kafka = sizeKafka(rate, Profile.Production, hours);
                assert.ok(kafka.brokers >= 3);
                assert.ok(kafka.diskPerBrokerGi <= KAFKA_MAX_DISK_PER_BROKER_GI + 1 || kafka.diskPerBrokerGi === 10);
                assert.ok(kafka.brokers * kafka.diskPerBrokerGi * 1024 >= rate * hours * 3600 * 3, "the retained bytes fit");
                assert.equal(kafka.brokers, brokersFor(rate, Profile.Production, hours));
            }),
        );
    });

    it("keeps docs/sizing.md's table equal to what the code derives", () => {
        const doc = readFileSync(join(__dirname, "..", "docs", "sizing.md"), "utf8");
        assert.equal(generatedTable(doc), sizingTable(SIZING_DOC_RATES), "run `npm run docs:sizing`");
        assert.deepEqual(SIZING_DOC_RATES, [1, 10, 50, 200]);
    });
});
