package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.Partition;
import dev.lanyard.policy.PolicyKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The catalogue of AWS managed policies (all 1,452 that AWS published on 2026-03-07, with their paths, ids, default
 * versions and dates), identical in every account and never stored. It ships in the jar as a compressed table
 * ({@code catalogue/build_catalogue.py} builds it from AWS's answers). Nothing is read until a request first names
 * an AWS managed policy, so start-up does not pay for it; a document is parsed only when a request needs it, once.
 */
public final class AwsManagedPolicies {
    private static final String RESOURCE = "aws-managed-policies.tsv.gz";
    private static final int COLUMNS = 9;

    private final Partition partition;
    private final Supplier<InputStream> source;
    private final Map<String, ManagedPolicy> parsed = new ConcurrentHashMap<>();
    private volatile Catalogue catalogue;

    /**
     * One AWS managed policy as the catalogue lists it, its ARN in the catalogue's partition; its document is the
     * default version's, still unparsed.
     */
    public record Entry(String arn, String name, String policyId, String path, String defaultVersionId,
            Instant createDate, Instant updateDate, Instant versionDate, boolean attachable, String document) {
        public Entry {
            requireNonNull(arn, "arn is null");
            requireNonNull(name, "name is null");
            requireNonNull(policyId, "policyId is null");
            requireNonNull(path, "path is null");
            requireNonNull(defaultVersionId, "defaultVersionId is null");
            requireNonNull(createDate, "createDate is null");
            requireNonNull(updateDate, "updateDate is null");
            requireNonNull(versionDate, "versionDate is null");
            requireNonNull(document, "document is null");
        }
    }

    private record Catalogue(List<Entry> inAwsOrder, Map<String, Entry> byArn) {}

    /**
     * AWS's managed policies as the served partition names them ({@code arn:P:iam::aws:policy/...}): the partition
     * every component that reads the catalogue (access control, the IAM operations' views) serves.
     */
    public AwsManagedPolicies(Partition partition) {
        this(partition, () -> AwsManagedPolicies.class.getResourceAsStream(RESOURCE));
    }

    /** A catalogue read from another table of the same format (tests). */
    public AwsManagedPolicies(Partition partition, Supplier<InputStream> source) {
        this.partition = requireNonNull(partition, "partition is null");
        this.source = requireNonNull(source, "source is null");
    }

    /** The partition the catalogue names its policies in: the one this deployment serves. */
    public Partition partition() {
        return partition;
    }

    /** The ARN of an AWS managed policy from its path and name ({@code /service-role/X}) in the served partition. */
    public String arn(String pathAndName) {
        return partition.awsManagedPolicy(pathAndName);
    }

    public boolean isAwsManagedArn(String arn) {
        return arn.startsWith(partition.awsManagedPolicy("/"));
    }

    /** The policy an ARN of the served partition names; an AWS managed ARN of another partition names none. */
    public Optional<Entry> entry(String arn) {
        return isAwsManagedArn(arn) ? Optional.ofNullable(catalogue().byArn().get(arn)) : Optional.empty();
    }

    /** Every AWS managed policy, in the order AWS lists them: by creation, oldest first. */
    public List<Entry> entries() {
        return catalogue().inAwsOrder();
    }

    /** The policy with its default version's document parsed (once). */
    public Optional<ManagedPolicy> lookup(String arn) {
        return entry(arn).map(e -> parsed.computeIfAbsent(arn, a -> policy(e)));
    }

    private static ManagedPolicy policy(Entry e) {
        StoredPolicy document = StoredPolicy.parse(e.document(), PolicyKind.MANAGED);
        return new ManagedPolicy(ManagedPolicy.AWS_OWNER, e.policyId(), e.name(), e.path(), Optional.empty(),
                e.createDate(), e.updateDate(), e.defaultVersionId(),
                List.of(new ManagedPolicy.PolicyVersion(e.defaultVersionId(), document, e.versionDate())), List.of());
    }

    private Catalogue catalogue() {
        Catalogue loaded = catalogue;
        if (loaded == null) {
            synchronized (this) {
                loaded = catalogue;
                if (loaded == null) {
                    loaded = read();
                    catalogue = loaded;
                }
            }
        }
        return loaded;
    }

    private Catalogue read() {
        List<Entry> entries = new ArrayList<>(1500);
        try (InputStream raw = requireNonNull(source.get(), "no AWS managed policy catalogue on the class path");
                BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 65536),
                        StandardCharsets.UTF_8), 65536)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    entries.add(parse(line, partition));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the AWS managed policy catalogue", e);
        }
        Map<String, Entry> byArn = new HashMap<>(entries.size() * 2);
        entries.forEach(e -> byArn.put(e.arn(), e));
        return new Catalogue(List.copyOf(entries), Map.copyOf(byArn));
    }

    private static Entry parse(String line, Partition partition) {
        String[] f = line.split("\t", -1);
        if (f.length != COLUMNS) {
            throw new IllegalStateException("corrupt AWS managed policy catalogue line: " + f[0]);
        }
        return new Entry(partition.awsManagedPolicy(f[2] + f[0]), f[0], f[1], f[2], f[3], Instant.parse(f[4]),
                Instant.parse(f[5]), Instant.parse(f[6]), Boolean.parseBoolean(f[7]), f[8]);
    }
}
