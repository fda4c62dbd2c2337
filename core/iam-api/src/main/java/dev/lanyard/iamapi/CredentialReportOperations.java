package dev.lanyard.iamapi;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.spi.ReportStore.Kind;
import dev.lanyard.iam.spi.ReportStore.Report;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The account's credential report. GenerateCredentialReport writes it at once when there is none, or when the last
 * one is older than {@link #REUSED_FOR} (answering STARTED, as AWS does when it starts one), and otherwise answers
 * COMPLETE; GetCredentialReport returns it Base64-encoded until it is {@link #EXPIRES_AFTER} old. Reports live in the
 * report store, so the two calls may land on different nodes (as behind a load balancer) and outlive a restart. The
 * report is written inside GenerateCredentialReport, so GetCredentialReport never answers ReportInProgress.
 */
final class CredentialReportOperations {
    /** AWS generates a new report only when the last one is older than four hours. */
    static final Duration REUSED_FOR = Duration.ofHours(4);
    /** AWS's reports expire four hours after they were generated. */
    static final Duration EXPIRES_AFTER = Duration.ofHours(4);
    /** An account has one credential report, under this ID. */
    static final String REPORT_ID = "latest";
    private final IamContext ctx;

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
        Optional<Report> current = ctx.reports().find(account, Kind.CREDENTIAL_REPORT, REPORT_ID);
        if (current.isPresent() && !current.get().generated().plus(REUSED_FOR).isBefore(now)) {
            return Optional.of(Struct.builder().put("State", "COMPLETE").build());
        }
        AccountView view = ctx.view(call);
        Instant created = view.accountRecord().map(Account::createdAt).orElse(Instant.EPOCH);
        ctx.reports().save(new Report(account, Kind.CREDENTIAL_REPORT, REPORT_ID, now,
                CredentialReport.csv(view, created, ctx.usage())));
        return Optional.of(Struct.builder().put("State", "STARTED")
                .put("Description", "No report exists. Starting a new report generation task").build());
    }

    private Optional<Struct> get(OperationCall call) {
        ctx.authorize(call, "*");
        Report report = ctx.reports().find(call.requireCaller().account(), Kind.CREDENTIAL_REPORT, REPORT_ID)
                .orElseThrow(IamErrors::credentialReportNotPresent);
        if (report.generated().plus(EXPIRES_AFTER).isBefore(call.environment().time())) {
            throw IamErrors.credentialReportExpired();
        }
        return Optional.of(Struct.builder()
                .put("Content", Base64.getEncoder().encodeToString(report.body().getBytes(StandardCharsets.UTF_8)))
                .put("ReportFormat", "text/csv")
                .put("GeneratedTime", report.generated())
                .build());
    }
}
