package io.wasabioperator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The permissions the mode needs, as the last probe found them. */
public class Permissions {
  @JsonPropertyDescription("s3:GetObject on the granted prefix.")
  private PermissionState read;

  @JsonPropertyDescription("s3:PutObject on the write prefix (ReadWrite mode).")
  private PermissionState write;

  @JsonPropertyDescription("s3:ListBucket on the granted prefix (MIRAX support).")
  private PermissionState list;

  public Permissions() {}

  public Permissions(PermissionState read, PermissionState write, PermissionState list) {
    this.read = read;
    this.write = write;
    this.list = list;
  }

  public PermissionState getRead() {
    return read;
  }

  public void setRead(PermissionState read) {
    this.read = read;
  }

  public PermissionState getWrite() {
    return write;
  }

  public void setWrite(PermissionState write) {
    this.write = write;
  }

  public PermissionState getList() {
    return list;
  }

  public void setList(PermissionState list) {
    this.list = list;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Permissions p && read == p.read && write == p.write && list == p.list;
  }

  @Override
  public int hashCode() {
    return Objects.hash(read, write, list);
  }
}
