package dev.lanyard.iam.spi.federation;

import static java.util.Objects.requireNonNull;

/** One validation step and its outcome, for operator diagnostics ({@code lanyard oidc check}, the audit log). */
public record FederationCheck(String name, boolean passed, String detail) {
    public FederationCheck {
        requireNonNull(name, "name is null");
        requireNonNull(detail, "detail is null");
    }
}
