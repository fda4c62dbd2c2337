package dev.lanyard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/** Runs a client program nobody here wrote (aws, python3) with a controlled environment. */
final class ExternalProcess {
    record Result(int exitCode, String stdout, String stderr) {}

    private ExternalProcess() {}

    static Result run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Each stream is read by a thread of its own: blocking reads in the common pool would starve what the
            // server under test completes there (the JDK HttpClient's sendAsync does, e.g. OIDC discovery).
            FutureTask<String> out = reader(process.getInputStream());
            FutureTask<String> err = reader(process.getErrorStream());
            if (!process.waitFor(600, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the output of " + command, e.getCause());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static FutureTask<String> reader(java.io.InputStream in) {
        FutureTask<String> task = new FutureTask<>(() -> read(in));
        Thread.ofPlatform().daemon().name("external-process-reader").start(task);
        return task;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
