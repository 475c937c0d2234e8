package io.wasabioperator.signedurl;

import java.util.Locale;

/** MIRAX (.mrxs) slides keep their image data in a companion folder next to the slide file. */
final class MiraxSlides {
  static final String EXTENSION = ".mrxs";

  private MiraxSlides() {}

  static boolean isSlide(String key) {
    return key.toLowerCase(Locale.ROOT).endsWith(EXTENSION) && key.length() > EXTENSION.length();
  }
}
