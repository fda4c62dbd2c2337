package dev.lanyard.iamapi;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Arn;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.spi.UsageStore.Kind;
import dev.lanyard.iamapi.UsageTracker.Access;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Service last-accessed data of an organization's root or one of its accounts: for every service the organization
 * allows (Lanyard has no service control policies, so every service it can name, and any other one that was used),
 * the latest attempt by any principal (root user, IAM user, role) of an account in scope, where, from which account,
 * and how many accounts attempted it.
 */
record OrganizationsAccessReport(List<Detail> details) {

    /** One service; without an attempt only its names. */
    record Detail(String namespace, Optional<Access> last, Optional<String> entityPath, int accounts) {
        String name() {
            return ServiceNames.name(namespace);
        }
    }

    /** AWS's entity path of an account: {@code o-ORG/r-ROOT/ACCOUNT} (Lanyard has no organizational units). */
    static String accountPath(Organization org, String account) {
        return rootPath(org) + "/" + account;
    }

    static String rootPath(Organization org) {
        return org.id() + "/" + org.rootId();
    }

    static OrganizationsAccessReport of(Organization org, Set<AccountId> scope, UsageTracker usage) {
        Map<String, Access> latest = new HashMap<>();
        Map<String, Set<String>> accounts = new HashMap<>();
        SortedSet<String> namespaces = new TreeSet<>(ServiceNames.KNOWN.keySet());
        for (Access access : usage.accesses(Kind.SERVICE)) {
            Optional<AccountId> account = Arn.parse(access.entityArn()).flatMap(Arn::accountId);
            if (account.isPresent() && scope.contains(account.get())) {
                namespaces.add(access.accessed());
                latest.merge(access.accessed(), access, (a, b) -> b.used().date().isAfter(a.used().date()) ? b : a);
                accounts.computeIfAbsent(access.accessed(), n -> new HashSet<>()).add(account.get().value());
            }
        }
        List<Detail> details = new ArrayList<>();
        for (String namespace : namespaces) {
            Optional<Access> last = Optional.ofNullable(latest.get(namespace));
            details.add(new Detail(namespace, last, last.flatMap(a -> Arn.parse(a.entityArn()))
                    .flatMap(Arn::accountId).map(a -> accountPath(org, a.value())),
                    accounts.getOrDefault(namespace, Set.of()).size()));
        }
        return new OrganizationsAccessReport(List.copyOf(details));
    }

    /** The details in the order GetOrganizationsAccessReport's SortKey names (default: namespace ascending). */
    List<Detail> sorted(String sortKey) {
        Comparator<Detail> byNamespace = Comparator.comparing(Detail::namespace);
        Comparator<Detail> byTime = Comparator.comparing(d -> d.last().map(a -> a.used().date())
                .orElse(Instant.MIN));
        Comparator<Detail> order = switch (sortKey) {
            case "SERVICE_NAMESPACE_DESCENDING" -> byNamespace.reversed();
            case "LAST_AUTHENTICATED_TIME_ASCENDING" -> byTime.thenComparing(byNamespace);
            case "LAST_AUTHENTICATED_TIME_DESCENDING" -> byTime.reversed().thenComparing(byNamespace);
            default -> byNamespace;
        };
        return details.stream().sorted(order).toList();
    }
}
