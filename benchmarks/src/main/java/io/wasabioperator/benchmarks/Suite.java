package io.wasabioperator.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every benchmark, one after the other, each beside its floor: one table on stdout and the same
 * figures as JSON in benchmarks/target/benchmark-results.json. Arguments name the sections to run
 * (signing, signing-api, issue, renewal, memory, start-up, probe, plugin); none runs them all.
 */
public final class Suite {
  private Suite() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-benchmarks.xml");
    }
    List<String> wanted = List.of(args);
    Figures figures = new Figures();
    long start = System.nanoTime();
    for (Section section : List.of(
        new Section(Signing.SECTION, "the operator's signer and the SDK's presigner under JMH", Signing::run),
        new Section(SigningApiLoad.SECTION, "the signing API over HTTPS: batches of 1 and 100 keys, 1 and 16 callers",
            SigningApiLoad::run),
        new Section(IssueThroughput.SECTION, "1,000 new requests", f -> IssueThroughput.run(f, 1000)),
        new Section(RenewalStorm.SECTION, "1,000 MIRAX requests due at once", f -> RenewalStorm.run(f, 1000)),
        new Section(MemoryFootprint.SECTION, "the operator's jar over 10,000 requests, then 10,000 unrelated "
            + "Secrets more; its start-up peak with and without 10,000 unrelated Secrets",
            f -> MemoryFootprint.run(f, 10_000)),
        new Section(StartUp.SECTION, "the operator's jar over 100 existing requests", f -> StartUp.run(f, 100)),
        new Section(ProbeCost.SECTION, "100 integrations of each kind", f -> ProbeCost.run(f, 100)),
        new Section(PluginStartUp.SECTION, "kubectl wasabi status against the sandbox, 11 runs each way",
            f -> PluginStartUp.run(f, 11)))) {
      if (wanted.isEmpty() || wanted.contains(section.name())) {
        System.out.println("Running " + section.name() + ": " + section.what() + " ...");
        section.body().run(figures);
      }
    }
    figures.print();
    System.out.printf("%nRan in %d s.%n", (System.nanoTime() - start) / 1_000_000_000L);
    figures.write(targetDirectory().resolve("benchmark-results.json"));
    System.exit(0);
  }

  private record Section(String name, String what, Body body) {}

  @FunctionalInterface
  private interface Body {
    void run(Figures figures) throws Exception;
  }

  /** The benchmarks jar this runs from. */
  static Path jar() {
    try {
      return Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path targetDirectory() {
    return jar().getParent();
  }
}
