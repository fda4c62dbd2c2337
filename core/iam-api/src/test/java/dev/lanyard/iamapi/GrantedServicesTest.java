package dev.lanyard.iamapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.policy.ParseResult;
import dev.lanyard.policy.PolicyDocument;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.policy.PolicyParser;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which services a policy grants, as service last-accessed data and ListPoliciesGrantingServiceAccess count them. */
class GrantedServicesTest {

    private static PolicyDocument policy(String statements) {
        return ((ParseResult.Valid) PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":["
                + statements + "]}", PolicyKind.INLINE)).document();
    }

    @Test
    void namedNamespacesOfAllowStatementsOnly() {
        assertThat(GrantedServices.of(policy("{\"Effect\":\"Allow\",\"Action\":[\"S3:GetObject\",\"iam:*\","
                + "\"codeguru:List*\"],\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"ec2:*\","
                + "\"Resource\":\"*\"}"))).containsExactly("codeguru", "iam", "s3");
    }

    @Test
    void wildcardNamespacesMatchTheKnownServices() {
        assertThat(GrantedServices.of(policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}")))
                .containsExactlyElementsOf(ServiceNames.KNOWN.keySet());
        assertThat(GrantedServices.of(policy("{\"Effect\":\"Allow\",\"Action\":\"*:List*\",\"Resource\":\"*\"}")))
                .containsExactlyElementsOf(ServiceNames.KNOWN.keySet());
    }

    @Test
    void notActionGrantsEveryKnownServiceItDoesNotExcludeWhole() {
        TreeSet<String> expected = new TreeSet<>(ServiceNames.KNOWN.keySet());
        expected.remove("iam");
        assertThat(GrantedServices.of(policy("{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"s3:Delete*\"],"
                + "\"Resource\":\"*\"}"))).containsExactlyElementsOf(expected);
    }
}
