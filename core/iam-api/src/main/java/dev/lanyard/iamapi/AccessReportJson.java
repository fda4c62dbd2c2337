package dev.lanyard.iamapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.iam.spi.UsageStore.LastUsed;
import dev.lanyard.iamapi.AccessAdvisorTarget.Principal;
import dev.lanyard.iamapi.AccessReportJobs.OrganizationsReport;
import dev.lanyard.iamapi.AccessReportJobs.Report;
import dev.lanyard.iamapi.AccessReportJobs.ServiceReport;
import dev.lanyard.iamapi.ServiceLastAccessed.Granularity;
import dev.lanyard.iamapi.ServiceLastAccessed.Service;
import dev.lanyard.iamapi.UsageTracker.Access;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A report job's data as the JSON body the report store keeps, and back: the report as it stood when it was
 * generated, whichever node reads it. Times are ISO 8601 instants, so they come back exactly.
 */
final class AccessReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessReportJson() {}

    static String write(Report report) {
        ObjectNode root = JSON.createObjectNode();
        switch (report) {
            case ServiceReport service -> {
                root.put("granularity", service.granularity().name());
                ArrayNode services = root.putArray("services");
                service.data().services().forEach(s -> services.add(service(s)));
                ArrayNode principals = root.putArray("principals");
                service.data().principals().forEach(p -> principals.add(principal(p)));
            }
            case OrganizationsReport organizations -> {
                ArrayNode details = root.putArray("details");
                organizations.data().details().forEach(d -> details.add(detail(d)));
            }
        }
        return root.toString();
    }

    static ServiceReport readService(String body) {
        JsonNode root = parse(body);
        List<Service> services = list(root.path("services"), AccessReportJson::service);
        List<Principal> principals = list(root.path("principals"), AccessReportJson::principal);
        return new ServiceReport(Granularity.valueOf(root.path("granularity").asText()),
                new ServiceLastAccessed(services, principals));
    }

    static OrganizationsReport readOrganizations(String body) {
        return new OrganizationsReport(new OrganizationsAccessReport(list(parse(body).path("details"),
                AccessReportJson::detail)));
    }

    private static ObjectNode service(Service service) {
        ObjectNode node = JSON.createObjectNode().put("namespace", service.namespace());
        service.last().ifPresent(last -> node.set("last", access(last)));
        ArrayNode byPrincipal = node.putArray("byPrincipal");
        service.byPrincipal().values().forEach(a -> byPrincipal.add(access(a)));
        ArrayNode actions = node.putArray("actions");
        service.actions().forEach(a -> actions.add(access(a)));
        return node;
    }

    private static Service service(JsonNode node) {
        Map<String, Access> byPrincipal = new HashMap<>();
        list(node.path("byPrincipal"), AccessReportJson::access).forEach(a -> byPrincipal.put(a.entityArn(), a));
        return new Service(node.path("namespace").asText(), optional(node, "last").map(AccessReportJson::access),
                Map.copyOf(byPrincipal), list(node.path("actions"), AccessReportJson::access));
    }

    private static ObjectNode access(Access access) {
        ObjectNode node = JSON.createObjectNode().put("accessed", access.accessed())
                .put("entityArn", access.entityArn()).put("date", access.used().date().toString())
                .put("region", access.used().region());
        access.used().service().ifPresent(s -> node.put("service", s));
        return node;
    }

    private static Access access(JsonNode node) {
        return new Access(node.path("accessed").asText(), node.path("entityArn").asText(),
                new LastUsed(Instant.parse(node.path("date").asText()),
                        optional(node, "service").map(JsonNode::asText), node.path("region").asText()));
    }

    private static ObjectNode principal(Principal p) {
        return JSON.createObjectNode().put("arn", p.arn()).put("name", p.name()).put("type", p.type())
                .put("id", p.id()).put("path", p.path()).put("created", p.created().toString());
    }

    private static Principal principal(JsonNode node) {
        return new Principal(node.path("arn").asText(), node.path("name").asText(), node.path("type").asText(),
                node.path("id").asText(), node.path("path").asText(), Instant.parse(node.path("created").asText()));
    }

    private static ObjectNode detail(OrganizationsAccessReport.Detail detail) {
        ObjectNode node = JSON.createObjectNode().put("namespace", detail.namespace());
        detail.last().ifPresent(last -> node.set("last", access(last)));
        detail.entityPath().ifPresent(p -> node.put("entityPath", p));
        return node.put("accounts", detail.accounts());
    }

    private static OrganizationsAccessReport.Detail detail(JsonNode node) {
        return new OrganizationsAccessReport.Detail(node.path("namespace").asText(),
                optional(node, "last").map(AccessReportJson::access),
                optional(node, "entityPath").map(JsonNode::asText), node.path("accounts").asInt());
    }

    private static Optional<JsonNode> optional(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(n -> !n.isNull());
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        array.forEach(item -> items.add(read.apply(item)));
        return List.copyOf(items);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored report job is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
