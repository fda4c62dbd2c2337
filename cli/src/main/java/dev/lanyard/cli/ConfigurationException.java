package dev.lanyard.cli;

import java.util.List;

/** Settings the server cannot start with: every mistake found, one a line. */
final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> mistakes;

    ConfigurationException(List<String> mistakes) {
        super(message(mistakes));
        this.mistakes = List.copyOf(mistakes);
    }

    List<String> mistakes() {
        return mistakes;
    }

    private static String message(List<String> mistakes) {
        if (mistakes.size() == 1) {
            return "configuration: " + mistakes.getFirst();
        }
        return "the configuration has " + mistakes.size() + " mistakes:" + System.lineSeparator() + "  "
                + String.join(System.lineSeparator() + "  ", mistakes);
    }
}
