package dev.lanyard.e2e;

import dev.lanyard.cli.LanyardCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the lanyard command in this JVM and captures what it prints. */
final class CliRunner {
    record Result(int exitCode, String output) {}

    private CliRunner() {}

    static synchronized Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = LanyardCommand.commandLine().execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }
}
