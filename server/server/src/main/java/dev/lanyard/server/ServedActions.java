package dev.lanyard.server;

import dev.lanyard.pipeline.ApiHandler;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The operations a node serves, as "service:Action": what the metrics may name. */
final class ServedActions {
    private ServedActions() {
    }

    static Set<String> of(ApiHandler.Apis apis) {
        return Stream.of(
                apis.sts().operations().keySet().stream().map(action -> apis.sts().service() + ":" + action),
                apis.iam().operations().keySet().stream().map(action -> apis.iam().service() + ":" + action),
                apis.organizations().operations().keySet().stream()
                        .map(action -> apis.organizations().service() + ":" + action))
                .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());
    }
}
