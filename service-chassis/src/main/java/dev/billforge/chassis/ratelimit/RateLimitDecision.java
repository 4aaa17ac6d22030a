package dev.billforge.chassis.ratelimit;

/**
 * One request counted against a quota.
 *
 * @param policy the quota's name, as in the {@code RateLimit-Policy} header ({@code writes}, {@code reads}, ...)
 * @param quota requests allowed per window
 * @param windowSeconds the window's length
 * @param remaining requests left in the current window after this one
 * @param resetSeconds seconds until the current window ends
 */
public record RateLimitDecision(String policy, int quota, long windowSeconds, int remaining, long resetSeconds,
        boolean allowed) {

    /**
     * {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers): the quota {@code q} per window {@code w}
     * seconds, as a structured-field list member named after the policy.
     */
    public String policyHeader() {
        return "\"" + policy + "\";q=" + quota + ";w=" + windowSeconds;
    }

    /** {@code RateLimit}: what is left ({@code r}) and when the window resets ({@code t}, seconds). */
    public String limitHeader() {
        return "\"" + policy + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
