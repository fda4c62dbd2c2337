package dev.lanyard.authz;

import dev.lanyard.query.model.InputValidator;
import dev.lanyard.query.model.ResultShaper;
import dev.lanyard.query.model.ServiceModel;
import dev.lanyard.query.model.ServiceStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A service's operations held to its API model, once for all of them: each request's parameters are checked against
 * the operation's input shape before the operation runs, and its result takes the output shape's form (member order,
 * result element). An operation added later is covered without doing anything.
 */
public final class ModelledOperations {
    private ModelledOperations() {}

    public static Map<String, Operation> wrap(ServiceModel model, ServiceStyle style,
            Map<String, Operation> operations) {
        InputValidator validator = new InputValidator(model, style);
        ResultShaper shaper = new ResultShaper(model, style);
        Map<String, Operation> wrapped = new HashMap<>();
        operations.forEach((name, operation) -> wrapped.put(name, call -> {
            validator.validate(name, call.parameters());
            return shaper.shape(name, operation.handle(call));
        }));
        return Map.copyOf(wrapped);
    }

    /** A model file shipped beside a class (see lib/query-protocol/models/derive_models.py). */
    public static ServiceModel load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource missing: " + resource);
            }
            return ServiceModel.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
