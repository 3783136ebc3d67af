import assert from "node:assert/strict";
import {
    denyInsecureTransportPolicy,
    irsaTrustPolicy,
    partitionOfRegion,
    podIdentityTrustPolicy,
    s3Endpoint,
    tempoBucketPolicy,
} from "../sdk/access/aws";

const bucket = "arn:aws:s3:::tempo-prod-tempo-traces";

describe("AWS access documents", () => {
    it("grants exactly the S3 actions Tempo calls, on the bucket and its objects only", () => {
        assert.deepEqual(tempoBucketPolicy(bucket), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "ListTraceBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket },
                {
                    Sid: "ReadWriteTraceObjects",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging", "s3:PutObjectTagging"],
                    Resource: `${bucket}/*`,
                },
            ],
        });
    });

    it("adds the key's actions only with SSE-KMS, scoped to that key", () => {
        const key = "arn:aws:kms:eu-west-1:123456789012:key/abc";
        const policy = tempoBucketPolicy(bucket, key);
        assert.deepEqual(policy.Statement[2], {
            Sid: "UseTraceBucketKey",
            Effect: "Allow",
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: key,
        });
        for (const statement of policy.Statement) {
            for (const action of [statement.Action].flat()) {
                assert.ok(!/^\w+:\*$/.test(action) && action !== "*", `wildcard action ${action}`);
            }
            assert.notEqual(statement.Resource, "*");
        }
    });

    it("trusts only this ServiceAccount's token, for STS, under IRSA", () => {
        const policy = irsaTrustPolicy(
            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC",
            "system:serviceaccount:tempo:tempo",
        );
        assert.deepEqual(policy.Statement[0].Condition, {
            StringEquals: {
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:tempo:tempo",
                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
            },
        });
        assert.equal(policy.Statement[0].Action, "sts:AssumeRoleWithWebIdentity");
        assert.deepEqual(policy.Statement[0].Principal, {
            Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        });
    });

    it("trusts the EKS pod identity service with AssumeRole and TagSession", () => {
        const [statement] = podIdentityTrustPolicy().Statement;
        assert.deepEqual(statement.Principal, { Service: "pods.eks.amazonaws.com" });
        assert.deepEqual(statement.Action, ["sts:AssumeRole", "sts:TagSession"]);
    });

    it("denies any request not made over TLS", () => {
        const [statement] = denyInsecureTransportPolicy(bucket).Statement;
        assert.equal(statement.Effect, "Deny");
        assert.deepEqual(statement.Resource, [bucket, `${bucket}/*`]);
        assert.deepEqual(statement.Condition, { Bool: { "aws:SecureTransport": "false" } });
    });

    it("knows partitions and regional endpoints", () => {
        assert.equal(partitionOfRegion("eu-west-1"), "aws");
        assert.equal(partitionOfRegion("cn-north-1"), "aws-cn");
        assert.equal(partitionOfRegion("us-gov-west-1"), "aws-us-gov");
        assert.equal(s3Endpoint("eu-west-1"), "s3.eu-west-1.amazonaws.com");
        assert.equal(s3Endpoint("cn-north-1"), "s3.cn-north-1.amazonaws.com.cn");
    });
});
