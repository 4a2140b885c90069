package io.imagestore.bridge.ftp;

import io.imagestore.bridge.namespace.NamespaceStore;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.User;
import software.amazon.awssdk.services.s3.S3Client;

/** Gives each session a view confined to its account's home prefix. */
final class ObjectStoreFileSystemFactory implements FileSystemFactory {
  private final NamespaceStore namespace;
  private final S3Client s3;
  private final String bucket;

  ObjectStoreFileSystemFactory(NamespaceStore namespace, S3Client s3, String bucket) {
    this.namespace = namespace;
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public FileSystemView createFileSystemView(User user) {
    return new ObjectStoreFileSystemView(user.getName(), user.getHomeDirectory(), namespace, s3, bucket);
  }
}
