package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.oidc.JwksFetchException;
import dev.lanyard.oidc.JwksFetcher;
import java.net.URI;
import java.util.List;

/** Counts the OIDC documents fetched and the fetches that failed; the issuer's URL is never a label. */
final class ObservedJwksFetcher implements JwksFetcher {
    private final JwksFetcher fetcher;
    private final MicrometerObservations metrics;

    ObservedJwksFetcher(JwksFetcher fetcher, MicrometerObservations metrics) {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public String fetch(URI uri, List<String> thumbprints) throws JwksFetchException {
        boolean failed = true;
        try {
            String document = fetcher.fetch(uri, thumbprints);
            failed = false;
            return document;
        } finally {
            metrics.jwksFetched(failed);
        }
    }
}
