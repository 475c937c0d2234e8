package io.wasabioperator.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers every request with one recorded S3 error response, for errors
 * S3Proxy cannot produce (a wrong-region redirect, a server error).
 */
public final class RecordedS3Stub implements AutoCloseable {
  /** What Wasabi answers when a bucket is addressed through another region's endpoint. */
  public static final Response WRONG_REGION = new Response(301, Map.of("x-amz-bucket-region", "eu-central-2"), """
      <?xml version="1.0" encoding="UTF-8"?>
      <Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed \
      using the specified endpoint. Please send all future requests to this endpoint.</Message>\
      <Bucket>%s</Bucket><Endpoint>s3.eu-central-2.wasabisys.com</Endpoint><RequestId>7A1F2B3C4D5E6F70</RequestId>\
      <HostId>stub</HostId></Error>""");
  public static final Response INTERNAL_ERROR = new Response(500, Map.of(), """
      <?xml version="1.0" encoding="UTF-8"?>
      <Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message>\
      <RequestId>0A1B2C3D4E5F6071</RequestId><HostId>stub</HostId></Error>""");

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  public RecordedS3Stub(Response response) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/xml");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
      if (!head) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  public record Response(int status, Map<String, String> headers, String body) {}
}
