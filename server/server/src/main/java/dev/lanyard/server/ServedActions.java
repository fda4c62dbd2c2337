package dev.lanyard.server;

import dev.lanyard.pipeline.ApiHandler;
import dev.lanyard.s3.S3Operation;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operations a node serves, as "service:Action": what the metrics may name. The S3 gateway's operations are named
 * whether or not it listens (a node without it never reports one, so no series is created for them).
 */
final class ServedActions {
    private ServedActions() {
    }

    static Set<String> of(ApiHandler.Apis apis) {
        return Stream.of(
                apis.sts().operations().keySet().stream().map(action -> apis.sts().service() + ":" + action),
                apis.iam().operations().keySet().stream().map(action -> apis.iam().service() + ":" + action),
                apis.organizations().operations().keySet().stream()
                        .map(action -> apis.organizations().service() + ":" + action),
                Arrays.stream(S3Operation.values()).map(operation -> "s3:" + operation.awsName()))
                .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());
    }
}
