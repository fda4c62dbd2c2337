package dev.lanyard.pipeline;

/**
 * A token bucket's shape, as AWS describes its own throttling: {@code burst} requests at once, refilled at
 * {@code perSecond}.
 */
public record RequestRate(double perSecond, int burst) {
    public RequestRate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
            throw new IllegalArgumentException("a request rate needs perSecond > 0 and burst >= 1: " + perSecond
                    + "/s, burst " + burst);
        }
    }

    /** "20" (burst = rate, at least 1) or "20:100" (rate:burst), as the serve flags take it. */
    public static RequestRate parse(String text) {
        String[] parts = text.trim().split(":", -1);
        try {
            double perSecond = Double.parseDouble(parts[0]);
            if (parts.length == 1) {
                return new RequestRate(perSecond, (int) Math.max(1, Math.ceil(perSecond)));
            }
            if (parts.length == 2) {
                return new RequestRate(perSecond, Integer.parseInt(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // not numbers, or out of range: answered below with the expected form
        }
        throw new IllegalArgumentException("a request rate is RATE or RATE:BURST (requests per second, requests at"
                + " once), e.g. 20 or 20:100, not '" + text + "'");
    }

    @Override
    public String toString() {
        return perSecond + "/s burst " + burst;
    }
}
