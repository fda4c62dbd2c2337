package dev.lanyard.iam.spi;

import java.util.function.Supplier;

/**
 * What the pipeline reports for the server's metrics (the server implements it; core never sees a metrics library).
 * Every argument is drawn from a finite set, an enum or an action and error-code name, and never names a caller, key,
 * bucket or path: metrics are counted per kind of event, and who did what belongs to the audit trail.
 */
public interface Observations {
    Observations NONE = new Observations() {
        @Override
        public RequestTimer requestStarted(FrontEnd frontEnd) {
            return (service, action, outcome) -> { };
        }

        @Override
        public void authenticationFailed(FrontEnd frontEnd, AuthenticationFailure reason) {
        }

        @Override
        public void throttled(FrontEnd frontEnd, ThrottleScope scope) {
        }

        @Override
        public <T> T policyEvaluation(Supplier<T> evaluation) {
            return evaluation.get();
        }
    };

    /** Starts timing one request; its handle is finished once, when the answer is known. */
    RequestTimer requestStarted(FrontEnd frontEnd);

    void authenticationFailed(FrontEnd frontEnd, AuthenticationFailure reason);

    void throttled(FrontEnd frontEnd, ThrottleScope scope);

    /** Runs one policy decision and measures how long it took. */
    <T> T policyEvaluation(Supplier<T> evaluation);

    /**
     * The doors requests arrive through: the Query and JSON APIs, the S3 gateway, and the authorization API (its own
     * door on the Query listener, direct calls and nginx's auth_request alike).
     */
    enum FrontEnd { QUERY, S3, AUTHORIZE }

    /** Which limit refused a request. */
    enum ThrottleScope {
        /** The calling account's request rate for one service (STS, IAM). */
        ACCOUNT,
        /** A source address's rate of unsigned calls (the federation actions). */
        UNSIGNED_SOURCE,
        /** A source address's rate of refused signatures and credentials. */
        FAILED_AUTHENTICATION_SOURCE
    }

    /** A request being answered. */
    @FunctionalInterface
    interface RequestTimer {
        /**
         * {@code service} and {@code action} as routed ("Unknown" when the request named none that is served),
         * {@code outcome} "ok" or the error code answered.
         */
        void finished(String service, String action, String outcome);
    }
}
