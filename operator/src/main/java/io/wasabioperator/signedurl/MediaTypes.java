package io.wasabioperator.signedurl;

import java.util.regex.Pattern;

/** The Content-Type a presigned PUT may be signed for: one media type, parameters allowed, no line breaks. */
public final class MediaTypes {
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=[^\\p{Cntrl};]+)*");

  private MediaTypes() {}

  public static boolean isValid(String contentType) {
    return contentType.length() <= 255 && CONTENT_TYPE.matcher(contentType).matches();
  }
}
