package dev.lanyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link AuditBenchmark}'s cases timed in the process's CPU time rather than wall time, so that other processes on a
 * shared machine count less: CPU microseconds per record, steady state after a warm-up, the median of several rounds.
 * The process's time includes the file sink's writer thread and the garbage collector's work for what a record
 * allocates, both of which a request causes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lanyard.bench.AuditCost [records per round, default 200000]}
 */
public final class AuditCost {
    private static final int ROUNDS = 5;

    private AuditCost() {}

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        AuditBenchmark benchmark = new AuditBenchmark();
        benchmark.setUp();
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        for (String name : new String[] {"requestParameters", "responseElements", "writeRecord", "assumeRoleRecord"}) {
            Runnable work = switch (name) {
                case "requestParameters" -> benchmark::requestParameters;
                case "responseElements" -> benchmark::responseElements;
                case "writeRecord" -> benchmark::writeRecord;
                default -> benchmark::assumeRoleRecord;
            };
            double[] perRecord = new double[ROUNDS];
            for (int round = -2; round < ROUNDS; round++) { // two warm-up rounds
                benchmark.openSink();
                long start = os.getProcessCpuTime();
                for (int i = 0; i < records; i++) {
                    work.run();
                }
                benchmark.closeSinkKeepingFiles(); // what the writer still has queued counts too
                long cpu = os.getProcessCpuTime() - start;
                benchmark.closeSink();
                if (round >= 0) {
                    perRecord[round] = cpu / 1000.0 / records;
                }
            }
            Arrays.sort(perRecord);
            System.out.printf(Locale.ROOT, "%-18s %6.2f CPU µs per record (median of %d rounds of %d; min %.2f, max %.2f)%n",
                    name, perRecord[ROUNDS / 2], ROUNDS, records, perRecord[0], perRecord[ROUNDS - 1]);
        }
        try {
            benchmark.removeDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
