package dev.profiles.catalog.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body handler that keeps at most {@code max} bytes: a declared {@code
 * Content-Length} above the limit is refused before any byte is read, and a body without one
 * (chunked, or read until the connection closes) is cut off, and its connection dropped, as
 * soon as it passes the limit. A catalog (or a proxy in front of it) can therefore never make
 * the client hold more than the limit in memory, whatever it sends.
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {
  /** The body was larger than allowed; never retried. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  private final long max;

  BoundedBody(long max) {
    this.max = max;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    Optional<String> declared = info.headers().firstValue("Content-Length");
    long length = -1;
    if (declared.isPresent()) {
      try {
        length = Long.parseLong(declared.get().trim());
      } catch (NumberFormatException malformed) {
        // The HTTP client itself rejects a malformed length; nothing to decide here.
      }
    }
    return new Subscriber(length > max ? Optional.of("declares a body of " + length
        + " bytes, more than the " + max + " allowed") : Optional.empty());
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Optional<String> refused;
    private Flow.Subscription subscription;

    Subscriber(Optional<String> refused) {
      this.refused = refused;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (refused.isPresent()) {
        s.cancel();
        result.completeExceptionally(new TooLargeException(refused.get()));
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if ((long) buffer.size() + b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new TooLargeException("sent a body of more than the "
              + max + " bytes allowed"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        buffer.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }
}
