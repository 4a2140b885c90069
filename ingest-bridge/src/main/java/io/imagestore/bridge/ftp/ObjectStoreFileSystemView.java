package io.imagestore.bridge.ftp;

import io.imagestore.bridge.ftp.ObjectStoreFtpFile.Kind;
import io.imagestore.bridge.namespace.NamespaceEntry;
import io.imagestore.bridge.namespace.NamespaceStore;
import io.imagestore.bridge.security.VirtualPaths;
import io.imagestore.bridge.security.VirtualPaths.RejectedPathException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One session's view of its account's namespace. Paths are checked by {@link VirtualPaths}: a
 * rejected path makes {@link #getFile} throw, which ftpserver's commands answer with 550.
 */
final class ObjectStoreFileSystemView implements FileSystemView {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreFileSystemView.class);

  private final String user;
  private final String home;
  private final NamespaceStore namespace;
  private final S3Client s3;
  private final String bucket;
  /** Directories this session has seen exist: saves a listing per STOR into the same folder. */
  private final Set<String> knownDirectories = ConcurrentHashMap.newKeySet();
  private volatile String cwd = "/";

  ObjectStoreFileSystemView(String user, String home, NamespaceStore namespace, S3Client s3, String bucket) {
    this.user = user;
    this.home = home;
    this.namespace = namespace;
    this.s3 = s3;
    this.bucket = bucket;
    knownDirectories.add("/");
  }

  String userName() {
    return user;
  }

  String home() {
    return home;
  }

  /** Checks a resolved upload path before anything is written for it. */
  @FunctionalInterface
  interface UploadPathCheck {
    void check(String path) throws RejectedPathException;
  }

  /**
   * The target of a STOR or RNTO, or a reason to refuse it (550; a name the bridge does not store,
   * {@link VirtualPaths.NameNotAllowedException}, 553). {@code check} runs before the missing parent
   * folders are recorded, so a refused upload leaves nothing behind.
   */
  String resolveUploadTarget(String arg, UploadPathCheck check) throws RejectedPathException {
    String path = VirtualPaths.resolve(cwd, arg);
    if (path.equals("/")) {
      throw new RejectedPathException("not a file name");
    }
    check.check(path);
    if (directoryExists(path)) {
      throw new RejectedPathException(path + " is a directory");
    }
    makeParents(path);
    return path;
  }

  String resolve(String arg) throws RejectedPathException {
    return VirtualPaths.resolve(cwd, arg);
  }

  Optional<NamespaceEntry> entry(String path) {
    return namespace.entry(home, path);
  }

  @Override
  public FtpFile getHomeDirectory() {
    return new ObjectStoreFtpFile(this, "/", Kind.DIRECTORY, null);
  }

  @Override
  public FtpFile getWorkingDirectory() {
    return new ObjectStoreFtpFile(this, cwd, Kind.DIRECTORY, null);
  }

  /**
   * Directories are implicit, as prefixes are in an object store: CWD into a folder that does not
   * exist yet succeeds (curl and many cameras CWD before STOR without MKD), and the upload then
   * creates it. Only a file's path is refused.
   */
  @Override
  public boolean changeWorkingDirectory(String dir) throws FtpException {
    String path = checked(dir);
    try {
      if (!path.equals("/") && namespace.entry(home, path).isPresent()) {
        return false;
      }
    } catch (SdkException e) {
      throw new FtpException("object store unavailable: " + e.getMessage(), e);
    }
    cwd = path;
    return true;
  }

  /** Records every missing folder above {@code path}, so listings show where the upload went. */
  private void makeParents(String path) throws RejectedPathException {
    String parent = VirtualPaths.parent(path);
    if (directoryExists(parent)) {
      return;
    }
    if (namespace.entry(home, parent).isPresent()) {
      throw new RejectedPathException(parent + " is a file");
    }
    makeParents(parent);
    namespace.makeDirectory(home, parent);
    knownDirectories.add(parent);
  }

  @Override
  public FtpFile getFile(String file) throws FtpException {
    String path = checked(file);
    try {
      Optional<NamespaceEntry> entry = namespace.entry(home, path);
      if (entry.isPresent()) {
        return new ObjectStoreFtpFile(this, path, Kind.FILE, entry.get());
      }
      // The working directory exists even when only implicitly (CWD before the first upload):
      // LIST of it is an empty listing, as NLST and MLSD are, not "450 no such directory".
      boolean directory = path.equals(cwd) || directoryExists(path);
      return new ObjectStoreFtpFile(this, path, directory ? Kind.DIRECTORY : Kind.MISSING, null);
    } catch (SdkException e) {
      throw new FtpException("object store unavailable: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isRandomAccessible() {
    return false;
  }

  @Override
  public void dispose() {
    knownDirectories.clear();
  }

  boolean makeDirectory(String path) {
    try {
      if (!directoryExists(VirtualPaths.parent(path)) || namespace.entry(home, path).isPresent()) {
        return false;
      }
      namespace.makeDirectory(home, path);
      knownDirectories.add(path);
      return true;
    } catch (SdkException e) {
      LOG.warn("MKD failed user={} path={}: {}", user, path, e.toString());
      return false;
    }
  }

  boolean delete(ObjectStoreFtpFile file) {
    try {
      if (file.isDirectory()) {
        knownDirectories.remove(file.getAbsolutePath());
        return namespace.removeDirectory(home, file.getAbsolutePath());
      }
      if (file.isFile() && !file.entry().published()) {
        // The bytes stay under their hash: another upload may share them.
        namespace.deleteEntry(home, file.getAbsolutePath());
        return true;
      }
      return false;
    } catch (SdkException e) {
      LOG.warn("delete failed user={} path={}: {}", user, file.getAbsolutePath(), e.toString());
      return false;
    }
  }

  List<ObjectStoreFtpFile> list(String dir) {
    NamespaceStore.Listing listing = namespace.list(home, dir);
    List<ObjectStoreFtpFile> files = new ArrayList<>();
    String base = dir.equals("/") ? "" : dir;
    for (String d : listing.directories()) {
      files.add(new ObjectStoreFtpFile(this, base + "/" + d, Kind.DIRECTORY, null));
    }
    for (NamespaceEntry e : listing.files()) {
      files.add(new ObjectStoreFtpFile(this, e.path(), Kind.FILE, e));
    }
    return files;
  }

  InputStream openOriginal(NamespaceEntry entry, long offset) throws IOException {
    try {
      return s3.getObject(b -> {
        b.bucket(bucket).key(entry.objectKey());
        if (offset > 0) {
          b.range("bytes=" + offset + "-");
        }
      });
    } catch (SdkException e) {
      throw new IOException("object store unavailable: " + e.getMessage(), e);
    }
  }

  private boolean directoryExists(String path) {
    if (knownDirectories.contains(path)) {
      return true;
    }
    boolean exists = namespace.isDirectory(home, path);
    if (exists) {
      knownDirectories.add(path);
    }
    return exists;
  }

  private String checked(String arg) throws FtpException {
    try {
      return VirtualPaths.resolve(cwd, arg);
    } catch (RejectedPathException e) {
      throw new FtpException(e.getMessage());
    }
  }
}
