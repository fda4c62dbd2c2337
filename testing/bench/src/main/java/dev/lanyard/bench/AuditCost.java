package dev.lanyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link AuditBenchmark}'s cases timed in the process's CPU time rather than wall time, so that other processes on a
 * shared machine count less: CPU microseconds per record, steady state after a warm-up, the median of several rounds.
 * The process's time includes the file sink's writer thread and the garbage collector's work for what a record
 * allocates, both of which a request causes.
 *
 * <p>With more than one thread, the records of a round are shared among that many virtual threads (as the server
 * answers requests), so that what concurrent writers cost each other (the sink's locks, its shared writes) counts.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lanyard.bench.AuditCost [records per round, default 200000]
 * [threads, default 1]}
 */
public final class AuditCost {
    private static final int ROUNDS = 5;

    private AuditCost() {}

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
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
                run(work, records, threads);
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
            if (threads > 1) {
                System.out.printf(Locale.ROOT, "%-18s (%d virtual threads)%n", "", threads);
            }
        }
        try {
            benchmark.removeDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Runnable work, int records, int threads) {
        if (threads == 1) {
            for (int i = 0; i < records; i++) {
                work.run();
            }
            return;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = records / threads + (t < records % threads ? 1 : 0);
                done.add(executor.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        work.run();
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
