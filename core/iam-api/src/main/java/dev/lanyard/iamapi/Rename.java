package dev.lanyard.iamapi;

import dev.lanyard.query.QueryParameters;
import java.util.Optional;
import java.util.function.Function;

/**
 * UpdateUser's and UpdateGroup's new name and path, each kept when not given. Names are unique without regard to
 * case, so a rename that changes only the case is no clash.
 */
record Rename(Optional<String> newName, Optional<String> newPath) {

    /** Reads and checks the new name (parameter {@code nameParameter}) and {@code NewPath}, in that order. */
    static Rename of(QueryParameters parameters, String nameParameter, String nameMember, int maxNameLength) {
        Optional<String> newName = IamParams.optionalName(parameters, nameParameter, nameMember, maxNameLength);
        Optional<String> newPath = parameters.get("NewPath").map(v -> IamParams.checkPath("NewPath", v));
        return new Rename(newName, newPath);
    }

    /**
     * The entity's name after the rename; {@code EntityAlreadyExists} ("{@code kind} with name …") when another
     * {@code kind} already has it in the account, as {@code existing} finds entities by name.
     */
    String name(String kind, String current, Function<String, Optional<?>> existing) {
        String target = newName.orElse(current);
        if (!target.equalsIgnoreCase(current) && existing.apply(target).isPresent()) {
            throw IamErrors.alreadyExists(kind + " with name " + target);
        }
        return target;
    }

    String path(String current) {
        return newPath.orElse(current);
    }
}
