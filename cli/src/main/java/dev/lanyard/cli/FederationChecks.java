package dev.lanyard.cli;

import dev.lanyard.iam.spi.federation.FederationCheck;
import java.util.List;

/** Prints validation checks one per line; exit code 0 only if every check passed. */
final class FederationChecks {
    private FederationChecks() {}

    static int print(List<FederationCheck> checks) {
        boolean passed = true;
        for (FederationCheck check : checks) {
            System.out.println((check.passed() ? "  ok    " : "  FAIL  ") + check.name()
                    + (check.detail().isEmpty() ? "" : ": " + check.detail()));
            passed &= check.passed();
        }
        System.out.println(passed ? "valid" : "refused");
        return passed ? 0 : 1;
    }
}
