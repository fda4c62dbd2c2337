package dev.lanyard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.Arn;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanyard import FILE}: loads what {@code aws iam get-account-authorization-details} printed for a real AWS
 * account into a Lanyard account, through Lanyard's own IAM API (so it works the same on every store).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import IAM users, groups, roles and customer managed policies from the JSON that"
                + " 'aws iam get-account-authorization-details' prints.")
final class ImportCommand implements Callable<Integer> {
    private static final String IAM_VERSION = "2010-05-08";
    private final ObjectMapper json = new ObjectMapper();

    @Parameters(index = "0", description = "The JSON file.")
    Path file;

    @Option(names = "--data-dir", description = "Data directory whose aws/config and aws/credentials to use"
            + " (default ${DEFAULT-VALUE}); AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and --endpoint override them.",
            defaultValue = "lanyard-data")
    Path dataDirectory;

    @Option(names = "--endpoint", description = "Lanyard's endpoint URL.")
    Optional<URI> endpoint;

    @Option(names = "--keep-account-ids", description = "Keep the source account ID in ARNs and policy documents"
            + " instead of rewriting it to the target account.")
    boolean keepAccountIds;

    private static final String TRUSTS_NOBODY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}";

    private QueryClient client;
    private final List<String> problems = new ArrayList<>();
    private int created;

    @Override
    public Integer call() throws IOException {
        JsonNode details = json.readTree(file.toFile());
        client = ClientProfile.client(dataDirectory, endpoint);
        String target = QueryClient.element(client.call("sts", "2011-06-15", "GetCallerIdentity", Map.of()),
                "Account");
        Optional<String> source = sourceAccount(details);
        AccountRewrite rewrite = new AccountRewrite(keepAccountIds ? Optional.empty() : source, target);
        for (JsonNode policy : details.path("Policies")) {
            importPolicy(policy, rewrite);
        }
        for (JsonNode group : details.path("GroupDetailList")) {
            importGroup(group, rewrite);
        }
        for (JsonNode user : details.path("UserDetailList")) {
            importUser(user, rewrite);
        }
        for (JsonNode role : details.path("RoleDetailList")) {
            importRole(role, rewrite);
        }
        // Trust policies last: IAM binds the users and roles they name, which must exist by then (roles may trust
        // each other). Until then each role trusts nobody.
        for (JsonNode role : details.path("RoleDetailList")) {
            importTrustPolicy(role, rewrite);
        }
        System.out.println("imported " + created + " changes into account " + target
                + source.map(s -> " (from " + s + ")").orElse("") + "; " + problems.size() + " problems");
        problems.forEach(p -> System.out.println("  " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    /** Replaces the source account ID in ARNs and principals with the target's. */
    record AccountRewrite(Optional<String> source, String target) {
        String apply(String text) {
            return source.filter(s -> !s.equals(target)).map(s -> text.replace(":" + s + ":", ":" + target + ":")
                    .replace("\"" + s + "\"", "\"" + target + "\"")).orElse(text);
        }
    }

    private static Optional<String> sourceAccount(JsonNode details) {
        for (String list : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
            for (JsonNode entity : details.path(list)) {
                String[] arn = entity.path("Arn").asText("").split(":");
                if (arn.length > 4 && arn[4].matches("\\d{12}")) {
                    return Optional.of(arn[4]);
                }
            }
        }
        return Optional.empty();
    }

    /** Documents come as JSON objects from the CLI and as URL-encoded strings from the raw API. */
    private String document(JsonNode node, AccountRewrite rewrite) {
        String text = node.isTextual() ? node.asText() : node.toString();
        if (node.isTextual() && text.startsWith("%")) {
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        return rewrite.apply(text);
    }

    private void apply(String what, String action, Map<String, String> params) {
        try {
            client.call("iam", IAM_VERSION, action, params);
            created++;
        } catch (QueryClient.ApiError e) {
            problems.add(what + ": " + e.getMessage());
        }
    }

    private void importPolicy(JsonNode policy, AccountRewrite rewrite) {
        if (Arn.parse(policy.path("Arn").asText()).filter(a -> a.service().equals("iam")
                && a.account().equals("aws")).isPresent()) {
            return; // AWS managed, in whichever partition the export came from: built in
        }
        String defaultVersion = policy.path("DefaultVersionId").asText("v1");
        JsonNode document = null;
        for (JsonNode version : policy.path("PolicyVersionList")) {
            if (version.path("VersionId").asText().equals(defaultVersion)) {
                document = version.path("Document");
            }
        }
        if (document == null) {
            problems.add("policy " + policy.path("PolicyName").asText() + ": no default version document");
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("PolicyName", policy.path("PolicyName").asText());
        params.put("Path", policy.path("Path").asText("/"));
        params.put("PolicyDocument", document(document, rewrite));
        if (policy.hasNonNull("Description")) {
            params.put("Description", policy.path("Description").asText());
        }
        apply("policy " + params.get("PolicyName"), "CreatePolicy", params);
    }

    private void inlineAndAttached(String kind, String nameParam, String name, JsonNode entity, String listField,
            AccountRewrite rewrite) {
        for (JsonNode inline : entity.path(listField)) {
            apply(kind + " " + name + " policy " + inline.path("PolicyName").asText(), "Put" + kind + "Policy",
                    Map.of(nameParam, name, "PolicyName", inline.path("PolicyName").asText(),
                            "PolicyDocument", document(inline.path("PolicyDocument"), rewrite)));
        }
        for (JsonNode attached : entity.path("AttachedManagedPolicies")) {
            apply(kind + " " + name + " attachment", "Attach" + kind + "Policy", Map.of(nameParam, name,
                    "PolicyArn", rewrite.apply(attached.path("PolicyArn").asText())));
        }
        if (entity.has("PermissionsBoundary") && !kind.equals("Group")) {
            apply(kind + " " + name + " boundary", "Put" + kind + "PermissionsBoundary", Map.of(nameParam, name,
                    "PermissionsBoundary", rewrite.apply(entity.path("PermissionsBoundary")
                            .path("PermissionsBoundaryArn").asText())));
        }
    }

    private static void tags(JsonNode entity, Map<String, String> params) {
        int i = 1;
        for (JsonNode tag : entity.path("Tags")) {
            params.put("Tags.member." + i + ".Key", tag.path("Key").asText());
            params.put("Tags.member." + i + ".Value", tag.path("Value").asText());
            i++;
        }
    }

    private void importGroup(JsonNode group, AccountRewrite rewrite) {
        String name = group.path("GroupName").asText();
        apply("group " + name, "CreateGroup", Map.of("GroupName", name, "Path", group.path("Path").asText("/")));
        inlineAndAttached("Group", "GroupName", name, group, "GroupPolicyList", rewrite);
    }

    private void importUser(JsonNode user, AccountRewrite rewrite) {
        String name = user.path("UserName").asText();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("UserName", name);
        params.put("Path", user.path("Path").asText("/"));
        tags(user, params);
        apply("user " + name, "CreateUser", params);
        inlineAndAttached("User", "UserName", name, user, "UserPolicyList", rewrite);
        for (JsonNode group : user.path("GroupList")) {
            apply("user " + name + " in group " + group.asText(), "AddUserToGroup",
                    Map.of("GroupName", group.asText(), "UserName", name));
        }
    }

    private void importRole(JsonNode role, AccountRewrite rewrite) {
        String name = role.path("RoleName").asText();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RoleName", name);
        params.put("Path", role.path("Path").asText("/"));
        params.put("AssumeRolePolicyDocument", TRUSTS_NOBODY);
        if (role.hasNonNull("Description")) {
            params.put("Description", role.path("Description").asText());
        }
        if (role.hasNonNull("MaxSessionDuration")) {
            params.put("MaxSessionDuration", role.path("MaxSessionDuration").asText());
        }
        tags(role, params);
        apply("role " + name, "CreateRole", params);
        inlineAndAttached("Role", "RoleName", name, role, "RolePolicyList", rewrite);
    }

    private void importTrustPolicy(JsonNode role, AccountRewrite rewrite) {
        String name = role.path("RoleName").asText();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RoleName", name);
        params.put("PolicyDocument", document(role.path("AssumeRolePolicyDocument"), rewrite));
        apply("trust policy of role " + name, "UpdateAssumeRolePolicy", params);
    }
}
