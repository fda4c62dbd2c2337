package dev.lanyard.pipeline;

import dev.lanyard.query.Struct;
import java.util.Optional;

/** A Query API action: decodes its parameters, authorizes, acts, and returns its result structure (if any). */
@FunctionalInterface
public interface Operation {
    Optional<Struct> handle(OperationCall call);

    /**
     * How a request for this operation proves who sends it: signed unless the operation declares otherwise, so one
     * that forgets is refused without a signature rather than served to anyone.
     */
    default Signing signing() {
        return Signing.SIGNED;
    }
}
