/**
 * Durations as users write them (`14d`, `336h`, `1h30m`, `2w`) and as Tempo reads them (Go durations, no days).
 */

const UNIT_MINUTES: Record<string, number> = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 };
const DURATION_PATTERN = /^(?:\d+[wdhm])+$/;

/** Parses `14d`, `336h`, `1h30m`, `2w` into whole minutes; `undefined` when the text is not such a duration. */
export function parseDurationMinutes(text: string): number | undefined {
    const trimmed = text.trim();
    if (!DURATION_PATTERN.test(trimmed)) {
        return undefined;
    }
    let minutes = 0;
    for (const [, amount, unit] of trimmed.matchAll(/(\d+)([wdhm])/g)) {
        minutes += Number(amount) * UNIT_MINUTES[unit];
    }
    return minutes;
}

/** Formats minutes as a Go duration Tempo accepts: `336h`, `90m` → `1h30m`. */
export function formatGoDuration(minutes: number): string {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) {
        return `${rest}m`;
    }
    return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}

/** Whole days, rounded up, that cover the given minutes. */
export function ceilDays(minutes: number): number {
    return Math.ceil(minutes / (24 * 60));
}
