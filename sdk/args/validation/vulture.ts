/**
 * Semantic validation of Tempo Vulture: its tenant (a tenant id Tempo accepts, only with multi-tenancy) and the
 * receiver it writes through.
 */
import type { TempoClusterArgs } from "../types";
import { asObject, type Report } from "./guards";
import { TENANT_ID } from "./features";

/** Whether the args turn multi-tenancy on (explicitly, or by listing tenants). */
function multitenant(a: Partial<TempoClusterArgs>): boolean {
    return a.multitenancy === true || (a.multitenancy === undefined && Object.keys(asObject(a.tenants) ?? {}).length > 0);
}

/** Checks `vulture`: the tenant's id and use, and the OTLP gRPC receiver the vulture writes through. */
export function checkVulture(a: Partial<TempoClusterArgs>, report: Report): void {
    const vulture = asObject(a.vulture);
    if (!vulture) {
        return;
    }
    if (typeof vulture.tenant === "string") {
        if (!multitenant(a)) {
            report(
                "vulture.tenant",
                "is only used with multi-tenancy (without it every request is tenant `single-tenant`); enable multitenancy or remove vulture.tenant",
            );
        } else if (vulture.tenant === "*" || !TENANT_ID.test(vulture.tenant) || vulture.tenant === "." || vulture.tenant === "..") {
            report(
                "vulture.tenant",
                `"${vulture.tenant}" is not a tenant id the vulture can write as: up to 150 letters, digits and !-_.*'() (not "*", "." or "..")`,
            );
        }
    }
    const otlpGrpc = asObject(a.receivers)?.otlpGrpc ?? true;
    if (vulture.enabled === true && otlpGrpc === false) {
        report("vulture.enabled", "the vulture writes its traces over OTLP gRPC, and receivers.otlpGrpc is off: turn the receiver on or the vulture off");
    }
}
