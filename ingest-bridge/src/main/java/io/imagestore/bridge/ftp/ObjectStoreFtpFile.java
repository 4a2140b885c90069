package io.imagestore.bridge.ftp;

import io.imagestore.bridge.namespace.NamespaceEntry;
import io.imagestore.bridge.security.VirtualPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.ftpserver.ftplet.FtpFile;

/**
 * A path in an account's namespace as ftpserver's commands see it (CWD, SIZE, MDTM, LIST, MLSD,
 * DELE, RMD, RETR). Uploads never go through {@link #createOutputStream}: STOR is the bridge's own
 * command, APPE and STOU are refused.
 */
final class ObjectStoreFtpFile implements FtpFile {
  enum Kind { DIRECTORY, FILE, MISSING }

  private final ObjectStoreFileSystemView view;
  private final String path;
  private final Kind kind;
  private final NamespaceEntry entry;

  ObjectStoreFtpFile(ObjectStoreFileSystemView view, String path, Kind kind, NamespaceEntry entry) {
    this.view = view;
    this.path = path;
    this.kind = kind;
    this.entry = entry;
  }

  NamespaceEntry entry() {
    return entry;
  }

  @Override
  public String getAbsolutePath() {
    return path;
  }

  @Override
  public String getName() {
    return VirtualPaths.name(path);
  }

  @Override
  public boolean isHidden() {
    return false;
  }

  @Override
  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  @Override
  public boolean isFile() {
    return kind == Kind.FILE;
  }

  @Override
  public boolean doesExist() {
    return kind != Kind.MISSING;
  }

  @Override
  public boolean isReadable() {
    return doesExist();
  }

  @Override
  public boolean isWritable() {
    // Creating a directory or a file is allowed where none exists; published files are immutable.
    return kind == Kind.MISSING || (kind == Kind.FILE && !entry.published());
  }

  /** DELE only of the account's own unpublished upload (a temporary name); RMD of an empty directory. */
  @Override
  public boolean isRemovable() {
    return (kind == Kind.FILE && !entry.published()) || (kind == Kind.DIRECTORY && !path.equals("/"));
  }

  @Override
  public String getOwnerName() {
    return view.userName();
  }

  @Override
  public String getGroupName() {
    return "imagestore";
  }

  @Override
  public int getLinkCount() {
    return kind == Kind.DIRECTORY ? 2 : 1;
  }

  @Override
  public long getLastModified() {
    return kind == Kind.FILE ? entry.receivedAt().toEpochMilli() : 0L;
  }

  @Override
  public boolean setLastModified(long time) {
    return false;
  }

  @Override
  public long getSize() {
    return kind == Kind.FILE ? entry.size() : 0L;
  }

  @Override
  public Object getPhysicalFile() {
    return kind == Kind.FILE ? entry.objectKey() : null;
  }

  @Override
  public boolean mkdir() {
    return view.makeDirectory(path);
  }

  @Override
  public boolean delete() {
    return view.delete(this);
  }

  @Override
  public boolean move(FtpFile destination) {
    // RNTO is the bridge's own command; nothing else may move files.
    return false;
  }

  @Override
  public List<? extends FtpFile> listFiles() {
    if (kind != Kind.DIRECTORY) {
      return null;
    }
    return new ArrayList<>(view.list(path));
  }

  @Override
  public OutputStream createOutputStream(long offset) throws IOException {
    throw new IOException("uploads are accepted through STOR only");
  }

  @Override
  public InputStream createInputStream(long offset) throws IOException {
    if (kind != Kind.FILE) {
      throw new IOException("not a file: " + path);
    }
    return view.openOriginal(entry, offset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectStoreFtpFile f && f.path.equals(path) && f.view == view;
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }
}
