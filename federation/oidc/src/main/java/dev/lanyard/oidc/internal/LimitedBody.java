package dev.lanyard.oidc.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects a response body of at most {@code max} bytes and cancels the exchange as soon as it is exceeded. */
public final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body was larger than allowed. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    private final int max;
    private final long declaredLength;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /** @param declaredLength the Content-Length, or -1 if none */
    public LimitedBody(int max, long declaredLength) {
        this.max = max;
        this.declaredLength = declaredLength;
    }

    /** A handler that reads 200 bodies within the limit and discards any other body. */
    public static HttpResponse.BodyHandler<byte[]> handler(int max) {
        return info -> info.statusCode() == 200
                ? new LimitedBody(max, info.headers().firstValueAsLong("content-length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(new byte[0]);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredLength > max) {
            subscription.cancel();
            result.completeExceptionally(new TooLargeException("Content-Length " + declaredLength + " exceeds "
                    + max + " bytes"));
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + item.remaining() > max) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException("body exceeds " + max + " bytes"));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }
}
