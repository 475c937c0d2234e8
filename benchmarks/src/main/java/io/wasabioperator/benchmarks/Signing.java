package io.wasabioperator.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link SigningBenchmark} under JMH, with the forks and iterations its annotations give. */
final class Signing {
  static final String SECTION = "signing";

  private Signing() {}

  static void run(Figures figures) throws Exception {
    double operator = 0;
    double operatorError = 0;
    double sdk = 0;
    double sdkError = 0;
    for (RunResult result : new Runner(new OptionsBuilder().include(SigningBenchmark.class.getName())
        .verbosity(VerboseMode.SILENT).build()).run()) {
      String benchmark = result.getParams().getBenchmark();
      double score = result.getPrimaryResult().getScore();
      double error = result.getPrimaryResult().getScoreError();
      if (benchmark.endsWith("operatorSigningPath")) {
        operator = score;
        operatorError = error;
      } else if (benchmark.endsWith("sdkPresignerFloor")) {
        sdk = score;
        sdkError = error;
      }
    }
    figures.add(SECTION, "ns per presigned GET URL (JMH, 3 forks)", operator, "ns", sdk,
        "the AWS SDK's S3Presigner, same inputs");
    figures.add(SECTION, "± of the operator's figure (99.9% confidence)", operatorError, "ns");
    figures.add(SECTION, "± of the S3Presigner's figure (99.9% confidence)", sdkError, "ns");
  }
}
