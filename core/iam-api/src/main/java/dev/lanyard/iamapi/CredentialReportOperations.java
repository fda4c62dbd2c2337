package dev.lanyard.iamapi;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's credential report. GenerateCredentialReport writes it at once when there is none, or when the last
 * one is older than {@link #REUSED_FOR} (answering STARTED, as AWS does when it starts one), and otherwise answers
 * COMPLETE; GetCredentialReport returns it Base64-encoded until it is {@link #EXPIRES_AFTER} old. Reports live on the
 * node that wrote them.
 */
final class CredentialReportOperations {
    /** AWS generates a new report only when the last one is older than four hours. */
    static final Duration REUSED_FOR = Duration.ofHours(4);
    /** AWS's reports expire four hours after they were generated. */
    static final Duration EXPIRES_AFTER = Duration.ofHours(4);
    private final IamContext ctx;
    private final Map<AccountId, Report> reports = new ConcurrentHashMap<>();

    private record Report(Instant generated, String csv) {
    }

    CredentialReportOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("GenerateCredentialReport", this::generate);
        ops.put("GetCredentialReport", this::get);
    }

    private Optional<Struct> generate(OperationCall call) {
        ctx.authorize(call, "*");
        AccountId account = call.requireCaller().account();
        Instant now = call.environment().time();
        Report current = reports.get(account);
        if (current != null && !current.generated().plus(REUSED_FOR).isBefore(now)) {
            return Optional.of(Struct.builder().put("State", "COMPLETE").build());
        }
        AccountView view = ctx.view(call);
        Instant created = view.accountRecord().map(Account::createdAt).orElse(Instant.EPOCH);
        reports.put(account, new Report(now, CredentialReport.csv(view, created, ctx.usage())));
        return Optional.of(Struct.builder().put("State", "STARTED")
                .put("Description", "No report exists. Starting a new report generation task").build());
    }

    private Optional<Struct> get(OperationCall call) {
        ctx.authorize(call, "*");
        Report report = Optional.ofNullable(reports.get(call.requireCaller().account()))
                .orElseThrow(IamErrors::credentialReportNotPresent);
        if (report.generated().plus(EXPIRES_AFTER).isBefore(call.environment().time())) {
            throw IamErrors.credentialReportExpired();
        }
        return Optional.of(Struct.builder()
                .put("Content", Base64.getEncoder().encodeToString(report.csv().getBytes(StandardCharsets.UTF_8)))
                .put("ReportFormat", "text/csv")
                .put("GeneratedTime", report.generated())
                .build());
    }
}
