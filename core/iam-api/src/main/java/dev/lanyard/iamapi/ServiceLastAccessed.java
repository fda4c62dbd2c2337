package dev.lanyard.iamapi;

import dev.lanyard.iam.spi.UsageStore.Kind;
import dev.lanyard.iamapi.AccessAdvisorTarget.Principal;
import dev.lanyard.iamapi.UsageTracker.Access;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Service last-accessed data of one report target, as it stood when the report was generated: for each service its
 * policies grant (by namespace), the latest attempt by one of its principals, how many principals attempted it, and
 * at action level the latest attempt of each action.
 */
record ServiceLastAccessed(List<Service> services, List<Principal> principals) {

    enum Granularity { SERVICE_LEVEL, ACTION_LEVEL }

    /** One granted service: its latest attempt, and each principal's latest, and each action's latest. */
    record Service(String namespace, Optional<Access> last, Map<String, Access> byPrincipal, List<Access> actions) {
        String name() {
            return ServiceNames.name(namespace);
        }
    }

    static ServiceLastAccessed of(AccessAdvisorTarget target, UsageTracker usage) {
        SortedSet<String> granted = new TreeSet<>();
        target.policies().forEach(p -> granted.addAll(GrantedServices.of(p.document())));
        Map<String, Principal> principals = new HashMap<>();
        target.principals().forEach(p -> principals.put(p.arn(), p));
        List<Access> serviceAccesses = counted(usage.accesses(Kind.SERVICE), principals);
        List<Access> actionAccesses = counted(usage.accesses(Kind.ACTION), principals);
        List<Service> services = new ArrayList<>();
        for (String namespace : granted) {
            Map<String, Access> byPrincipal = new HashMap<>();
            serviceAccesses.stream().filter(a -> a.accessed().equals(namespace))
                    .forEach(a -> byPrincipal.merge(a.entityArn(), a, ServiceLastAccessed::later));
            Map<String, Access> byAction = new HashMap<>();
            actionAccesses.stream().filter(a -> a.accessed().startsWith(namespace + ":"))
                    .forEach(a -> byAction.merge(a.accessed(), a, ServiceLastAccessed::later));
            services.add(new Service(namespace, byPrincipal.values().stream().reduce(ServiceLastAccessed::later),
                    Map.copyOf(byPrincipal), byAction.values().stream()
                            .sorted(Comparator.comparing(Access::accessed)).toList()));
        }
        return new ServiceLastAccessed(List.copyOf(services), target.principals());
    }

    /** The attempts of the target's principals made since each was created (not a deleted namesake's). */
    private static List<Access> counted(List<Access> accesses, Map<String, Principal> principals) {
        return accesses.stream().filter(a -> {
            Principal p = principals.get(a.entityArn());
            return p != null && !a.used().date().isBefore(p.created());
        }).toList();
    }

    private static Access later(Access a, Access b) {
        return b.used().date().isAfter(a.used().date()) ? b : a;
    }

    Optional<Service> service(String namespace) {
        return services.stream().filter(s -> s.namespace().equals(namespace)).findFirst();
    }
}
