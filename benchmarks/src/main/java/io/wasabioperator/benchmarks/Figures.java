package io.wasabioperator.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one run: printed as one table, and written as JSON with the machine they ran on. */
final class Figures {
  /**
   * @param floor what the same work costs without the operator, in the same unit; null when there is none
   */
  record Figure(String section, String name, double value, String unit, Double floor, String floorName) {
    Double ratio() {
      return floor == null || floor == 0 ? null : value / floor;
    }
  }

  private final List<Figure> figures = new ArrayList<>();

  void add(String section, String name, double value, String unit) {
    figures.add(new Figure(section, name, value, unit, null, null));
    System.out.printf("  %s: %s = %s %s%n", section, name, format(value), unit);
  }

  void add(String section, String name, double value, String unit, double floor, String floorName) {
    figures.add(new Figure(section, name, value, unit, floor, floorName));
    System.out.printf("  %s: %s = %s %s (floor, %s: %s)%n", section, name, format(value), unit, floorName,
        format(floor));
  }

  static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch");
  }

  void print() {
    System.out.printf("%nwasabi-operator benchmarks (%s)%n%n", machine());
    String row = "| %-13s | %-52s | %12s | %-8s | %12s | %6s |%n";
    System.out.printf(row, "section", "figure", "value", "unit", "floor", "ratio");
    System.out.printf(row, "-".repeat(13), "-".repeat(52), "-".repeat(12), "-".repeat(8), "-".repeat(12), "-".repeat(6));
    for (Figure f : figures) {
      System.out.printf(row, f.section(), f.name(), format(f.value()), f.unit(),
          f.floor() == null ? "" : format(f.floor()), f.ratio() == null ? "" : String.format("%.2f", f.ratio()));
    }
    List<String> floors = figures.stream().filter(f -> f.floorName() != null)
        .map(f -> f.section() + " / " + f.name() + ": " + f.floorName()).toList();
    System.out.println();
    System.out.println("Floors:");
    floors.forEach(line -> System.out.println("  " + line));
  }

  void write(Path file) throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("machine", machine());
    document.put("figures", figures.stream().map(f -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("section", f.section());
      entry.put("figure", f.name());
      entry.put("value", f.value());
      entry.put("unit", f.unit());
      if (f.floor() != null) {
        entry.put("floor", f.floor());
        entry.put("floorIs", f.floorName());
        entry.put("ratio", f.ratio());
      }
      return entry;
    }).toList());
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    System.out.println("Written to " + file);
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.format("%,d", (long) value)
        : String.format("%,.2f", value);
  }
}
