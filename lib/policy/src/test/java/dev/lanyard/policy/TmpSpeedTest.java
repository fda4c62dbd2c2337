package dev.lanyard.policy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TmpSpeedTest {
    @Test
    void speed() {
        PolicyDocument doc = Policies.parse("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:List*\",\"iam:*User*\"],\"Resource\":[\"arn:aws:s3:::bucket/home/${aws:username}/*\",\"arn:aws:iam::*:user/${aws:username}\"]},"
                + "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::111122223333:role/*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"red\"},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}},"
                + "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2024-01-01T00:00:00Z\"}}}]}");
        ContextKeys keys = ContextKeys.builder().put("aws:username", "alice").put("aws:PrincipalTag/team", "red")
                .put("aws:SourceIp", "10.1.2.3").put("aws:TokenIssueTime", "2024-06-01T00:00:00Z").build();
        RequestContext ctx = new RequestContext("sts:AssumeRole", "arn:aws:iam::111122223333:role/Deploy", Optional.empty(), keys);
        List<LabeledPolicy> policies = List.of(Policies.inline("p", doc));
        PolicyEvaluator ev = new PolicyEvaluator();
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            int allowed = 0;
            for (int i = 0; i < 1_000_000; i++) {
                allowed += ev.evaluate(policies, ctx).effect() == SetEffect.ALLOW ? 1 : 0;
            }
            System.out.println("SPEED ns/eval " + (System.nanoTime() - t) / 1_000_000.0 + " " + allowed);
        }
        long t = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            PolicyParser.parse(doc.source(), PolicyKind.INLINE);
        }
        System.out.println("SPEED us/parse " + (System.nanoTime() - t) / 20_000 / 1000.0);
    }
}
