package dev.lanyard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server's log on standard error: one line per record, in text or JSON, with UTC timestamps, at the level the
 * operator chose for the whole and for each component (a logger name prefix such as {@code dev.lanyard.audit}).
 */
final class LogSetup {
    /** How a record is written. */
    enum Format {
        text, json
    }

    /** The level names the option accepts, as System.Logger names them. */
    private static final Map<String, Level> LEVELS = Map.of("off", Level.OFF, "error", Level.SEVERE, "warning",
            Level.WARNING, "warn", Level.WARNING, "info", Level.INFO, "debug", Level.FINE, "trace", Level.FINER,
            "all", Level.ALL);

    /** The loggers given a level: java.util.logging holds loggers weakly, and a collected one forgets its level. */
    private final List<Logger> configured;

    private LogSetup(List<Logger> configured) {
        this.configured = List.copyOf(configured);
    }

    /** What is wrong with each entry of {@code --log-level}: {@code LEVEL} or {@code COMPONENT=LEVEL}. */
    static List<String> mistakes(List<String> entries) {
        List<String> mistakes = new ArrayList<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String level = equals < 0 ? entry : entry.substring(equals + 1);
            if (level(level).isEmpty()) {
                mistakes.add("--log-level: '" + level.strip() + "' is not a level (one of off, error, warning, info,"
                        + " debug, trace, all)");
            } else if (equals == 0 || equals > 0 && !entry.substring(0, equals).strip().matches("[A-Za-z0-9_.$-]+")) {
                mistakes.add("--log-level: '" + entry + "' must be LEVEL or COMPONENT=LEVEL (a logger name such as"
                        + " dev.lanyard.audit)");
            }
        }
        return mistakes;
    }

    private static Optional<Level> level(String name) {
        return Optional.ofNullable(LEVELS.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** Replaces the root handlers with one writing this format; entries already checked by {@link #mistakes}. */
    static LogSetup apply(Format format, List<String> entries) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(switch (format) {
            case text -> new TextFormatter();
            case json -> new JsonFormatter();
        });
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        List<Logger> configured = new ArrayList<>(List.of(root));
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            Level level = level(equals < 0 ? entry : entry.substring(equals + 1)).orElseThrow();
            Logger logger = equals < 0 ? root : Logger.getLogger(entry.substring(0, equals).strip());
            logger.setLevel(level);
            configured.add(logger);
        }
        return new LogSetup(configured);
    }

    /** The loggers given a level (the root first). */
    List<Logger> configured() {
        return configured;
    }

    private static String thrown(LogRecord record) {
        if (record.getThrown() == null) {
            return "";
        }
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** {@code 2026-12-07T15:49:18.123Z INFO dev.lanyard.server: message}. */
    static final class TextFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            String trace = thrown(record);
            return DateTimeFormatter.ISO_INSTANT.format(record.getInstant()) + " " + record.getLevel().getName() + " "
                    + record.getLoggerName() + ": " + formatMessage(record) + System.lineSeparator()
                    + (trace.isEmpty() ? "" : trace);
        }
    }

    /** One JSON object a line: time (UTC), level, logger, thread, message, and exception when there is one. */
    static final class JsonFormatter extends Formatter {
        private final ObjectMapper json = new ObjectMapper();

        @Override
        public String format(LogRecord record) {
            ObjectNode line = json.createObjectNode()
                    .put("time", DateTimeFormatter.ISO_INSTANT.format(record.getInstant()))
                    .put("level", record.getLevel().getName())
                    .put("logger", record.getLoggerName())
                    .put("thread", Thread.currentThread().getName())
                    .put("message", formatMessage(record));
            String trace = thrown(record);
            if (!trace.isEmpty()) {
                line.put("exception", trace);
            }
            return line.toString() + System.lineSeparator();
        }
    }
}
