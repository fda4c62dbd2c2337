package dev.lanyard.s3;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What must be allowed for the request to proceed; the gateway switches over the three forms, so a form it does not
 * handle fails to compile rather than slipping through.
 */
public sealed interface RequiredAuthorizations {

    /** Every authorization must be allowed; never empty. */
    record AllOf(List<S3Authorization> authorizations) implements RequiredAuthorizations {
        public AllOf {
            authorizations = List.copyOf(authorizations);
            if (authorizations.isEmpty()) {
                throw new IllegalArgumentException("an operation always needs at least one authorization");
            }
        }
    }

    /**
     * DeleteObjects: each entry is authorized on its own and the request proceeds with the allowed ones, a denied
     * entry reported as an {@code <Error>} of the result ({@code Quiet} does not hide errors).
     */
    record EachEntry(boolean quiet, List<Entry> entries) implements RequiredAuthorizations {
        public EachEntry {
            entries = List.copyOf(entries);
        }

        /**
         * One {@code <Object>} of the body and what deleting it takes: {@code s3:DeleteObject} or
         * {@code s3:DeleteObjectVersion}, plus {@code s3:BypassGovernanceRetention} when asked; all must be allowed.
         */
        public record Entry(ObjectRef object, List<S3Authorization> authorizations) {
            public Entry {
                requireNonNull(object, "object is null");
                authorizations = List.copyOf(authorizations);
            }
        }
    }

    /**
     * The authorizations depend on the body: read at most {@link BodyKind#maxBytes()} (refuse a longer body with
     * MaxMessageLengthExceeded) and call {@link S3Classification#withBody}.
     */
    record BodyNeeded(BodyKind kind) implements RequiredAuthorizations {
        public BodyNeeded {
            requireNonNull(kind, "kind is null");
        }
    }
}
