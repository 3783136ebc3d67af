/**
 * YAML in and out (`sdk/util/yaml.ts`): what the package writes must read back the same under YAML 1.1 readers (Helm,
 * Tempo), and stack files must read the way Pulumi reads them.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStackConfig } from "../sdk/render/stackFile";
import { parseYamlText, toYamlText } from "../sdk/util/yaml";

describe("YAML text", () => {
    it("quotes strings a YAML 1.1 reader would take for booleans, numbers or null", () => {
        const lookAlikes = ["on", "off", "yes", "no", "y", "n", "true", "null", "~", "0755", "0x1F", "1e3", "12:30", "-c"];
        const text = toYamlText({ list: lookAlikes });
        for (const word of lookAlikes) {
            assert.ok(text.includes(`- "${word}"\n`), `${word} is quoted:\n${text}`);
        }
        assert.match(toYamlText({ plain: "plain text" }), /^plain: plain text\n$/);
        assert.deepEqual(parseYamlText(text), { list: lookAlikes }, "reads back as the same strings");
    });

    it("writes no anchors for shared objects, no folded lines, and leaves out undefined entries", () => {
        const shared = { key: "value" };
        const long = "word ".repeat(60).trim();
        assert.equal(toYamlText({ a: shared, b: shared, c: undefined, long }), `a:\n  key: value\nb:\n  key: value\nlong: ${long}\n`);
    });

    it("keeps insertion order unless asked to sort, and writes multi-line strings as literal blocks", () => {
        assert.equal(toYamlText({ b: 1, a: 2 }), "b: 1\na: 2\n");
        assert.equal(toYamlText({ b: 1, a: { d: 1, c: 2 } }, { sortKeys: true }), "a:\n  c: 2\n  d: 1\nb: 1\n");
        assert.equal(toYamlText({ text: "line 1\nline 2\n" }), "text: |\n  line 1\n  line 2\n");
    });

    it("reads stack files as Pulumi does: dates stay strings, merge keys apply, duplicate keys fail", () => {
        assert.deepEqual(parseYamlText("when: 2026-01-01\nretention: 14d\nreplicas: 3\n"), { when: "2026-01-01", retention: "14d", replicas: 3 });
        assert.deepEqual(parseYamlText("base: &base\n  cpu: 500m\n  memory: 1Gi\nquerier:\n  <<: *base\n  memory: 2Gi\n"), {
            base: { cpu: "500m", memory: "1Gi" },
            querier: { cpu: "500m", memory: "2Gi" },
        });
        assert.throws(() => parseYamlText("a: 1\na: 2\n", "Pulumi.dev.yaml"), /duplicated mapping key in "Pulumi\.dev\.yaml"/);
        assert.equal(parseYamlText(""), undefined);
    });

    it("turns a stack file into runtime config, secure values into secret placeholders", () => {
        const dir = mkdtempSync(join(tmpdir(), "stack-"));
        try {
            const file = join(dir, "Pulumi.dev.yaml");
            writeFileSync(
                file,
                [
                    "config:",
                    "  tempo:name: traces",
                    "  tempo:kafkaSaslPassword:",
                    "    secure: v1:abc",
                    "  tempo:cluster:",
                    "    cloud: local",
                    "    zones: [a, b]",
                    "",
                ].join("\n"),
            );
            assert.deepEqual(readStackConfig(file), {
                values: {
                    "tempo:cluster": JSON.stringify({ cloud: "local", zones: ["a", "b"] }),
                    "tempo:kafkaSaslPassword": "<secret tempo:kafkaSaslPassword>",
                    "tempo:name": "traces",
                },
                secretKeys: ["tempo:kafkaSaslPassword"],
            });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
