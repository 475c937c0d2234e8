package io.wasabioperator.sandbox;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server in this process (S3Proxy, in memory) with real SigV4 checks, seeded with a
 * demo bucket: a few images and a MIRAX slide with its companion folder.
 */
final class DemoStorage implements AutoCloseable {
  static final String BUCKET = "demo-slides";
  static final String ACCESS_KEY_ID = "AKIASANDBOXDEMO00001";
  // A throwaway key for an in-memory server that lives as long as the sandbox.
  static final String SECRET_ACCESS_KEY = "sandbox-demo-secret-key-not-used-anywhere-else";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  DemoStorage() throws Exception {
    context = ContextBuilder.newBuilder("transient").overrides(new Properties()).build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .build();
    proxy.start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the S3 server did not start: " + proxy.getState());
      }
      Thread.sleep(20);
    }
    seed(context.getBlobStore());
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  private static void seed(BlobStore store) {
    store.createContainerInLocation(null, BUCKET);
    put(store, "images/tissue-1.png", png(new Color(0xE8A0BF), new Color(0x6B2D5C)), "image/png");
    put(store, "images/tissue-2.png", png(new Color(0xF5D0C5), new Color(0x8E3B46)), "image/png");
    put(store, "images/tissue-3.png", png(new Color(0xC9E4CA), new Color(0x364958)), "image/png");
    put(store, "slides/case-1.mrxs", text("[GENERAL]\nSLIDE_VERSION=01.03\n"), "application/octet-stream");
    put(store, "slides/case-1/Slidedat.ini", text("[GENERAL]\nOBJECTIVE_MAGNIFICATION=20\n"), "text/plain");
    put(store, "slides/case-1/Index.dat", new byte[4096], "application/octet-stream");
    put(store, "slides/case-1/Data0000.dat", new byte[65536], "application/octet-stream");
    put(store, "slides/case-1/Data0001.dat", new byte[65536], "application/octet-stream");
  }

  private static void put(BlobStore store, String key, byte[] body, String contentType) {
    store.putBlob(BUCKET, store.blobBuilder(key).payload(body).contentType(contentType).build());
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A small gradient, standing in for a tissue image. */
  private static byte[] png(Color from, Color to) {
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setPaint(new GradientPaint(0, 0, from, 256, 256, to));
    graphics.fillRect(0, 0, 256, 256);
    graphics.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
