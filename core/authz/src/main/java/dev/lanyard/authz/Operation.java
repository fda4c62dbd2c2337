package dev.lanyard.authz;

import dev.lanyard.query.Struct;
import java.util.Optional;

/** A Query API action: decodes its parameters, authorizes, acts, and returns its result structure (if any). */
@FunctionalInterface
public interface Operation {
    Optional<Struct> handle(OperationCall call);
}
