package dev.lanyard.iamapi;

import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.LoginProfile;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.iam.model.SigningCertificate;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.UsageStore.Kind;
import dev.lanyard.iam.spi.UsageStore.LastUsed;
import dev.lanyard.iam.spi.UsageStore.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The account's credential report as AWS writes it: a header of AWS's 22 columns, the root user's row
 * ({@code <root_account>}), then one row per IAM user by name. Dates are ISO 8601 with an explicit {@code +00:00};
 * {@code N/A} where a credential is absent or never used, {@code no_information} for a password never used,
 * {@code not_supported} for the root user's password columns.
 */
final class CredentialReport {
    static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active",
            "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
            "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
            "cert_2_last_rotated");
    static final String ROOT_USER = "<root_account>";
    private static final String NOT_APPLICABLE = "N/A";
    private static final String NO_INFORMATION = "no_information";
    private static final String NOT_SUPPORTED = "not_supported";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

    private CredentialReport() {}

    /** The whole report, one line per row, each ending in a newline. */
    static String csv(AccountView view, Instant accountCreated, UsageTracker usage) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        out.append(String.join(",", rootRow(view, accountCreated, usage))).append('\n');
        view.users().stream().sorted(Comparator.comparing(u -> u.name().toLowerCase(Locale.ROOT)))
                .forEach(user -> out.append(String.join(",", userRow(view, user, usage))).append('\n'));
        return out.toString();
    }

    private static List<String> rootRow(AccountView view, Instant created, UsageTracker usage) {
        List<String> row = new ArrayList<>(List.of(ROOT_USER, view.partition().root(view.account()).toString(), date(created),
                NOT_SUPPORTED, NO_INFORMATION, NOT_SUPPORTED, NOT_SUPPORTED, "false"));
        credentials(row, view, Optional.empty(), usage);
        return row;
    }

    private static List<String> userRow(AccountView view, User user, UsageTracker usage) {
        Optional<LoginProfile> profile = view.loginProfile(user);
        List<String> row = new ArrayList<>(List.of(user.name(), user.arn().toString(), date(user.createDate())));
        row.add(String.valueOf(profile.isPresent()));
        row.add(profile.map(p -> IamShapes.passwordLastUsed(user, usage).map(CredentialReport::date)
                .orElse(NO_INFORMATION)).orElse(NOT_APPLICABLE));
        row.add(profile.map(p -> date(p.passwordChanged())).orElse(NOT_APPLICABLE));
        row.add(profile.flatMap(p -> view.passwordPolicy().flatMap(PasswordPolicy::maxPasswordAge)
                .map(days -> date(p.passwordChanged().plus(Duration.ofDays(days))))).orElse(NOT_APPLICABLE));
        row.add(String.valueOf(view.mfaDevices().stream()
                .anyMatch(d -> d.userName().map(n -> n.equalsIgnoreCase(user.name())).orElse(false))));
        credentials(row, view, Optional.of(user.name()), usage);
        return row;
    }

    /** The two access keys (oldest first) and the two signing certificates of a user, or the root user's. */
    private static void credentials(List<String> row, AccountView view, Optional<String> userName,
            UsageTracker usage) {
        List<AccessKey> keys = view.accessKeys(userName).stream()
                .sorted(Comparator.comparing(AccessKey::createDate)).toList();
        for (int i = 0; i < 2; i++) {
            if (i < keys.size()) {
                AccessKey key = keys.get(i);
                Optional<LastUsed> used = usage.lastUsed(new Subject(Kind.ACCESS_KEY, key.id().value()));
                row.add(String.valueOf(key.status() == AccessKey.Status.Active));
                row.add(date(key.createDate()));
                row.add(used.map(u -> date(u.date())).orElse(NOT_APPLICABLE));
                row.add(used.map(LastUsed::region).orElse(NOT_APPLICABLE));
                row.add(used.flatMap(LastUsed::service).orElse(NOT_APPLICABLE));
            } else {
                row.addAll(List.of("false", NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE));
            }
        }
        List<SigningCertificate> certificates = view.signingCertificates(userName).stream()
                .sorted(Comparator.comparing(SigningCertificate::uploadDate)).toList();
        for (int i = 0; i < 2; i++) {
            if (i < certificates.size()) {
                row.add(String.valueOf(certificates.get(i).status() == AccessKey.Status.Active));
                row.add(date(certificates.get(i).uploadDate()));
            } else {
                row.addAll(List.of("false", NOT_APPLICABLE));
            }
        }
    }

    private static String date(Instant instant) {
        return DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
